"""Money strings to ``Decimal`` plus an ISO 4217 currency.

price-parser does the hard part (thousands and decimal separators in any locale); this module
adds what shopping pages need on top: ISO codes instead of symbols, a currency hint from the
site for shared symbols (``¥`` is CNY on JD and JPY on amazon.co.jp), the Chinese ``万``
multiplier, and ranges such as ``¥199-299`` when SKUs differ in price.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from price_parser import Price

from scrapers.text import fold_width

_RANGE = re.compile(r"^(?P<a>.*?\d[\d.,\s]*)\s*(?:-|~|–|—|至|到|to)\s*(?P<b>\D{0,6}\d.*)$")
_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万")
_PREFIX_GAP = re.compile(r"\b([A-Za-z]{1,3})\s+(?=[$])")


@dataclass(frozen=True)
class Money:
    """An amount or, for a range, ``amount`` is the low end and ``high`` the top end."""

    amount: Decimal
    currency: str | None
    high: Decimal | None = None

    @property
    def is_range(self) -> bool:
        return self.high is not None and self.high != self.amount


@cache
def _table() -> dict:
    raw = resources.files("scrapers.data").joinpath("currencies.json").read_text("utf-8")
    return json.loads(raw)


def _symbol_regex() -> re.Pattern[str]:
    symbols = sorted(_table()["symbols"], key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in symbols), re.IGNORECASE)


_SYMBOLS = _symbol_regex()


def currency_of(text: str, hint: str | None = None) -> str | None:
    """ISO code for the first currency marker in ``text``; shared symbols defer to ``hint``."""
    table = _table()
    for found in _SYMBOLS.finditer(text):
        symbol = found.group(0).lower()
        # "kr" and "tl" inside words are not currencies.
        if symbol.isalpha() and not _standalone(text, found.start(), found.end()):
            continue
        code = table["symbols"][symbol]
        if code:
            return code
        if hint in table["ambiguous"].get(symbol, ()):
            return hint
        return table["ambiguous_defaults"].get(symbol)
    return None


def _standalone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isalpha() and not after.isalpha()


def _amount(text: str) -> Decimal | None:
    wan = _WAN.search(text)
    if wan:
        return Decimal(wan.group(1)) * 10000
    amount = Price.fromstring(text).amount
    return amount if amount is not None and amount >= 0 else None


def parse_money(text: str | None, currency_hint: str | None = None) -> Money | None:
    """Parse one price or a price range; ``None`` when no number is there."""
    if not text:
        return None
    text = _PREFIX_GAP.sub(r"\1", fold_width(str(text))).strip()
    if not text:
        return None
    currency = currency_of(text, currency_hint) or currency_hint
    ranged = _RANGE.match(text)
    if ranged:
        low, high = _amount(ranged.group("a")), _amount(ranged.group("b"))
        if low is not None and high is not None and high >= low:
            return Money(low, currency, high)
    amount = _amount(text)
    if amount is None:
        return None
    return Money(amount, currency)


def currency_for_lang(lang: str | None) -> str | None:
    """Default currency for a language tag ("zh-CN" → CNY), longest known prefix first."""
    if not lang:
        return None
    table = _table()["lang_defaults"]
    tag = lang.strip().lower().replace("_", "-")
    while tag:
        if tag in table and not tag.startswith("_"):
            return table[tag]
        tag = tag.rpartition("-")[0]
    return None


def format_amount(amount: Decimal | None, currency: str | None) -> str | None:
    """Dot-decimal string with the currency's minor units ("199.00", JPY "1299")."""
    if amount is None:
        return None
    places = _table()["minor_units"].get(currency or "", 2)
    return f"{amount:.{places}f}"
