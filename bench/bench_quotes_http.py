"""Issue 5's service benchmark: POST /api/v1/quotes under gunicorn against a trivial JSON
endpoint in the same run (target: at least 70% of its requests per second), p99 printed."""

from __future__ import annotations

import http.client
import json
import tempfile
from pathlib import Path

from bench.load import VARY, gunicorn, measure
from server.db.cli import upgrade
from server.schemas import examples

BODY = examples.QUOTE


def register(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("POST", "/api/v1/devices", body=json.dumps({"name": "bench"}),
                       headers={"Content-Type": "application/json"})
    return json.loads(connection.getresponse().read())["token"]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'quotes.db'}"
        upgrade(url)
        with gunicorn({"DATABASE_URL": url}) as port:
            headers = {"Authorization": f"Bearer {register(port)}"}
            body = json.dumps(BODY).encode()
            measure(port, "/healthz", {}, seconds=1)
            measure(port, "/api/v1/quotes", headers, seconds=1, body=body)
            trivial = measure(port, "/healthz", {})
            quotes = measure(port, "/api/v1/quotes", headers, body=body)
            varied = measure(port, "/api/v1/quotes", headers, body=_varied(BODY))
    print(f"gunicorn (2 workers, load by {trivial['tool']}):")
    rows = (("trivial JSON /healthz", trivial), ("quotes, one body", quotes),
            ("quotes, every body new", varied))
    for label, figures in rows:
        print(f"  {label:24} {figures['rps']:8.0f} req/s  p99 {figures['p99_ms']:.1f} ms")
    print(f"  ratio quotes/trivial: {quotes['rps'] / trivial['rps']:.2f} (target >= 0.70); "
          "the same body again is answered from the answer cache")
    print(f"  ratio with a new product price in every request: "
          f"{varied['rps'] / trivial['rps']:.2f} (validation and the engine run every time)")


def _varied(body: dict) -> bytes:
    """The body with a random product price in every request (see bench.load.VARY)."""
    text = json.dumps({**body, "product": {**body["product"], "price": "PRICE"}})
    return text.replace('"PRICE"', '"' + VARY.decode() + '.00"').encode()
