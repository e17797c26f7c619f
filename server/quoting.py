"""Quotes for the API: the catalog of this process, the fair-value engine, and a cache.

The engine is pure and its inputs are frozen dataclasses, so the normalised request itself (plus
the catalog's version and the day) is the cache key: the same page seen twice, or by two
shoppers, is priced once, and a catalog edit or a new day never serves an old answer.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from typing import Any

from cachetools import TTLCache

from server.catalog import get_catalog
from server.domain.fairvalue import quote
from server.domain.fairvalue_inputs import Offer, Product, Settings

_cache: TTLCache = TTLCache(maxsize=4096, ttl=3600)
_lock = threading.Lock()


def compare(product: Product, offers: tuple[Offer, ...], settings: Settings,
            today: date) -> dict[str, Any]:
    return _compared(product, offers, settings, today)[0]


def compare_json(product: Product, offers: tuple[Offer, ...], settings: Settings,
                 today: date) -> bytes:
    """The same comparison, already encoded: the quotes endpoint sends it as it is."""
    return _compared(product, offers, settings, today)[1]


def _compared(product, offers, settings, today) -> tuple[dict[str, Any], bytes]:
    catalog = get_catalog()
    key = (product, offers, settings, catalog.version, today)
    with _lock:
        cached = _cache.get(key)
    if cached is None:
        result = quote(product, offers, settings, catalog, today).to_dict()
        encoded = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()
        cached = (result, encoded)
        with _lock:
            _cache[key] = cached
    return cached


# The same body, byte for byte, asks the same question: answer it without parsing it again.
# Small bodies only, so the cache stays small; validation errors are never stored.
_MAX_REMEMBERED_BODY = 16 * 1024
_answers: TTLCache = TTLCache(maxsize=4096, ttl=3600)


def answer_for(raw: bytes, today: date) -> bytes | None:
    if len(raw) > _MAX_REMEMBERED_BODY:
        return None
    key = (raw, get_catalog().version, today)
    with _lock:
        return _answers.get(key)


def remember(raw: bytes, today: date, answer: bytes) -> None:
    if len(raw) <= _MAX_REMEMBERED_BODY:
        with _lock:
            _answers[(raw, get_catalog().version, today)] = answer


def clear() -> None:
    with _lock:
        _cache.clear()
        _answers.clear()
