"""Build Plan entries (and their price, deductible and card rows) from TOML tables."""

from __future__ import annotations

from decimal import Decimal

from server.catalog.fields import Fields
from server.catalog.model import (
    Cancellation,
    CardRule,
    Coverage,
    DeductibleRow,
    Estimate,
    Gap,
    Plan,
    PriceRow,
    Provider,
    Share,
    Sourced,
)
from server.domain.vocabulary import CATEGORIES, MARKETS, PLAN_KINDS, PLAN_STARTS

_CENT = Decimal("0.01")
_SOURCE_KEYS = {"source", "read_on", "published", "estimate", "reasoning", "evidence"}
_PLAN_KEYS = _SOURCE_KEYS | {
    "id", "provider", "name", "name_en", "kind", "market", "currency", "categories",
    "subcategories", "brands", "sites", "starts", "purchase_window_days", "purchase_window_months",
    "window_source", "window_note", "coverage", "cancellation", "prices", "deductibles", "card",
    "unpriced_reason", "where_to_buy", "unpriced_outside", "sold_outside", "unpriced_reason_zh",
    "unpriced_outside_zh", "partner_shops_only",
}
_PRICE_KEYS = {"source", "read_on", "published", "evidence", "term_months", "min", "max", "price",
               "low", "high", "n", "method", "method_zh", "unpriced", "share_low",
               "share_high"}
_ESTIMATE_KEYS = ("low", "high", "n", "method")
_SHARE_KEYS = ("share_low", "share_high", "n", "method")
_SHARE_WORDS = "scaled by product price"
_SHARE_WORDS_ZH = "按商品价格换算"  # the same words in a share row's `method_zh`
_MAX_SHARE = Decimal(2)


def build_plan(f: Fields, providers: dict[str, Provider]) -> Plan:
    """One [[plan]]; its price rows are bands (see server/catalog/README.md)."""
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
        unpriced_reason=unpriced, sourced=sourced, where_to_buy=_where_to_buy(f),
        window_source=f.web_address("window_source", required=False),
        window_note=f.text("window_note", required=False), file=f.file, gaps=_gaps(f),
        outside_reason=f.text("unpriced_outside", required=False),
        sold_outside=f.flag("sold_outside", default=True),
        partner_shops_only=f.flag("partner_shops_only", default=False),
        unpriced_reason_zh=_chinese(f, "unpriced_reason"),
        outside_reason_zh=_chinese(f, "unpriced_outside"),
    )


def _chinese(f: Fields, key: str) -> str | None:
    """`<key>_zh`, the Chinese of an English text (a reason, an estimate's method): refused
    without the English it renders."""
    text = f.text(f"{key}_zh", required=False)
    if text is not None and f.data.get(key) is None:
        what = "method" if key == "method" else "reason"
        raise f.fail(f"'{key}_zh' without '{key}': give the English {what} too")
    return text


def _where_to_buy(f: Fields) -> tuple[str, str] | None:
    place = f.child("where_to_buy")
    if place is None:
        return None
    place.check_keys({"en", "zh"})
    return place.text("en"), place.text("zh")


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


def _rows(f: Fields) -> list[Fields]:
    rows = f.data.get("prices", [])
    if not isinstance(rows, list):
        raise f.fail("'prices' must be an array of tables ([[plan.prices]])")
    return [Fields(row, f.file, f"{f.entry}.prices[{i}]") for i, row in enumerate(rows)]


def _prices(f: Fields, inherit: Sourced) -> tuple[PriceRow, ...]:
    return tuple(_price(row, inherit) for row in _rows(f) if "unpriced" not in row.data)


def _gaps(f: Fields) -> tuple[Gap, ...]:
    """Rows with `unpriced = "why"` instead of a price: an explained hole in the table."""
    gaps = []
    for row in _rows(f):
        if "unpriced" not in row.data:
            continue
        row.check_keys({"term_months", "min", "max", "unpriced", "unpriced_zh"})
        low, high = row.decimal("min") or Decimal(0), row.decimal("max")
        if high is not None and low > high:
            raise row.fail(f"'min' {low} is above 'max' {high}")
        gaps.append(Gap(row.integer("term_months", minimum=1), low, high, row.text("unpriced"),
                        row.text("unpriced_zh", required=False)))
    return tuple(gaps)


def _price(f: Fields, inherit: Sourced) -> PriceRow:
    """A band row: a published `price`, or an estimate's `low`/`high`/`n`/`method` (with an
    optional `price`, its middle, which must lie in the range, and `method_zh`, the method in
    Chinese, which `catalog check` requires)."""
    f.check_keys(_PRICE_KEYS)
    method_zh = _chinese(f, "method")
    low_edge, high_edge = f.decimal("min") or Decimal(0), f.decimal("max")
    if high_edge is not None and low_edge > high_edge:
        raise f.fail(f"'min' {low_edge} is above 'max' {high_edge}")
    if any(edge is not None and edge != edge.quantize(_CENT) for edge in (low_edge, high_edge)):
        raise f.fail("'min' and 'max' are money: at most two decimals")
    term = f.integer("term_months", minimum=1)
    source = f.web_address("source", required=False) or inherit.source
    read_on = f.data.get("read_on") or inherit.read_on
    published = f.published(inherit.published)
    evidence = f.evidence(inherit.evidence)
    if "share_low" in f.data or "share_high" in f.data:
        share, estimate = _share(f, low_edge, high_edge, method_zh)
        price = ((estimate.low + estimate.high) / 2).quantize(_CENT)
        return PriceRow(term, low_edge, high_edge, "estimate", price, source, read_on, estimate,
                        evidence, published, share)
    estimate = _estimate(f, method_zh)
    price = f.decimal("price")
    if estimate is None:
        if price is None:
            raise f.fail("give a published 'price', or an estimate's 'low', 'high', 'n' and "
                         "'method'")
        basis = "published"
    else:
        basis = "estimate"
        if price is None:
            price = ((estimate.low + estimate.high) / 2).quantize(_CENT)
        elif not estimate.low <= price <= estimate.high:
            raise f.fail(f"the estimate's middle {price} is outside its range "
                         f"{estimate.low}..{estimate.high}")
    return PriceRow(term, low_edge, high_edge, basis, price, source, read_on, estimate,
                    evidence, published)


def _estimate(f: Fields, method_zh: str | None) -> Estimate | None:
    given = [key for key in _ESTIMATE_KEYS if key in f.data]
    if not given:
        return None
    if len(given) != len(_ESTIMATE_KEYS):
        missing = sorted(set(_ESTIMATE_KEYS) - set(given))
        raise f.fail(f"an estimate needs 'low', 'high', 'n' and 'method' (missing {missing})")
    low, high = f.decimal("low"), f.decimal("high")
    n = f.integer("n", minimum=1)
    if low > high:
        raise f.fail(f"the estimate's 'low' {low} is above its 'high' {high}")
    if n == 1 and low != high:
        raise f.fail("one observation gives one price: 'low' and 'high' must be equal when n = 1")
    return Estimate(low, high, n, f.text("method"), method_zh)


def _share(f: Fields, low_edge: Decimal, high_edge: Decimal | None,
           method_zh: str | None) -> tuple[Share, Estimate]:
    """An estimate by share of price (README: "share rows"): the observed share range, the number
    of real prices it rests on, and a method that says it was scaled (its Chinese, when given,
    too); only within a bounded band, and with none of a fixed row's figures. One price may give
    a range when it was for a band of product prices (price / band top to price / band bottom)."""
    missing = sorted(set(_SHARE_KEYS) - set(f.data))
    if missing:
        raise f.fail(f"a share estimate needs 'share_low', 'share_high', 'n' and 'method' "
                     f"(missing {missing})")
    fixed = sorted({"price", "low", "high"} & set(f.data))
    if fixed:
        raise f.fail(f"a share estimate gives no fixed figures (remove {fixed}): its range is "
                     "the share range times the product's price")
    if high_edge is None:
        raise f.fail("a share estimate needs a 'max': it is never extended without bound")
    low, high = f.decimal("share_low"), f.decimal("share_high")
    n = f.integer("n", minimum=1)
    if not Decimal(0) < low <= high <= _MAX_SHARE:
        raise f.fail(f"'share_low' {low} and 'share_high' {high} must satisfy "
                     f"0 < share_low <= share_high <= {_MAX_SHARE}")
    method = f.text("method")
    if _SHARE_WORDS not in method:
        raise f.fail(f"a share estimate's method must say plainly that it was {_SHARE_WORDS!r}")
    if method_zh is not None and _SHARE_WORDS_ZH not in method_zh:
        raise f.fail(f"a share estimate's method_zh must say plainly that it was "
                     f"{_SHARE_WORDS_ZH!r} ({_SHARE_WORDS})")
    share = Share(low, high)
    return share, Estimate((low * low_edge).quantize(_CENT), (high * low_edge).quantize(_CENT),
                           n, method, method_zh)


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
        transferable=c.flag("transferable", None), theft=bool(c.flag("theft")),
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
                    c.integer("max_original_months", minimum=1), c.text("issuer"))
