"""Issue 3's benchmark: listing a page of 50 coverages with 1,000 in the account and 100,000 in
the database, in-process and under gunicorn against a trivial JSON endpoint."""

from __future__ import annotations

import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert

from bench.load import gunicorn, measure, median_ms
from server import create_app
from server.db.cli import upgrade
from server.db.models import Account, Coverage, CoverageLayer, Device
from server.domain.timeline import Layer, place_layers, summarise
from server.store.coverages import FAR_FUTURE
from server.tokens import digest, new_token

RESULTS = Path(__file__).parent / "results"
TOTAL, MINE, PAGE = 100_000, 1_000, 50
SITES = ("jd", "taobao", "tmall", "amazon", "bestbuy")
CATEGORIES = ("refrigerator", "tv", "washing_machine", "phone", "laptop", "air_conditioner")


def seed(url: str) -> str:
    """Builds the database once (it is reused while the schema file is unchanged)."""
    rng = random.Random(7)
    engine = create_engine(url)
    token = new_token()
    now = datetime.now(UTC)
    with engine.begin() as connection:
        accounts = [{"id": i, "public_id": str(uuid.uuid4()), "created_at": now}
                    for i in range(1, 1 + 1 + (TOTAL - MINE) // 100)]
        connection.execute(insert(Account), accounts)
        connection.execute(insert(Device), [{"account_id": 1, "public_id": str(uuid.uuid4()),
                                             "name": "bench", "token_hash": digest(token),
                                             "created_at": now}])
        for start in range(0, TOTAL, 10_000):
            coverages, layers = [], []
            for n in range(start, start + 10_000):
                account = 1 if n < MINE else 2 + (n - MINE) // 100
                coverage, its_layers = _purchase(rng, n + 1, account, now)
                coverages.append(coverage)
                layers += its_layers
            connection.execute(insert(Coverage), coverages)
            connection.execute(insert(CoverageLayer), layers)
    engine.dispose()
    return token


def _purchase(rng: random.Random, n: int, account: int, now: datetime):
    bought = date(2022, 1, 1) + timedelta(days=rng.randrange(1800))
    domain = [Layer("manufacturer", term_months=12),
              Layer("plan", term_months=rng.choice((12, 24, 36)), starts="after_manufacturer",
                    plan_kind="extended")]
    if rng.random() < 0.3:
        domain.append(Layer("manufacturer", "compressor", term_months=120))
    summary = summarise(place_layers(bought, domain))
    coverage = {
        "id": n, "public_id": str(uuid.uuid4()), "account_id": account,
        "title": f"Appliance {n} {rng.choice(CATEGORIES)}", "site": rng.choice(SITES),
        "category": rng.choice(CATEGORIES), "price": rng.randrange(500, 20000),
        "currency": "CNY", "purchase_date": bought, "tags": [], "cover_state": "dated",
        "covered_from": summary.covered_from, "covered_until": summary.covered_until or FAR_FUTURE,
        "created_at": now, "updated_at": now,
    }
    layers = [{"coverage_id": n, "public_id": str(uuid.uuid4()), "position": i,
               "kind": layer.kind, "component": layer.component, "term_months": layer.term_months,
               "starts": layer.starts, "lifetime": False, "state": "in_force",
               "plan_kind": layer.plan_kind, "price": 199 if layer.kind == "plan" else None,
               "currency": "CNY" if layer.kind == "plan" else None}
              for i, layer in enumerate(domain)]
    return coverage, layers


def database() -> tuple[str, str]:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "coverages-100k.db"
    path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    started = time.perf_counter()
    upgrade(url)
    token = seed(url)
    print(f"seeded {TOTAL:,} coverages ({MINE:,} in the measured account) "
          f"in {time.perf_counter() - started:.1f} s")
    return url, token


def in_process(url: str, headers: dict[str, str]) -> None:
    app = create_app({"DATABASE_URL": url})
    client, records = app.test_client(), app.extensions["yanbao.records"]
    queries = {"first page": "/api/v1/coverages?limit=50",
               "status=active": "/api/v1/coverages?limit=50&status=active",
               "sort=title": "/api/v1/coverages?limit=50&sort=title"}
    cursor = client.get(queries["first page"], headers=headers).get_json()["next_cursor"]
    queries["second page"] = f"/api/v1/coverages?limit=50&cursor={cursor}"
    for label, path in queries.items():
        _time(client, label, path, headers, clear=None)
    _time(client, "first page, record cache emptied before each request",
          queries["first page"], headers, clear=records.clear)


def _time(client, label: str, path: str, headers: dict[str, str], clear) -> None:
    samples = []
    for _ in range(200 if clear is None else 50):
        if clear is not None:
            clear()
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200 and len(response.get_json()["items"]) == PAGE
    print(f"in-process list, page of {PAGE} ({label}): median {median_ms(samples):.2f} ms "
          f"(target < 10 ms)")


def under_gunicorn(url: str, headers: dict[str, str]) -> None:
    with gunicorn({"DATABASE_URL": url}) as port:
        measure(port, "/healthz", {}, seconds=1)  # warm up both workers
        measure(port, "/api/v1/coverages?limit=50", headers, seconds=1)
        trivial = measure(port, "/healthz", {})
        listing = measure(port, "/api/v1/coverages?limit=50", headers)
    ratio = listing["rps"] / trivial["rps"]
    print(f"gunicorn (2 workers, load by {trivial['tool']}):")
    for label, figures in (("trivial JSON /healthz", trivial), (f"list page of {PAGE}", listing)):
        print(f"  {label:24} {figures['rps']:8.0f} req/s  p99 {figures['p99_ms']:.1f} ms")
    print(f"  ratio list/trivial: {ratio:.2f} (target >= 0.50)")


def main() -> None:
    url, token = database()
    headers = {"Authorization": f"Bearer {token}"}
    in_process(url, headers)
    under_gunicorn(url, headers)
