"""Quotes for the API: the app's catalog, the fair-value engine, and a per-worker cache.

The engine is pure and its inputs are frozen dataclasses, so the normalised request (plus the
catalog's version, the day and the language of the `unavailable` reason) is the cache key: the
same product seen again, by this shopper or another, is priced once, and a catalog edit or a
new day never serves an old answer. The cache lives in `app.extensions`, so two apps in one
process never share answers.
"""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import orjson
from cachetools import LRUCache
from flask import Flask, current_app

from server.catalog import DATA_DIR, Catalog, ReloadingCatalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Offer, Product, Settings

_EXTENSION = "yanbao.quotes"
_CATALOG = "yanbao.catalog"


class QuoteCache:
    def __init__(self, maxsize: int = 4096):
        # No expiry needed: the key holds the day and the catalog's version.
        self._cache: LRUCache = LRUCache(maxsize=maxsize)
        self._lock = threading.Lock()

    def get(self, product: Product, offers: tuple[Offer, ...], settings: Settings,
            today: date, lang: str = "en") -> tuple[dict[str, Any], bytes]:
        catalog = current_catalog()
        key = (product, offers, settings, catalog.version, today, lang)
        with self._lock:
            cached = self._cache.get(key)
        if cached is None:
            result = quote(product, offers, settings, catalog, today).to_dict(lang)
            encoded = orjson.dumps(result)
            cached = (result, encoded)
            with self._lock:
                self._cache[key] = cached
        return cached


def init_app(app: Flask) -> None:
    app.extensions[_CATALOG] = ReloadingCatalog(app.config.get("CATALOG_DIR", DATA_DIR))
    app.extensions[_EXTENSION] = QuoteCache()


def current_catalog() -> Catalog:
    return current_app.extensions[_CATALOG].get()


def compare(product: Product, offers: tuple[Offer, ...], settings: Settings,
            today: date, lang: str = "en") -> dict[str, Any]:
    return current_app.extensions[_EXTENSION].get(product, offers, settings, today, lang)[0]


def compare_json(product: Product, offers: tuple[Offer, ...], settings: Settings,
                 today: date, lang: str = "en") -> bytes:
    """The same comparison, already encoded: the quotes endpoint sends it as it is."""
    return current_app.extensions[_EXTENSION].get(product, offers, settings, today, lang)[1]
