"""An account's calendar feed as bytes, with each coverage's events kept per worker.

icalendar builds and serialises every event (about half a millisecond each, alarms included),
so a feed of 500 coverages costs far more to build than to read. A coverage's events depend
only on its stored state (its `etag`, a fresh random value on every write), the account's id,
the preferences that shape the events (language, lead times, time of day, quiet hours), and
which of its alarm days have passed; so the first ones are the key, as in
server.serialize.cache (a write is never served stale, in this worker or any other, and no
worker has to be told), and a kept block says on which days it stops being right. Each fetch
reads the account's coverages (one query), builds the blocks not kept or no longer right
(reading only their layers) and joins the rest.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from datetime import date

from cachetools import LRUCache
from flask import current_app
from sqlalchemy import Connection

from server.domain.reminders import Preferences
from server.domain.reminders.calendar import changes_on, events_block, wrap
from server.store import calendar as store

_EXTENSION = "yanbao.calendar"
MAX_BYTES = 32 * 1024 * 1024  # kept blocks per worker, at most


class FeedCache:
    def __init__(self, max_bytes: int = MAX_BYTES):
        self._cache: LRUCache = LRUCache(maxsize=max_bytes, getsizeof=lambda kept: len(kept[0]))
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def feed(self, connection: Connection, account_id: int, account: str,
             prefs: Preferences, today: date) -> bytes:
        """The feed as of `today` in the account's zone."""
        shape = (account, prefs.language, prefs.lead_days, prefs.time_of_day,
                 prefs.quiet_hours)
        heads = store.heads(connection, account_id)
        keys = [(head.id, head.etag, shape) for head in heads]
        with self._lock:
            kept = [self._cache.get(key) for key in keys]
        blocks = [_valid(found, today) for found in kept]
        missing = [head.id for head, block in zip(heads, blocks, strict=True) if block is None]
        if missing:
            layers = store.layers_of(connection, missing)
            for index, head in enumerate(heads):
                if blocks[index] is None:
                    entries = store.feed_events(head, layers.get(head.id, []))
                    changes = changes_on(entries, prefs)
                    block = blocks[index] = events_block(account, entries, prefs, today)
                    with self._lock:
                        self._cache[keys[index]] = (block, changes, bisect_right(changes, today))
        return wrap(blocks, prefs.language)


def _valid(kept: tuple | None, today: date) -> bytes | None:
    """A kept block, if no alarm or event day has passed since it was built."""
    if kept is None:
        return None
    block, changes, passed = kept
    return block if bisect_right(changes, today) == passed else None


def feeds() -> FeedCache:
    """The app's cache, made on first use."""
    found = current_app.extensions.get(_EXTENSION)
    if found is None:
        found = current_app.extensions.setdefault(_EXTENSION, FeedCache())
    return found
