"""Rendered coverage records, cached per worker in `app.extensions`.

Rendering a record (dating every layer, computing statuses and months added) costs far more
than reading it, and lists are read far more often than written. A record's JSON depends only on
its stored state and the day it is rendered for, so the key is the row id, its `etag` (a fresh
random value on every write) and the day: a write is never served stale, in this worker or any
other, and no worker has to be told about it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from cachetools import LRUCache
from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Coverage
from server.serialize.coverages import record

_EXTENSION = "yanbao.records"


class RecordCache:
    def __init__(self, maxsize: int = 20_000):
        self._cache: LRUCache = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def one(self, coverage: Coverage, today: date, soon: int) -> bytes:
        key = (coverage.id, coverage.etag, today, soon)
        with self._lock:
            body = self._cache.get(key)
        if body is None:
            body = encode(coverage, today, soon)
            with self._lock:
                self._cache[key] = body
        return body

    def many(self, session: Callable[[], Session], rows: Sequence, today: date,
             soon: int) -> list[bytes]:
        """Rows carry `id` and `etag`; only the ones not cached are loaded (through the session
        the factory gives, so an all-cached page opens none) and rendered."""
        keys = [(r.id, r.etag, today, soon) for r in rows]
        with self._lock:
            found = {k: self._cache.get(k) for k in keys}
        missing = [k[0] for k, v in found.items() if v is None]
        for coverage in _load(session(), missing) if missing else ():
            key = (coverage.id, coverage.etag, today, soon)
            found[key] = encode(coverage, today, soon)
            with self._lock:
                self._cache[key] = found[key]
        return [found[k] for k in keys if found.get(k) is not None]


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = RecordCache()


def records() -> RecordCache:
    return current_app.extensions[_EXTENSION]


def encode(coverage: Coverage, today: date, soon: int) -> bytes:
    text = json.dumps(record(coverage, today, soon), ensure_ascii=False, separators=(",", ":"))
    return text.encode()


def _load(session: Session, ids: list[int]) -> Iterable[Coverage]:
    return session.scalars(select(Coverage).where(Coverage.id.in_(ids)))


def join_list(fragments: list[bytes], next_cursor: str | None) -> bytes:
    cursor = json.dumps(next_cursor).encode()
    return b'{"items":[' + b",".join(fragments) + b'],"next_cursor":' + cursor + b"}"
