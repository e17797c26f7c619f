"""`/healthz` latency while 50 connections trickle their request bodies a byte every 2 s
(issue 12's slow-client reproduction), under gunicorn with the production settings."""

from __future__ import annotations

import http.client
import statistics
import tempfile
import time
from pathlib import Path

from bench.load import gunicorn
from server.db.cli import upgrade
from testkit.trickle import trickling

TRICKLERS, SECONDS, TARGET_P99_MS = 50, 10, 100


def _latencies(port: int, seconds: float) -> tuple[list[float], int]:
    samples, failed = [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            connection.close()
            samples.append((time.perf_counter() - started) * 1000)
        except OSError:
            failed += 1
    return samples, failed


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'slow.db'}"
        upgrade(url)
        with gunicorn({"DATABASE_URL": url}) as port:
            quiet, _ = _latencies(port, 2)
            with trickling(port, TRICKLERS, every=2.0) as clients:
                for client in clients:
                    client.sending.wait(10)
                busy, failed = _latencies(port, SECONDS)
    for label, samples in (("no slow clients", quiet),
                           (f"{TRICKLERS} trickling connections", busy)):
        if not samples:  # every request timed out: the workers were all held
            print(f"/healthz with {label}: no request answered")
            continue
        p99 = statistics.quantiles(samples, n=100)[98] if len(samples) > 100 else max(samples)
        print(f"/healthz with {label}: {len(samples)} requests, median "
              f"{statistics.median(samples):.1f} ms, p99 {p99:.1f} ms")
    verdict = "OK" if failed == 0 else "FAILED REQUESTS"
    print(f"  failed requests while trickling: {failed} ({verdict}; target p99 < "
          f"{TARGET_P99_MS} ms)")
