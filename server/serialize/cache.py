"""Rendered coverage records, cached per worker in `app.extensions`.

Rendering a record (dating every layer, computing statuses and months added) costs far more
than reading it, and lists are read far more often than written. A record's JSON depends only on
its stored state and the day it is rendered for, so the key is the row id, its `etag` (a fresh
random value on every write) and the day: a write is never served stale, in this worker or any
other, and no worker has to be told about it.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Coverage
from server.serialize.coverages import record

_EXTENSION = "yanbao.records"


class RecordCache:
    """Encoded records by (id, etag, day, soon). Reads take no lock: a dict's `get` is atomic,
    and a page of 50 looks up 50 keys (cachetools' LRU bookkeeping under a lock was an eighth
    of a cached list's time). Writes, only on a miss, hold the lock; past `maxsize` the oldest
    quarter goes (insertion order), which re-renders a still-used record at worst."""

    def __init__(self, maxsize: int = 20_000):
        self._cache: dict[tuple, bytes] = {}
        self._maxsize = maxsize
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._cache)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def _put(self, key: tuple, body: bytes) -> None:
        with self._lock:
            self._cache[key] = body
            if len(self._cache) > self._maxsize:
                for old in list(itertools.islice(self._cache, self._maxsize // 4)):
                    del self._cache[old]

    def one(self, coverage: Coverage, today: date, soon: int) -> bytes:
        key = (coverage.id, coverage.etag, today, soon)
        body = self._cache.get(key)
        if body is None:
            body = encode(coverage, today, soon)
            self._put(key, body)
        return body

    def many(self, session: Callable[[], Session], rows: Sequence, today: date,
             soon: int) -> list[bytes]:
        """Rows carry `id` and `etag`; only the ones not cached are loaded (through the session
        the factory gives, so an all-cached page opens none) and rendered."""
        get = self._cache.get
        keys = [(r.id, r.etag, today, soon) for r in rows]
        found = [get(k) for k in keys]
        if None not in found:
            return found
        missing = {k[0]: i for i, (k, v) in enumerate(zip(keys, found, strict=True))
                   if v is None}
        for coverage in _load(session(), list(missing)):
            key = (coverage.id, coverage.etag, today, soon)
            body = encode(coverage, today, soon)
            self._put(key, body)
            if key == keys[missing[coverage.id]]:
                found[missing[coverage.id]] = body
        return [body for body in found if body is not None]


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
