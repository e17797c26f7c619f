"""Site parsers. Every module in this package is imported, and so registered, on first use."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from scrapers.sites.base import SiteParser


@cache
def load_all() -> dict[str, type[SiteParser]]:
    """Import every site module once; answer the registry (site name → parser class)."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return dict(SiteParser.registry)
