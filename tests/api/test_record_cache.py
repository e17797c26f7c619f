"""The per-worker cache of rendered coverage records (server.serialize.cache): a record is
rendered once per state and day, a write is never served stale, and the cache stays bounded."""

from datetime import date

from payloads import simple
from sqlalchemy import select

from server import db
from server.db.models import Coverage
from server.serialize.cache import RecordCache

DAY = date(2026, 6, 15)


def add(client, auth, title):
    response = client.post("/api/v1/coverages", json=simple(title, "2026-01-01", 12),
                           headers=auth)
    assert response.status_code == 201
    return response.get_json()["id"]


def test_many_renders_what_is_missing_and_keeps_the_page_order(app, client, auth):
    for n in range(3):
        add(client, auth, f"Item {n}")
    cache = RecordCache(maxsize=100)
    with app.app_context():
        rows = db.session().execute(select(Coverage.id, Coverage.etag)
                                    .order_by(Coverage.id.desc())).all()
        opened = []

        def session():
            opened.append(1)
            return db.session()

        first = cache.many(session, rows, DAY, 30)
        again = cache.many(session, rows, DAY, 30)
    assert len(first) == 3 and again == first and len(opened) == 1  # the second page: no load
    assert [b'"Item 2"' in first[0], b'"Item 0"' in first[2]] == [True, True]


def test_a_row_whose_etag_moved_on_is_left_out_not_served_stale(app, client, auth):
    add(client, auth, "Kettle")
    cache = RecordCache(maxsize=100)
    with app.app_context():
        [row] = db.session().execute(select(Coverage.id, Coverage.etag)).all()
        stale = type("Row", (), {"id": row.id, "etag": "an etag from before a write"})
        assert cache.many(db.session, [stale], DAY, 30) == []
        assert len(cache.many(db.session, [row], DAY, 30)) == 1


def test_the_cache_is_bounded():
    cache = RecordCache(maxsize=8)
    for n in range(50):
        cache._put((n, "etag", DAY, 30), b"{}")
        assert len(cache) <= 8
    assert (49, "etag", DAY, 30) in cache._cache and (0, "etag", DAY, 30) not in cache._cache
