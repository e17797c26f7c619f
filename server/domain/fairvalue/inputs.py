"""Inputs of a quote: the product, the offers on its page and the shopper's settings.

Frozen and built from tuples, so a whole request is hashable and can key a cachetools cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from server.domain.vocabulary import CATEGORIES, MARKETS, PLAN_KINDS, PLAN_STARTS


class InputError(ValueError):
    """Bad request data, with one (field, message) pair per problem for a 422 response."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors))
        self.errors = errors


@dataclass(frozen=True, slots=True)
class Product:
    category: str
    price: Decimal
    currency: str
    market: str
    purchase_date: date
    manufacturer_warranty_months: int = 12
    subcategory: str | None = None
    title: str = ""
    brand: str | None = None
    site: str | None = None
    url: str | None = None
    # The maker's terms for single components, as (component, months): "整机保修1年，
    # 主要部件保修3年" is whole_unit 12 (manufacturer_warranty_months) and ("main_parts", 36).
    component_terms: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Offer:
    name: str
    kind: str
    term_months: int
    price: Decimal
    currency: str
    starts: str = "purchase"
    provider: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    card_extension_months: int = 0
    statutory: bool = True


class _Reader:
    """Collects every problem in a payload instead of stopping at the first one."""

    def __init__(self, data: Any, prefix: str, errors: list[tuple[str, str]]) -> None:
        self.data = data if isinstance(data, dict) else {}
        self.prefix, self.errors = prefix, errors
        if not isinstance(data, dict):
            errors.append((prefix.rstrip("."), "must be an object"))

    def _bad(self, key: str, message: str) -> None:
        self.errors.append((self.prefix + key, message))

    def text(self, key: str, default: str | None = None, choices: tuple[str, ...] = ()):
        value = self.data.get(key, default)
        if value is None and default is None and not choices:
            return None
        if not isinstance(value, str) or (choices and value not in choices):
            hint = f"one of {', '.join(choices)}" if choices else "a string"
            self._bad(key, f"must be {hint}")
            return default
        return value

    def money(self, key: str) -> Decimal:
        try:
            value = Decimal(str(self.data.get(key)))
            if value.is_finite() and value >= 0:
                return value
        except InvalidOperation:
            pass
        self._bad(key, 'must be a non-negative decimal string such as "199.00"')
        return Decimal(0)

    def currency(self, key: str = "currency") -> str:
        value = self.data.get(key)
        if isinstance(value, str) and len(value) == 3 and value.isalpha():
            return value.upper()
        self._bad(key, "must be an ISO 4217 code such as CNY or USD")
        return ""  # never used: the error above makes the whole request fail

    def months(self, key: str, default: int | None = None, minimum: int = 0) -> int:
        value = self.data.get(key, default)
        if isinstance(value, int) and not isinstance(value, bool) and minimum <= value <= 1200:
            return value
        self._bad(key, f"must be a whole number of months from {minimum} to 1200")
        return default or minimum

    def day(self, key: str) -> date:
        try:
            return date.fromisoformat(self.data.get(key))
        except (TypeError, ValueError):
            self._bad(key, "must be a date YYYY-MM-DD")
            return date(1970, 1, 1)


def product_from_dict(data: Any, errors: list[tuple[str, str]]) -> Product:
    r = _Reader(data, "product.", errors)
    return Product(
        category=r.text("category", choices=CATEGORIES), price=r.money("price"),
        currency=r.currency(), market=r.text("market", choices=MARKETS),
        purchase_date=r.day("purchase_date"),
        manufacturer_warranty_months=r.months("manufacturer_warranty_months", 12),
        subcategory=r.text("subcategory"), title=r.text("title", "") or "",
        brand=r.text("brand"), site=r.text("site"), url=r.text("url"),
        component_terms=component_terms(r.data.get("warranty_terms")),
    )


def component_terms(terms: Any) -> tuple[tuple[str, int], ...]:
    """The component terms of a detect or quote body (`[{component, months}]`), whole unit
    left out (that is `manufacturer_warranty_months`), malformed entries skipped: they come
    from a page's wording, and a term the page did not state clearly is not credited."""
    out = []
    for term in terms if isinstance(terms, list | tuple) else ():
        if not isinstance(term, dict):
            continue
        component, months = term.get("component"), term.get("months")
        if (isinstance(component, str) and component != "whole_unit"
                and isinstance(months, int) and not isinstance(months, bool)
                and 0 < months <= 1200):
            out.append((component, months))
    return tuple(sorted(set(out)))


def offer_from_dict(data: Any, index: int, errors: list[tuple[str, str]]) -> Offer:
    r = _Reader(data, f"offers[{index}].", errors)
    return Offer(
        name=r.text("name", "") or "", kind=r.text("kind", "extended", PLAN_KINDS),
        term_months=r.months("term_months", minimum=1), price=r.money("price"),
        currency=r.currency(), starts=r.text("starts", "purchase", PLAN_STARTS),
        provider=r.text("provider"), source=r.text("source"),
    )


def settings_from_dict(data: Any, errors: list[tuple[str, str]]) -> Settings:
    r = _Reader({} if data is None else data, "settings.", errors)
    statutory = r.data.get("statutory", True)
    if not isinstance(statutory, bool):
        errors.append(("settings.statutory", "must be true or false"))
    return Settings(r.months("card_extension_months", 0), statutory is not False)


def request_from_dict(payload: Any) -> tuple[Product, tuple[Offer, ...], Settings]:
    """Parse a POST /quotes body; raises InputError listing every bad field."""
    errors: list[tuple[str, str]] = []
    body = payload if isinstance(payload, dict) else {}
    product = product_from_dict(body.get("product"), errors)
    raw_offers = body.get("offers") or []
    if not isinstance(raw_offers, list):
        errors.append(("offers", "must be a list"))
        raw_offers = []
    offers = tuple(offer_from_dict(item, i, errors) for i, item in enumerate(raw_offers))
    settings = settings_from_dict(body.get("settings"), errors)
    if errors:
        raise InputError(errors)
    return product, offers, settings


# The price's currency says which market's plans apply (Amazon and Best Buy run shops in several
# countries, so a site alone cannot), and no shop has to be listed here.
CURRENCY_MARKETS = {"CNY": "CN", "USD": "US", "CAD": "CA", "GBP": "UK", "EUR": "EU"}


def detect_request(detected: dict, today: date, settings: Settings | None = None):
    """Quote inputs from a `scrapers.detect(...).to_dict()` result: bought today, on its site.

    A page without a stated warranty is taken to have 12 months, the usual whole-unit term.
    """
    product = detected.get("product") or {}
    site = detected.get("site")
    market = CURRENCY_MARKETS.get(product.get("currency"))
    body = {
        "product": {**product, "site": site, "market": market,
                    "purchase_date": today.isoformat(),
                    "manufacturer_warranty_months": product.get("warranty_months") or 12},
        "offers": detected.get("offers") or [],
    }
    parsed, offers, _ = request_from_dict(body)
    return parsed, offers, settings or Settings()
