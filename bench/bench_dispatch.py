"""Issue 13's dispatch benchmark: one pass over 10,000 due reminders, each pushed to a json://
webhook on loopback (a threading HTTP sink in this process that answers 200 and counts), on
SQLite and, with BENCH_DATABASE_URL, on PostgreSQL (in a schema of its own).

1,000 accounts with 10 due reminders and one channel each. Printed: the pass's wall time and
rate (each delivery is a claim share, a `sending` commit, the Apprise send, and the outcome's
commit), then the same with two dispatcher processes at once on a fresh set, and the cost of a
pass that finds nothing new (what the loop pays every interval once everything is sent).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import create_engine, insert

from bench.databases import on_each
from server import create_app
from server.db.cli import upgrade
from server.db.models import Account, Channel, Coverage, Reminder
from server.dispatch import from_app
from server.push import apprise_urls, secrets

ACCOUNTS, PER_ACCOUNT = int(os.environ.get("BENCH_DISPATCH_ACCOUNTS", "1000")), 10
KEY = Fernet.generate_key().decode()
LOOPBACK = "127.0.0.0/8"  # the sink's network: channels may send there only when allowed
ROOT = Path(__file__).resolve().parents[1]


class Sink:
    def __init__(self):
        self.count = 0
        lock = threading.Lock()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lock:
                    sink.count += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        for port in range(18260, 18300):
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/hook"


def seed(url: str, sink_url: str, now: datetime, first: int) -> None:
    """ACCOUNTS accounts from id `first`, each with one channel and PER_ACCOUNT due reminders."""
    keys = secrets.keyring(KEY, "/nonexistent")
    masked = apprise_urls.check(sink_url).masked
    token = secrets.encrypt(keys, sink_url)
    today = now.date()
    accounts, coverages, channels, reminders = [], [], [], []
    for n in range(first, first + ACCOUNTS):
        accounts.append({"id": n, "public_id": str(uuid.uuid4()), "created_at": now})
        coverages.append({"id": n, "public_id": str(uuid.uuid4()), "account_id": n,
                          "title": f"Appliance {n}", "purchase_date": date(2026, 1, 1),
                          "tags": [], "cover_state": "dated", "covered_from": date(2026, 1, 1),
                          "covered_until": today + timedelta(days=30), "created_at": now,
                          "updated_at": now, "reminders_muted": False})
        channels.append({"public_id": str(uuid.uuid4()), "account_id": n, "name": "bench",
                         "scheme": "json", "masked": masked, "url_encrypted": token,
                         "created_at": now})
        for k in range(PER_ACCOUNT):
            fires = now - timedelta(hours=1, minutes=k)
            reminders.append({
                "public_id": str(uuid.uuid4()), "account_id": n, "coverage_id": n,
                "kind": "manufacturer_ends", "subject": "", "event_on": today + timedelta(k + 1),
                "lead_days": 30, "fires_at": fires, "state": "due", "snoozed_until": None,
                "due_at": fires, "names": [], "acked_at": None, "created_at": now,
                "updated_at": now})
    engine = create_engine(url)
    with engine.begin() as connection:
        for model, rows in ((Account, accounts), (Coverage, coverages), (Channel, channels),
                            (Reminder, reminders)):
            connection.execute(insert(model), rows)
    engine.dispose()


def one_pass(url: str) -> tuple[float, dict]:
    app = create_app({"DATABASE_URL": url, "CHANNEL_KEY": KEY,
                      "CHANNEL_PRIVATE_NETWORKS": LOOPBACK})
    with app.app_context():
        dispatcher = from_app()
        started = time.perf_counter()
        tally = dispatcher.run_pass()
        seconds = time.perf_counter() - started
    app.extensions["yanbao.page_reader"].close()
    app.extensions["yanbao.db"].kw["bind"].dispose()
    return seconds, dict(tally)


def two_processes(url: str) -> float:
    env = {**os.environ, "DATABASE_URL": url, "YANBAO_CHANNEL_KEY": KEY,
           "YANBAO_LOG_LEVEL": "WARNING", "YANBAO_CHANNEL_PRIVATE_NETWORKS": LOOPBACK}
    started = time.perf_counter()
    both = [subprocess.Popen([sys.executable, "-m", "flask", "--app", "server", "reminders",
                              "dispatch"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    for process in both:
        out = process.communicate()[0]
        if process.returncode != 0:
            raise RuntimeError(out)
    return time.perf_counter() - started


def run(label: str, url: str) -> None:
    upgrade(url)
    sink, now = Sink(), datetime.now(UTC)
    total = ACCOUNTS * PER_ACCOUNT
    seed(url, sink.url, now, 1)
    seconds, tally = one_pass(url)
    print(f"{label}: one dispatcher, {total:,} due reminders: {seconds:.1f} s, "
          f"{tally.get('sent', 0) / seconds:,.0f} deliveries/s; sink counted {sink.count:,}")
    seconds, tally = one_pass(url)
    print(f"  a pass with nothing new (everything sent): {seconds * 1000:.0f} ms")
    seed(url, sink.url, now, ACCOUNTS + 1)
    seconds = two_processes(url)
    print(f"  two dispatcher processes at once, {total:,} more: {seconds:.1f} s, "
          f"{total / seconds:,.0f} deliveries/s (process start-up included); sink counted "
          f"{sink.count:,} in all (expected {2 * total:,})")
    sink.server.shutdown()


def main() -> None:
    on_each(run, "dispatch")


if __name__ == "__main__":
    main()
