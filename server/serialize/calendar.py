"""An account's calendar feed as bytes, joined from each coverage's kept block of events.

icalendar builds and serialises every event (about 0.8 ms each, alarms included), so a feed
of 500 coverages (some 2,300 events) costs about 1.7 s to build from nothing and a few
milliseconds to join. So each coverage's block is kept twice: in the worker (an LRU) and in
the database (calendar_blocks), where a restarted worker, another worker or another host
finds it. The reminder dispatcher's loop builds blocks for subscribed accounts after their
coverages change (`warm`), so a calendar app's fetch seldom builds anything; a fetch still
builds whatever is missing or stale, and stores it.

A block depends only on the coverage's stored state (its `etag`, a fresh random value on
every write), the account's id and the preferences that shape events (language, lead times,
time of day, quiet hours): a digest of those is the block's key, so a write is never served
stale, in this worker or any other, and no worker has to be told. A block also says on which
days its alarms change (changes_on): a block built on one day serves any day with as many of
those days at or before it, so a block keeps the two change days around the day it was built.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import zlib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cachetools import LRUCache
from flask import current_app
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from server.db.models import utcnow
from server.domain.reminders import Preferences
from server.domain.reminders.calendar import changes_on, events_block, wrap
from server.store import calendar as store
from server.store.reminders import preferences

log = logging.getLogger(__name__)

_EXTENSION = "yanbao.calendar"
MAX_BYTES = 32 * 1024 * 1024  # kept blocks per worker, at most
WARM_BATCH = 500  # coverages built per dispatcher pass, at most


@dataclass(frozen=True)
class Block:
    block: bytes
    # The days between which it reads the same (changes_on): from the last change day at or
    # before the day it was built (None: none came), to the first after it (None: none comes).
    valid_from: date | None
    valid_until: date | None

    def serves(self, today: date) -> bool:
        """No alarm or event day has passed, or come back, since it was built."""
        return ((self.valid_from is None or self.valid_from <= today)
                and (self.valid_until is None or today < self.valid_until))


def shape(account: str, prefs: Preferences) -> str:
    """What, besides a coverage's own state, its events depend on."""
    quiet = prefs.quiet_hours
    return "|".join((account, prefs.language, ",".join(map(str, prefs.lead_days)),
                     prefs.time_of_day.isoformat(),
                     "" if quiet is None else f"{quiet.start.isoformat()}-{quiet.end.isoformat()}"))


def key_of(etag: str, shaped: str) -> str:
    return hashlib.sha256(f"{etag}|{shaped}".encode()).hexdigest()


def build(head: Any, layers: list[Any], account: str, prefs: Preferences,
          today: date) -> Block:
    entries = store.feed_events(head, layers)
    changes = changes_on(entries, prefs)
    passed = bisect_right(changes, today)
    return Block(events_block(account, entries, prefs, today),
                 changes[passed - 1] if passed else None,
                 changes[passed] if passed < len(changes) else None)


def _stored(row: Any) -> Block:
    return Block(zlib.decompress(row.block), row.valid_from, row.valid_until)


def _row(coverage_id: int, etag: str, key: str, block: Block) -> dict:
    return {"coverage_id": coverage_id, "etag": etag, "key": key,
            "block": zlib.compress(block.block, 1),  # about a third: less to send and keep
            "valid_from": block.valid_from, "valid_until": block.valid_until}


class FeedCache:
    def __init__(self, max_bytes: int = MAX_BYTES):
        self._cache: LRUCache = LRUCache(maxsize=max_bytes,
                                         getsizeof=lambda kept: len(kept[1].block))
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def feed(self, connection: Connection, engine: Engine, account_id: int, account: str,
             prefs: Preferences, today: date) -> bytes:
        """The feed as of `today` in the account's zone: one query for the coverages, one for
        the stored blocks this worker lacks, icalendar only for blocks missing or stale."""
        shaped = shape(account, prefs)
        heads = store.heads(connection, account_id)
        keys = [key_of(head.etag, shaped) for head in heads]
        with self._lock:
            found = [self._cache.get(head.id) for head in heads]
        blocks: list[Block | None] = [
            kept[1] if kept is not None and kept[0] == key and kept[1].serves(today) else None
            for kept, key in zip(found, keys, strict=True)]
        missing = [i for i, block in enumerate(blocks) if block is None]
        if missing:
            stored = store.kept(connection, account_id, [heads[i].id for i in missing])
            for i in missing:
                row = stored.get(heads[i].id)
                if row is not None and row.key == keys[i]:
                    block = _stored(row)
                    if block.serves(today):
                        blocks[i] = self._remember(heads[i].id, keys[i], block)
            build_now = [i for i in missing if blocks[i] is None]
            if build_now:
                layers = store.layers_of(connection, [heads[i].id for i in build_now])
                for i in build_now:
                    head = heads[i]
                    blocks[i] = self._remember(head.id, keys[i], build(
                        head, layers.get(head.id, []), account, prefs, today))
                _keep(engine, [_row(heads[i].id, heads[i].etag, keys[i], blocks[i])
                               for i in build_now])
        return wrap([block.block for block in blocks], prefs.language)

    def _remember(self, coverage_id: int, key: str, block: Block) -> Block:
        with self._lock:
            self._cache[coverage_id] = (key, block)
        return block


def _keep(engine: Engine, rows: list[dict]) -> None:
    """Store blocks; a failure (a coverage deleted meanwhile, a busy database) costs only a
    rebuild later, never the fetch."""
    try:
        store.keep(engine, rows)
    except SQLAlchemyError as exc:
        log.info("calendar blocks not kept (%s); they will be built again", type(exc).__name__)


def warm(engine: Engine, limit: int = WARM_BATCH) -> int:
    """Build and store the blocks of up to `limit` coverages of subscribed accounts that have
    none or a stale one (written since); returns how many. The dispatcher's loop runs it."""
    with engine.connect() as connection:
        heads: Sequence[Any] = store.stale(connection, limit)
        if not heads:
            return 0
        layers = store.layers_of(connection, [head.id for head in heads])
        rows, settings = [], {}
        for head in heads:
            if head.account_id not in settings:
                prefs = preferences(connection, head.account_id)
                settings[head.account_id] = (prefs, shape(head.account, prefs),
                                             utcnow().astimezone(prefs.zone).date())
            prefs, shaped, today = settings[head.account_id]
            block = build(head, layers.get(head.id, []), head.account, prefs, today)
            rows.append(_row(head.id, head.etag, key_of(head.etag, shaped), block))
    _keep(engine, rows)
    return len(rows)


def feeds() -> FeedCache:
    """The app's cache, made on first use."""
    found = current_app.extensions.get(_EXTENSION)
    if found is None:
        found = current_app.extensions.setdefault(_EXTENSION, FeedCache())
    return found
