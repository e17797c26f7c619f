"""The real saved pages in tests/data/real (see tests/data/MANIFEST.md) as a browser meets them.

Each page is served under the https form of the address it was saved from (the shops serve
only https today, their http addresses redirect, and the content script's match patterns are
https-only), with the charset its bytes are in, as the shop's server would send it. A page is
"of a supported site" when its host is one an extension site file names.
"""

from __future__ import annotations

import json
from functools import cache
from urllib.parse import urlsplit

from scrapers.scoring import Case, load_cases
from testkit.pages import DATA, PageServer
from testkit.shops import extension_sites


@cache
def real_cases() -> list[Case]:
    return load_cases(DATA / "real")


def served_url(case: Case) -> str:
    return "https://" + case.url.split("://", 1)[1]


def serve(pages: PageServer, case: Case) -> str:
    """Registers the page with the page server; answers the URL to open."""
    meta = json.loads((case.path.parent / f"{case.name}.json").read_text(encoding="utf-8"))
    return pages.add(served_url(case), case.html(), charset=meta.get("encoding"))


def supported(case: Case) -> bool:
    shops = [shop for shop in extension_sites().values() if not shop["fallback"]]
    hosts = {host for shop in shops for host in shop["hosts"]}
    return urlsplit(case.url).hostname in hosts


def product_pages() -> list[Case]:
    """Every real product page of a supported site: each must get the panel."""
    return [c for c in real_cases() if c.labels["is_product"] and supported(c)]


def other_pages() -> list[Case]:
    """Every real page that is no product page, of any site: none may send anything."""
    return [c for c in real_cases() if not c.labels["is_product"]]
