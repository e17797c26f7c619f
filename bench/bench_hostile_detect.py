"""POST /api/v1/pages/detect with issue 12's hostile shapes at 3 MiB, beside a normal 1 MB
page: each must answer within 250 ms. In-process (the test client), through the page reader's
child process like the service."""

from __future__ import annotations

import gzip
import statistics
import tempfile
import time
from pathlib import Path

from server import create_app
from server.db.cli import upgrade

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
TARGET_MS = 250


def _fill(unit: str, size: int = 3 * MIB) -> str:
    return unit * (size // len(unit))


SHAPES = {
    "nested <div>s": _fill("<div>"),
    "one tag, 300,000 attributes": "<div " + " ".join(f"a{i}=1" for i in range(300_000))
                                   + ">x</div>",
    "stray end tags under nesting": _fill("<span></div>"),
    "a flood of '<'": _fill("<"),
    "deep nesting, closed and reopened": _fill("<div>" * 256 + "</div>" * 256),
}


def _real_page() -> str:
    pages = sorted((ROOT / "tests" / "data" / "real").rglob("*.html.gz"),
                   key=lambda p: abs(len(gzip.decompress(p.read_bytes())) - MIB))
    return gzip.decompress(pages[0].read_bytes()).decode("utf-8", "replace")


def _time(client, headers, html: str, runs: int) -> tuple[float, int]:
    samples, status = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.post("/api/v1/pages/detect", headers=headers,
                               json={"url": "https://www.amazon.com/dp/B0TEST0001", "html": html})
        samples.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    return statistics.median(samples), status


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'hostile.db'}"
        upgrade(url)
        app = create_app({"DATABASE_URL": url})
        client = app.test_client()
        token = client.post("/api/v1/devices", json={"name": "bench"}).get_json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        page = _real_page()
        _time(client, headers, page, 2)  # the reader child starts warm
        normal, status = _time(client, headers, page, 5)
        print(f"a real page of {len(page.encode()) / MIB:.2f} MiB: {normal:.1f} ms median "
              f"({status})")
        for name, html in SHAPES.items():
            took, status = _time(client, headers, html, 3)
            verdict = "OK" if took < TARGET_MS else "SLOWER THAN TARGET"
            print(f"{name} ({len(html) / MIB:.1f} MiB): {took:.1f} ms median, answer {status} "
                  f"({verdict}; target < {TARGET_MS} ms)")
        app.extensions["yanbao.page_reader"].close()
