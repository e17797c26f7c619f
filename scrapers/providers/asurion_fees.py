"""Asurion's Amazon FAQ service-fee table -> per-claim deductibles by phone price.

The table lists a repair fee and a higher replacement fee per phone-price band ("$150-199",
"$700+"); the catalog takes the repair fee, the one a typical claim pays.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bs4 import BeautifulSoup

from scrapers.providers.entries import DeductibleEntry, ProviderPageError, parse_money

PLAN = "asurion-amazon"
_HEADER = ["phone price", "repair", "replacement"]


def price_band(text: str) -> tuple[Decimal, Decimal | None]:
    """'$150-199' -> (150, 199.99); '$700+' -> (700, None): bands end just below the next one."""
    cleaned = text.replace(" ", "")
    if cleaned.endswith("+"):
        return parse_money(cleaned), None
    low, _, high = cleaned.partition("-")
    if not high:
        raise ProviderPageError(f"not a price band: {text!r}")
    return parse_money(low), parse_money(high) + Decimal("0.99")


def _fee_table(soup: BeautifulSoup):
    for table in soup.find_all("table"):
        header = [cell.get_text(" ", strip=True).lower() for cell in table.find_all("th")]
        if header == _HEADER:
            return table
    raise ProviderPageError("no 'Phone Price / Repair / Replacement' table on the page")


def parse(html: str, *, source: str, read_on: date) -> list[DeductibleEntry]:
    """`source` and `read_on` belong on the [[plan]] the rows are pasted under."""
    table = _fee_table(BeautifulSoup(html, "html.parser"))
    entries = []
    for row in table.select("tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        if len(cells) != 3:
            raise ProviderPageError(f"fee row with {len(cells)} cells: {cells}")
        low, high = price_band(cells[0])
        entries.append(DeductibleEntry(PLAN, ("phone",), parse_money(cells[1]), low, high))
    return entries
