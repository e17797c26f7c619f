"""Recognise product pages and read their warranty offers.

``detect(html, url)`` is the whole public surface: it picks the parser for the URL's host (or
the schema.org fallback), reads the product with the provenance of every field, classifies it,
and lists the warranty plans shown on the page. It never raises: a page it cannot read answers
``is_product: false`` with the reason. No Flask here; the service wraps this function.
"""

from __future__ import annotations

from scrapers.decode import to_text
from scrapers.model import DetectResult, Offer
from scrapers.page import Page
from scrapers.sites import load_all
from scrapers.sites.base import SiteParser
from scrapers.text import normalize

__all__ = ["DetectResult", "Offer", "detect", "parser_for"]

_TEXT_LIMIT = 20_000


def parser_for(url: str) -> type[SiteParser]:
    """The parser class that handles ``url`` (the schema.org fallback when no site matches)."""
    registry = load_all()
    page_host = Page("", url).host
    return SiteParser.for_host(page_host) or registry["schema_org"]


def detect(html: str | bytes | None, url: str, lang: str | None = None) -> DetectResult:
    """Read a page snapshot; see docs/CONTRACTS.md "Page detection" for the answer's shape."""
    try:
        text = to_text(html)
        if not text or text.isspace():  # no copy of a page of megabytes
            return DetectResult(is_product=False, reason="empty page")
        page = Page(text, url if isinstance(url, str) else "")
        result = parser_for(page.url)(page, lang).extract()
        if not result.is_product:
            result.text_source = lambda: normalize(page.body_text(_TEXT_LIMIT))
        return result
    except Exception as exc:  # the contract: never raise, say why instead
        reason = f"page could not be read ({type(exc).__name__})"
        return DetectResult(is_product=False, reason=reason)
