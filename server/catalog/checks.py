"""Whole-table rules a single row cannot check: a plan's band table per term has no gaps or
overlaps, and a longer term of a plan never costs less than a shorter one at the same product
price (estimates compared by their low ends and by their high ends), and every plan, in every
market, says in Chinese too why it has no price and how each estimate was made. Each problem
names the file and the entry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from itertools import pairwise

from server.catalog.errors import CatalogError
from server.catalog.fields import openable
from server.catalog.model import Gap, Plan, PriceRow

_CENT = Decimal("0.01")


def _label(plan: Plan, row: PriceRow | Gap) -> str:
    if isinstance(row, Gap):
        return f"plan {plan.id!r} (unpriced {row.term_months}-month band {_band(row)})"
    return f"plan {plan.id!r}.prices[{plan.prices.index(row)}]"


def _band(row: PriceRow | Gap) -> str:
    return f"{row.min}..{'' if row.max is None else row.max}"


def band_problems(plan: Plan) -> list[CatalogError]:
    """Within one term, each band (priced, or an explained `unpriced` gap) must start one cent
    after the previous one ends."""
    by_term: dict[int, list[PriceRow | Gap]] = defaultdict(list)
    for row in (*plan.prices, *plan.gaps):
        by_term[row.term_months].append(row)
    problems = []
    for term, rows in sorted(by_term.items()):
        rows.sort(key=lambda r: r.min)
        for before, after in pairwise(rows):
            if before.max is None or after.min <= before.max:
                problems.append(CatalogError(plan.file, _label(plan, after), (
                    f"{term}-month band {_band(after)} overlaps band {_band(before)}")))
            elif after.min != before.max + _CENT:
                problems.append(CatalogError(plan.file, _label(plan, after), (
                    f"{term}-month band {_band(after)} leaves a gap after band {_band(before)}: "
                    f"products from {before.max + _CENT} to {after.min - _CENT} have no price")))
    return problems


def term_problems(plan: Plan) -> list[CatalogError]:
    """At every product price two terms share, the longer one's low end is not below the
    shorter one's, nor its high end below the shorter one's (a range whose top is under the
    shorter term's top says the longer term may well cost less). Within a band a price is
    constant or (a share row) proportional to the product price, so the difference is linear and
    the band edges are the points to try."""
    problems, seen = [], set()
    edges = {row.min for row in plan.prices} | {r.max for r in plan.prices if r.max is not None}
    for price in sorted(edges):
        rows = sorted((r for r in plan.prices if r.applies_to(price)),
                      key=lambda r: r.term_months)
        for shorter, longer in pairwise(rows):
            if longer.term_months == shorter.term_months:
                continue
            for end, at in (("low", PriceRow.low_at), ("high", PriceRow.high_at)):
                if at(longer, price) >= at(shorter, price):
                    continue
                key = (plan.prices.index(shorter), plan.prices.index(longer), end)
                if key in seen:
                    continue
                seen.add(key)
                what = "cost less" if end == "low" else "top out lower (high ends)"
                problems.append(CatalogError(plan.file, _label(plan, longer), (
                    f"{longer.term_months} months {what} ({at(longer, price)}) "
                    f"than {shorter.term_months} months ({at(shorter, price)}, "
                    f"{_label(plan, shorter)}) for a product priced {price}")))
    return problems


def source_problems(plan: Plan) -> list[CatalogError]:
    return [CatalogError(plan.file, _label(plan, row), f"source {row.source!r} is not a web "
                         "address a shopper can open")
            for row in plan.prices if not openable(row.source)]


def estimate_problems(plan: Plan) -> list[CatalogError]:
    return [CatalogError(plan.file, _label(plan, row), (
        f"the estimate's middle {row.price} is outside its range "
        f"{row.estimate.low}..{row.estimate.high}"))
        for row in plan.prices
        if row.estimate and not row.estimate.low <= row.price <= row.estimate.high]


def chinese_problems(plan: Plan) -> list[CatalogError]:
    """Every plan says why it has no price in Chinese too, whatever its market: the extension
    has a Chinese locale on every site, so any shopper (say, one reading Chinese on Amazon US,
    Best Buy Canada or Currys) may read the reason, and should not get a generic line."""
    missing = [key for key, en, zh in (
        ("unpriced_reason", plan.unpriced_reason, plan.unpriced_reason_zh),
        ("unpriced_outside", plan.outside_reason, plan.outside_reason_zh)) if en and not zh]
    found = [CatalogError(plan.file, f"plan {plan.id!r}", f"'{key}' needs its Chinese, "
                          f"'{key}_zh'") for key in missing]
    return found + [CatalogError(plan.file, _label(plan, gap), "'unpriced' needs its Chinese, "
                                 "'unpriced_zh'") for gap in plan.gaps if not gap.reason_zh]


def method_problems(plan: Plan) -> list[CatalogError]:
    """Every estimate says how it was made in Chinese too (`method_zh`), whatever its market:
    the panel's "why?" line and the price's tooltip show it to a shopper reading Chinese."""
    return [CatalogError(plan.file, _label(plan, row), "the estimate's 'method' needs its "
                         "Chinese, 'method_zh'")
            for row in plan.prices if row.estimate and not row.estimate.method_zh]


def problems(plans: Iterable[Plan]) -> list[CatalogError]:
    found = []
    for plan in plans:
        for rule in (source_problems, estimate_problems, band_problems, term_problems,
                     chinese_problems, method_problems):
            found.extend(rule(plan))
    return found
