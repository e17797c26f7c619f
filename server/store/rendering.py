"""Rendered coverage records, cached per process.

Rendering a record (dating every layer, computing statuses and months added) costs far more
than reading it, and lists are read far more often than written. A record's JSON depends only on
its stored state and the day it is rendered for, so the cache key is the row id, its `etag`
(a fresh random value on every write) and the day: a write can never be served stale, in this
worker or any other.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from cachetools import LRUCache
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Coverage
from server.store.records import record

_cache: LRUCache = LRUCache(maxsize=20_000)
_lock = threading.Lock()


def clear() -> None:
    with _lock:
        _cache.clear()
        _pages.clear()


def clear_pages() -> None:
    with _lock:
        _pages.clear()


def _key(row_id: int, etag: str, today: date, soon: int) -> tuple:
    return row_id, etag, today, soon


def encode(coverage: Coverage, today: date, soon: int) -> bytes:
    text = json.dumps(record(coverage, today, soon), ensure_ascii=False, separators=(",", ":"))
    return text.encode()


def one(coverage: Coverage, today: date, soon: int) -> bytes:
    key = _key(coverage.id, coverage.etag, today, soon)
    with _lock:
        cached = _cache.get(key)
    if cached is None:
        cached = encode(coverage, today, soon)
        with _lock:
            _cache[key] = cached
    return cached


def many(session: Callable[[], Session], rows: Sequence, today: date, soon: int) -> list[bytes]:
    """Rows carry `id` and `etag`; only the ones not cached are loaded (through the session
    the factory gives, so an all-cached page opens none) and rendered."""
    keys = [_key(r.id, r.etag, today, soon) for r in rows]
    with _lock:
        found = {k: _cache.get(k) for k in keys}
    missing = [k[0] for k, v in found.items() if v is None]
    for coverage in _load(session(), missing) if missing else ():
        body = encode(coverage, today, soon)
        key = _key(coverage.id, coverage.etag, today, soon)
        found[key] = body
        with _lock:
            _cache[key] = body
    return [found[k] for k in keys if found.get(k) is not None]


def _load(session: Session, ids: list[int]) -> Iterable[Coverage]:
    if not ids:
        return []
    return session.scalars(select(Coverage).where(Coverage.id.in_(ids)))


# Whole list pages, per worker, keyed by (account, account revision, query string, day): the
# dashboard and the popup ask for the same page again and again between writes.
_pages: LRUCache = LRUCache(maxsize=2048)


def page(key: tuple) -> bytes | None:
    with _lock:
        return _pages.get(key)


def keep_page(key: tuple, body: bytes) -> None:
    with _lock:
        _pages[key] = body


def join_list(fragments: list[bytes], next_cursor: str | None) -> bytes:
    cursor = json.dumps(next_cursor).encode()
    return b'{"items":[' + b",".join(fragments) + b'],"next_cursor":' + cursor + b"}"
