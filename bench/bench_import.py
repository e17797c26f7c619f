"""Issue 12's import benchmark: files at the documented limits (100,000 coverages, 16 MiB)
through POST /api/v1/import under gunicorn (one worker, its 30 s timeout), on SQLite and, when
BENCH_DATABASE_URL names a PostgreSQL database, on PostgreSQL too (in a schema of its own).

Target: 100,000 coverages in under 20 s on SQLite. Each file is imported into a new account,
then again into the same account (every coverage replaced); a file with ids also into a second
new account (ids held by the first: fresh ids, the file's ids kept as source ids).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

from bench.databases import postgres_schema
from bench.load import gunicorn
from server.db.cli import upgrade
from server.serialize.csv_file import to_csv

LIMIT = 16 * 1024 * 1024
COUNT = 100_000


def _bought(rng: random.Random) -> str:
    return (date(2021, 1, 1) + timedelta(days=rng.randrange(1800))).isoformat()


def minimal(count: int = COUNT) -> list[dict]:
    """The issue's file: a title, a purchase date and a one-year warranty (about 7 MB)."""
    rng = random.Random(12)
    return [{"product": {"title": f"Appliance {n}"}, "purchase_date": _bought(rng),
             "layers": [{"kind": "manufacturer", "term_months": 12}]} for n in range(count)]


def exported(count: int = COUNT) -> list[dict]:
    """What an export holds, trimmed to fit 100,000 coverages in 16 MiB: the id, a warranty,
    and on every twentieth coverage a bought plan after the warranty with its price."""
    rng = random.Random(5)
    items = []
    for n in range(count):
        layers = [{"kind": "manufacturer", "term_months": rng.choice((12, 24))}]
        if n % 20 == 0:
            layers.append({"kind": "plan", "term_months": 24, "starts": "after_manufacturer",
                           "price": "199.00", "currency": "CNY"})
        items.append({"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                      "product": {"title": f"冰箱 {n}"}, "purchase_date": _bought(rng),
                      "layers": layers})
    return items


def many_layers() -> list[dict]:
    """16 MiB of layers: coverages with the 50 layers a coverage may have."""
    layer = {"kind": "manufacturer", "component": "part", "term_months": 12}
    return [{"product": {"title": f"Machine {n}"}, "purchase_date": "2025-01-01",
             "layers": [dict(layer, component=f"part {i}") for i in range(50)]}
            for n in range(5_000)]


def as_json(items: list[dict]) -> bytes:
    return json.dumps({"format": "yanbao-export", "version": 1, "coverages": items},
                      ensure_ascii=False, separators=(",", ":")).encode()


def as_csv(items: list[dict]) -> bytes:
    return to_csv(_export_shaped(item) for item in items).encode("utf-8")


def _export_shaped(item: dict) -> dict:
    product = {name: item["product"].get(name) for name in (
        "title", "site", "url", "item_id", "brand", "model", "serial", "category",
        "subcategory", "price", "currency")}
    return {"id": item.get("id"), "product": product, "purchase_date": item["purchase_date"],
            "order_ref": None, "notes": None, "tags": [], "created_at": None,
            "updated_at": None, "layers": item["layers"]}


def _post(port: int, path: str, body: bytes, headers: dict) -> tuple[int, dict, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
    except (http.client.HTTPException, OSError) as lost:  # the worker was killed mid-request
        return 0, {"detail": f"no answer ({lost.__class__.__name__})"}, \
            time.perf_counter() - started
    seconds = time.perf_counter() - started
    try:
        answer = json.loads(payload)
    except ValueError:
        answer = {"body": payload[:200].decode(errors="replace")}
    return response.status, answer, seconds


def _token(port: int) -> str:
    status, answer, _ = _post(port, "/api/v1/devices", json.dumps({"name": "bench"}).encode(),
                              {"Content-Type": "application/json"})
    assert status == 201, answer
    return answer["token"]


def run(label: str, url: str, files: list[tuple[str, bytes, str]]) -> None:
    print(f"{label}:")
    with gunicorn({"DATABASE_URL": url}, workers=1) as port:
        for name, body, content_type in files:
            first, second = _token(port), _token(port)
            accounts = [("new account", first), ("same account again", first)]
            if "exported" in name:  # ids held by the first account: fresh ids, source ids
                accounts.append(("second new account", second))
            for account, token in accounts:
                status, answer, seconds = _post(port, "/api/v1/import", body, {
                    "Content-Type": content_type, "Authorization": f"Bearer {token}"})
                outcome = answer if status == 200 else f"{status} {answer.get('detail')}"
                print(f"  {name:44} {len(body) / 2**20:5.1f} MiB  {account:19} "
                      f"{seconds:6.2f} s  {outcome}", flush=True)


def _files() -> list[tuple[str, bytes, str]]:
    files = [("JSON, 100,000 minimal coverages", as_json(minimal()), "application/json"),
             ("JSON, 100,000 exported coverages", as_json(exported()), "application/json"),
             ("JSON, 5,000 coverages x 50 layers", as_json(many_layers()), "application/json"),
             ("CSV, 100,000 exported coverages", as_csv(exported()), "text/csv")]
    for name, body, _ in files:
        assert len(body) <= LIMIT, f"{name} is {len(body)} bytes, over the 16 MiB limit"
    return files


def main() -> None:
    files = _files()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'import.db'}"
        upgrade(url)
        run("SQLite (gunicorn, 1 worker, 30 s timeout; target < 20 s for 100,000)", url, files)
    raw = os.environ.get("BENCH_DATABASE_URL")
    if not raw:
        print("PostgreSQL: SKIPPED (set BENCH_DATABASE_URL=postgresql://...)")
        return
    url = postgres_schema(raw, "yanbao_bench_import")
    upgrade(url)
    run("PostgreSQL (gunicorn, 1 worker, 30 s timeout)", url, files)


if __name__ == "__main__":
    main()
