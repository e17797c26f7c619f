"""Amazon listing of a SquareTrade (Allstate) plan -> one price row for its product-price band.

SquareTrade sells one Amazon listing per plan length and product-price band; the band and
the length are only in the title: "SquareTrade 4-Year TV Protection Plan ($900-$1000)",
"... (Below $50)", "... ($1250-1499.99)".
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from bs4 import BeautifulSoup

from scrapers.providers.entries import PriceEntry, ProviderPageError, parse_money

_YEARS = re.compile(r"(\d+)[- ]Year", re.IGNORECASE)
_BAND = re.compile(r"\(\s*\$?([\d,.]+)\s*-\s*\$?([\d,.]+)\s*\)")
_BELOW = re.compile(r"\(\s*(?:Below|Under)\s*\$?([\d,.]+)\s*\)", re.IGNORECASE)
_PLANS = (("tv", "squaretrade-tv"), ("accident", "squaretrade-electronics-accident"),
          ("appliance", "squaretrade-appliance"))


def band(title: str) -> tuple[Decimal | None, Decimal | None]:
    """The product-price band in a plan title; (None, None) when the title names none."""
    if match := _BAND.search(title):
        return parse_money(match.group(1)), parse_money(match.group(2))
    if match := _BELOW.search(title):
        return Decimal(0), parse_money(match.group(1))
    return None, None


def _plan(title: str) -> tuple[str, str]:
    lowered = title.lower()
    for word, plan in _PLANS:
        if word in lowered:
            return plan, "accidental_damage" if word == "accident" else "extended"
    raise ProviderPageError(f"not a known SquareTrade plan: {title!r}")


def _text(soup: BeautifulSoup, selector: str) -> str:
    node = soup.select_one(selector)
    if node is None:
        raise ProviderPageError(f"no {selector} on the page")
    return " ".join(node.get_text(" ").split())


def parse(html: str, *, source: str, read_on: date) -> list[PriceEntry]:
    soup = BeautifulSoup(html, "html.parser")
    title = _text(soup, "#productTitle")
    price = parse_money(_text(soup, "#corePrice_feature_div .a-offscreen"))
    years = _YEARS.search(title)
    if not years:
        raise ProviderPageError(f"no plan length in {title!r}")
    plan, kind = _plan(title)
    low, high = band(title)
    return [PriceEntry(plan=plan, name=title, kind=kind, term_months=int(years.group(1)) * 12,
                       price=price, currency="USD", min=low, max=high, source=source,
                       read_on=read_on)]
