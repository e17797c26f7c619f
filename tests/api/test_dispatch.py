"""Pushing due reminders (server.dispatch) to a real loopback webhook, on SQLite and PostgreSQL:
once per reminder per channel with two dispatcher processes at once and after one is killed
with SIGKILL mid-send; retries with backoff and giving up; quiet hours; the account's language;
a snoozed reminder's second occurrence; an acknowledged one withdrawn; a clean SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cryptography.fernet import Fernet
from sink import LOOPBACK, Sink
from sqlalchemy import create_engine, text

from server import create_app
from server.dispatch import from_app

KEY = Fernet.generate_key().decode()
ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def app(database):
    app = create_app({"TESTING": True, "DATABASE_URL": database, "CHANNEL_KEY": KEY,
                      "REGISTRATION_RATE_LIMIT": "1000 per minute",
                      "CHANNEL_PRIVATE_NETWORKS": LOOPBACK})
    yield app
    app.extensions["yanbao.page_reader"].close()
    app.extensions["yanbao.db"].kw["bind"].dispose()


def coverage(client, auth, title: str, ends_in: int = 20) -> str:
    """A purchase whose warranty ends in `ends_in` days: one reminder due now (30 days ahead)."""
    today = datetime.now(SHANGHAI).date()
    response = client.post("/api/v1/coverages", headers=auth, json={
        "product": {"title": title}, "purchase_date": (today - timedelta(300)).isoformat(),
        "layers": [{"kind": "manufacturer",
                    "end_date": (today + timedelta(days=ends_in)).isoformat()}]})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def channel(client, auth, url: str) -> str:
    response = client.post("/api/v1/channels", json={"url": url}, headers=auth)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def one_pass(app, clock=None):
    with app.app_context():
        dispatcher = from_app()
        if clock is not None:
            dispatcher.clock = clock
        return dispatcher.run_pass()


def rows(app, sql: str, **params):
    engine = create_engine(app.config["DATABASE_URL"])
    with engine.connect() as connection:
        found = connection.execute(text(sql), params).all()
    engine.dispose()
    return found


def states(app) -> dict[str, int]:
    return dict(rows(app, "SELECT state, count(*) FROM deliveries GROUP BY state"))


def test_each_due_reminder_once_per_channel_in_the_account_language(app, client, auth,
                                                                     other_auth):
    with Sink() as sink:
        channel(client, auth, sink.url("/a"))
        channel(client, auth, sink.url("/b"))
        channel(client, other_auth, sink.url("/other"))
        coverage(client, auth, "Fridge")
        coverage(client, auth, "Washer", ends_in=5)  # the 7-day reminder is the one due
        coverage(client, auth, "Television", ends_in=200)  # nothing due yet
        client.patch("/api/v1/account", json={"language": "en"}, headers=other_auth)
        coverage(client, other_auth, "Laptop")
        first = one_pass(app)
        assert first["sent"] == 5 and one_pass(app)["sent"] == 0
        counted = sink.count()
        assert sorted((path, message.split("：")[0].split(":")[0])
                      for path, _, message in counted) == [
            ("/a", "Fridge"), ("/a", "Washer"), ("/b", "Fridge"), ("/b", "Washer"),
            ("/other", "Laptop")]
        assert set(counted.values()) == {1}
        titles = {path: title for path, title, _ in counted}
        assert titles["/other"] == "The manufacturer warranty ends in 20 days"
        assert "天后到期" in titles["/a"]
    mine = client.get("/api/v1/channels", headers=auth).get_json()["items"]
    assert [c["deliveries"]["sent"] for c in mine] == [2, 2]
    assert all(c["last_attempt"]["outcome"] == "sent" for c in mine)


def test_failures_are_retried_with_backoff_then_given_up(app, client, auth):
    now = [datetime.now(UTC)]
    with Sink() as sink:
        failing = channel(client, auth, sink.url("/fail"))
        coverage(client, auth, "Fridge")
        tries = []
        for step in range(40):  # 40 passes, a minute apart: 1 + 2 + 4 + 8 minutes of backoff
            tally = one_pass(app, clock=lambda: now[0])
            if tally["retry"] or tally["failed"]:
                tries.append((step, tally["failed"]))
            now[0] += timedelta(minutes=1)
        assert tries == [(0, 0), (1, 0), (3, 0), (7, 0), (15, 1)]
        assert len(sink) == 5
    detail = client.get(f"/api/v1/channels/{failing}", headers=auth).get_json()
    assert detail["deliveries"]["failed"] == 1
    [delivery] = detail["recent"]
    assert (delivery["state"], delivery["attempts"]) == ("failed", 5)
    assert "500" in delivery["last_error"] and detail["last_attempt"]["outcome"] == "failed"
    attempts = rows(app, "SELECT outcome, error FROM delivery_attempts ORDER BY id")
    assert [a.outcome for a in attempts] == ["failed"] * 5 and all("500" in a.error
                                                                   for a in attempts)


def test_quiet_hours_hold_a_delivery_until_they_end(app, client, auth):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    local = now.astimezone(SHANGHAI)
    start, end = local - timedelta(hours=1), local + timedelta(hours=1)
    quiet = {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
    assert client.patch("/api/v1/account", json={"quiet_hours": quiet},
                        headers=auth).status_code == 200
    with Sink() as sink:
        id_ = channel(client, auth, sink.url("/a"))
        coverage(client, auth, "Fridge")
        assert one_pass(app, clock=lambda: now)["quiet_hours"] == 1
        [pending] = client.get(f"/api/v1/channels/{id_}", headers=auth).get_json()["recent"]
        assert pending["state"] == "pending"
        assert pending["next_attempt_at"] == (now + timedelta(hours=1)).isoformat().replace(
            "+00:00", "Z")
        assert one_pass(app, clock=lambda: now + timedelta(minutes=59))["sent"] == 0
        assert one_pass(app, clock=lambda: now + timedelta(minutes=61))["sent"] == 1
        assert len(sink) == 1


def test_acknowledged_before_sending_is_withdrawn_and_a_snooze_is_a_new_occurrence(
        app, client, auth):
    with Sink() as sink:
        channel(client, auth, sink.url("/a"))
        coverage(client, auth, "Fridge")
        coverage(client, auth, "Washer")
        due = client.get("/api/v1/reminders", headers=auth).get_json()["items"]
        washer = next(r for r in due if r["message"].startswith("Washer"))
        fridge = next(r for r in due if r["message"].startswith("Fridge"))
        client.post(f"/api/v1/reminders/{washer['id']}/ack", headers=auth)
        assert one_pass(app)["sent"] == 1
        tomorrow = (datetime.now(SHANGHAI).date() + timedelta(days=1))
        client.post(f"/api/v1/reminders/{fridge['id']}/snooze", headers=auth,
                    json={"until": tomorrow.isoformat()})
        assert one_pass(app)["sent"] == 0  # snoozed: not due until tomorrow
        later = datetime.combine(tomorrow, datetime.min.time(), SHANGHAI) + timedelta(hours=10)
        assert one_pass(app, clock=lambda: later.astimezone(UTC))["sent"] == 1
        assert [m.split("：")[0] for _, _, m in sink.count()] == ["Fridge", "Fridge"]
        assert set(sink.count().values()) == {1}


# --- real dispatcher processes ----------------------------------------------------------------

def _env(app, **extra) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": app.config["DATABASE_URL"],
            "YANBAO_CHANNEL_KEY": KEY, "YANBAO_LOG_LEVEL": "DEBUG",
            "YANBAO_CHANNEL_PRIVATE_NETWORKS": LOOPBACK, **extra}


def _dispatcher(app, *args, **extra) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "server", "reminders", "dispatch", *args],
        cwd=ROOT, env=_env(app, **extra), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True)


def _wait(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting")
        time.sleep(0.05)


SECRET = "PathKey8842"


@pytest.mark.slow
def test_two_dispatchers_at_once_send_each_reminder_once_per_channel(app, client, auth):
    with Sink(delay=0.02) as sink:
        channel(client, auth, sink.url(f"/a/{SECRET}"))
        channel(client, auth, sink.url(f"/b/{SECRET}"))
        for i in range(30):
            coverage(client, auth, f"Product {i:02d}")
        both = [_dispatcher(app, YANBAO_DISPATCH_BATCH="3") for _ in range(2)]
        outputs = [p.communicate(timeout=120)[0] for p in both]
        assert [p.returncode for p in both] == [0, 0], outputs
        counted = sink.count()
        assert len(counted) == 60 and set(counted.values()) == {1}
        assert all("sent" in out for out in outputs)  # both took part
        assert states(app) == {"sent": 60}
        assert all(SECRET not in out for out in outputs)


@pytest.mark.slow
def test_a_dispatcher_killed_mid_send_then_another_pass_sends_each_once(app, client, auth):
    with Sink(delay=0.3) as sink:
        channel(client, auth, sink.url("/a"))
        for i in range(12):
            coverage(client, auth, f"Product {i:02d}")
        victim = _dispatcher(app, YANBAO_DISPATCH_LEASE_SECONDS="2", YANBAO_DISPATCH_BATCH="4",
                             YANBAO_DISPATCH_WORKERS="1")  # one send at a time: the 5th
        _wait(lambda: len(sink) >= 5)  # the fifth request is in the sink's sleep: mid-send
        victim.send_signal(signal.SIGKILL)
        victim.communicate(timeout=30)
        assert len(sink) == 5
        left = rows(app, "SELECT state, count(*) FROM deliveries WHERE state IN "
                         "('claimed', 'sending') GROUP BY state")
        assert dict(left) == {"sending": 1, "claimed": 3}  # the batch it held
        _wait(lambda: not rows(app, "SELECT id FROM deliveries WHERE state IN "
                                    "('claimed', 'sending') AND ready_at > :now",
                               now=datetime.now(UTC)))
        again = _dispatcher(app)
        out = again.communicate(timeout=120)[0]
        assert again.returncode == 0, out
        counted = sink.count()
        assert len(counted) == 12 and set(counted.values()) == {1}
        assert states(app) == {"sent": 11, "unknown": 1}
        [interrupted] = rows(app, "SELECT outcome FROM delivery_attempts "
                                  "WHERE outcome = 'interrupted'")
        assert interrupted.outcome == "interrupted"


@pytest.mark.slow
def test_the_loop_stops_cleanly_on_sigterm(app, client, auth):
    with Sink() as sink:
        channel(client, auth, sink.url("/a"))
        coverage(client, auth, "Fridge")
        loop = _dispatcher(app, "--loop", "--interval", "0.2")
        _wait(lambda: len(sink) >= 1)
        coverage(client, auth, "Washer")  # made while the loop runs: the next pass sends it
        _wait(lambda: len(sink) >= 2)
        loop.send_signal(signal.SIGTERM)
        out = loop.communicate(timeout=30)[0]
        assert loop.returncode == 0 and "dispatcher stopped" in out, out
        assert set(sink.count().values()) == {1} and len(sink) == 2


def test_dispatch_command_with_nothing_due(app):
    result = app.test_cli_runner().invoke(args=["reminders", "dispatch"])
    assert result.exit_code == 0 and "nothing to do" in result.output
