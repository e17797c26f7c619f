"""Build Plan entries (and their price, deductible and card rows) from TOML tables."""

from __future__ import annotations

from decimal import Decimal

from server.catalog.fields import Fields
from server.catalog.model import (
    Cancellation,
    CardRule,
    Coverage,
    DeductibleRow,
    Plan,
    PriceRow,
    Provider,
    Sourced,
)
from server.domain.vocabulary import CATEGORIES, MARKETS, PLAN_KINDS, PLAN_STARTS

_ONE = Decimal(1)
_SOURCE_KEYS = {"source", "read_on", "published", "estimate", "reasoning"}
_PLAN_KEYS = _SOURCE_KEYS | {
    "id", "provider", "name", "name_en", "kind", "market", "currency", "categories",
    "subcategories", "brands", "sites", "starts", "purchase_window_days", "purchase_window_months",
    "window_source", "window_note", "coverage", "cancellation", "prices", "deductibles", "card",
    "unpriced_reason",
}
_PRICE_KEYS = _SOURCE_KEYS | {"term_months", "price", "share", "min", "max"}


def build_plan(f: Fields, providers: dict[str, Provider]) -> Plan:
    provider_id = f.text("provider")
    if provider_id not in providers:
        raise f.fail(f"unknown provider {provider_id!r}")
    f.check_keys(_PLAN_KEYS)
    sourced = f.sourced()
    prices = _prices(f, sourced)
    unpriced = f.text("unpriced_reason", required=False)
    card = _card(f.child("card"))
    if card and prices:
        raise f.fail("a card benefit is free: it takes no price rows")
    if not (prices or unpriced or card):
        raise f.fail("a plan needs [[plan.prices]] rows or an 'unpriced_reason'")
    return Plan(
        id=f.text("id"), provider=providers[provider_id], name=f.text("name"),
        name_en=f.text("name_en"), kind=f.text("kind", choices=PLAN_KINDS),
        market=f.text("market", choices=MARKETS), currency=_currency(f),
        categories=_categories(f), subcategories=f.names("subcategories"),
        brands=f.names("brands"), sites=f.names("sites"),
        starts=f.text("starts", choices=PLAN_STARTS),
        window_days=f.integer("purchase_window_days", required=False),
        window_months=f.integer("purchase_window_months", required=False),
        coverage=_coverage(f.child("coverage"), f),
        cancellation=_cancellation(f.child("cancellation")),
        prices=prices, deductibles=_deductibles(f), card=card,
        unpriced_reason=unpriced, sourced=sourced,
    )


def _currency(f: Fields) -> str:
    code = f.text("currency")
    if len(code) != 3 or not code.isupper():
        raise f.fail(f"'currency' must be an ISO 4217 code such as CNY, not {code!r}")
    return code


def _categories(f: Fields) -> tuple[str, ...]:
    categories = f.names("categories", CATEGORIES)
    if not categories:
        raise f.fail("'categories' must name at least one of " + ", ".join(CATEGORIES))
    return categories


def _prices(f: Fields, inherit: Sourced) -> tuple[PriceRow, ...]:
    rows = f.data.get("prices", [])
    if not isinstance(rows, list):
        raise f.fail("'prices' must be an array of tables ([[plan.prices]])")
    return tuple(_price(Fields(row, f.file, f"{f.entry}.prices[{i}]"), inherit)
                 for i, row in enumerate(rows))


def _price(f: Fields, inherit: Sourced) -> PriceRow:
    f.check_keys(_PRICE_KEYS)
    price, share = f.decimal("price"), f.decimal("share", upper=_ONE)
    if (price is None) == (share is None):
        raise f.fail("give exactly one of 'price' or 'share'")
    low, high = f.decimal("min"), f.decimal("max")
    if low is not None and high is not None and low > high:
        raise f.fail(f"'min' {low} is above 'max' {high}")
    term = f.integer("term_months", minimum=1)
    return PriceRow(term, price, share, low, high, f.sourced(inherit))


def _deductibles(f: Fields) -> tuple[DeductibleRow, ...]:
    rows = f.data.get("deductibles", [])
    built = []
    for i, row in enumerate(rows):
        d = Fields(row, f.file, f"{f.entry}.deductibles[{i}]")
        amount = d.decimal("amount", required=True)
        built.append(DeductibleRow(amount, d.decimal("min"), d.decimal("max"),
                                   d.names("subcategories")))
    return tuple(built)


def _coverage(c: Fields | None, plan: Fields) -> Coverage:
    if c is None:
        raise plan.fail("[plan.coverage] is required")
    deductible = c.decimal("deductible") or Decimal(0)
    return Coverage(
        parts_labour=bool(c.flag("parts_labour")), accidental=bool(c.flag("accidental")),
        replace=bool(c.flag("replace")), on_site=c.flag("on_site", None),
        deductible=deductible,
        accident_deductible=c.decimal("accident_deductible") or deductible,
        claim_limit=c.integer("claim_limit", required=False, minimum=1),
        transferable=c.flag("transferable", None),
    )


def _cancellation(c: Fields | None) -> Cancellation | None:
    if c is None:
        return None
    return Cancellation(c.integer("full_refund_days", required=False),
                        c.text("after", required=False), c.text("fee", required=False))


def _card(c: Fields | None) -> CardRule | None:
    if c is None:
        return None
    return CardRule(c.integer("extra_months", minimum=1), bool(c.flag("doubles")),
                    c.integer("max_original_months", minimum=1))
