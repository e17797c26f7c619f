"""Fair value of extended-warranty plans: is each one worth its premium, and what else is there?

A plan pays off when the repairs it is expected to pay for cost more than it does. For each
on-page offer and each eligible catalog plan: the months it adds beyond the shopper's existing
cover, the chance of a failure in exactly those months, the expected net repair cost (capped at
the product's price, less the deductible), and a verdict with that arithmetic in both languages.
Pure domain code: no Flask, no database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from server.catalog import Catalog
from server.catalog.model import Estimate, StatutoryRule
from server.domain.fairvalue import text
from server.domain.fairvalue.comparison import (
    Headline,
    better,
    headline,
    pick_alternatives,
    rank_key,
    ranked,
)
from server.domain.fairvalue.cover import ExistingCover, existing_cover
from server.domain.fairvalue.failure import combine, window_probability
from server.domain.fairvalue.inputs import Offer, Product, Settings
from server.domain.fairvalue.options import (
    CardOption,
    Excluded,
    Option,
    Provenance,
    catalog_options,
    offer_options,
)

CENT = Decimal("0.01")
_ZERO = Decimal(0)
# Within 20% of break-even the verdict is "marginal": the failure tables are rough (see their
# `reasoning`), so a plan that nearly pays for itself is not called a clear loss.
MARGINAL_RATIO = Decimal("0.8")
# Fewer alternatives than this come with a note saying why (issue 11: at least three, or why not).
FEW_ALTERNATIVES = 3


@dataclass(slots=True)
class PlanQuote:
    origin: str
    name: str
    provider: str | None
    kind: str
    term_months: int
    price: Decimal
    currency: str
    added_months: int
    failure_probability: float
    net_repair_cost: Decimal
    expected_repair_cost: Decimal
    expected_value: Decimal
    break_even_probability: float | None
    cost_per_added_month: Decimal | None
    premium_share: float | None
    verdict: str
    buy_until: date | None
    covers_accident: bool
    provenance: Provenance
    cover: str
    provider_id: str | None = None
    where_to_buy: tuple[str, str] | None = None
    part_months: int = 0  # months of the window where the maker still covers some parts
    covers_theft: bool = False  # loss and theft too: not in the sum, so the explanation says so
    covers_breakdown: bool = True  # False for accident-only cover: its sum is of accidents alone
    explanation: dict[str, str] = field(default_factory=dict)

    @property
    def basis(self) -> str:
        return self.provenance.basis

    @property
    def source(self) -> str | None:
        return self.provenance.source

    @property
    def estimate(self) -> Estimate | None:
        return self.provenance.estimate

    @property
    def read_on(self) -> date | None:
        return self.provenance.read_on

    def to_dict(self) -> dict:
        """The JSON shape of docs/CONTRACTS.md "Quotes" and "The trusted comparison"."""
        origin = self.provenance
        e = origin.estimate if origin.basis == "estimate" else None
        return {
            "origin": self.origin, "name": self.name, "provider": self.provider,
            "kind": self.kind, "term_months": self.term_months, "price": str(self.price),
            "currency": self.currency, "added_months": self.added_months,
            "failure_probability": round(self.failure_probability, 4),
            "expected_repair_cost": str(self.expected_repair_cost),
            "expected_value": str(self.expected_value),
            "break_even_probability": _rounded(self.break_even_probability),
            "cost_per_added_month": _text(self.cost_per_added_month),
            "premium_share": _rounded(self.premium_share), "verdict": self.verdict,
            "explanation": self.explanation, "source": origin.source,
            "buy_until": self.buy_until.isoformat() if self.buy_until else None,
            "price_basis": origin.basis,
            "estimate": None if e is None else {"low": str(e.low), "high": str(e.high),
                                                "n": e.n, "method": e.method,
                                                "method_zh": e.method_zh},
            "evidence": list(origin.evidence),
            "read_on": origin.read_on.isoformat() if origin.read_on else None,
            "published_on": origin.published_on,
            "cover": self.cover, "covers_theft": self.covers_theft,
            "provider_id": self.provider_id,
            "where_to_buy": None if self.where_to_buy is None else {
                "en": self.where_to_buy[0], "zh": self.where_to_buy[1]},
        }


@dataclass(slots=True)
class Quote:
    plans: list[PlanQuote]
    excluded: list[Excluded]
    covered_until: date
    headline: Headline | None = None
    better_options: bool = False
    card_benefit: tuple[int, str, str] | None = None  # months, en, zh
    statutory: StatutoryRule | None = None
    alternatives_note: tuple[str, str] | None = None
    unavailable: str | None = None  # a reason key of text.UNAVAILABLE

    @property
    def offers(self) -> list[PlanQuote]:
        return [q for q in self.plans if q.origin == "offer"]

    @property
    def alternatives(self) -> list[PlanQuote]:
        return [q for q in self.plans if q.origin == "catalog"]

    def to_dict(self, lang: str = "en") -> dict:
        reason, code = text.unavailable(self.unavailable, lang)
        return {
            "plans": [p.to_dict() for p in self.plans],
            "excluded": [e.to_dict() for e in self.excluded],
            "headline": None if self.headline is None else self.headline.to_dict(),
            "better_options": self.better_options,
            "card_benefit": None if self.card_benefit is None else {
                "months": self.card_benefit[0],
                "text": {"en": self.card_benefit[1], "zh": self.card_benefit[2]}},
            "statutory": statutory_dict(self.statutory),
            "alternatives_note": None if self.alternatives_note is None else {
                "en": self.alternatives_note[0], "zh": self.alternatives_note[1]},
            "unavailable": reason, "unavailable_code": code,
        }


def statutory_dict(rule: StatutoryRule | None) -> dict | None:
    if rule is None:
        return None
    en, zh = rule.names
    return {"name": rule.name, "names": {"en": en, "zh": zh},
            "whole_unit_months": rule.whole_unit_months,
            "main_parts_months": rule.main_parts_months, "source": rule.sourced.source}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class _Model:
    cover: ExistingCover
    malfunction: tuple[float, ...]
    accident: tuple[float, ...] | None
    repair: Decimal
    price_float: float


def _model(product: Product, settings: Settings, catalog: Catalog) -> _Model | None:
    sub, market = product.subcategory, product.market
    table = catalog.failure_table(product.category, sub, market)
    repair = catalog.repair_cost(product.category, sub, market, product.currency)
    if table is None or repair is None:
        return None
    capped = min(repair.cost_for(product.price), product.price)
    return _Model(existing_cover(product, settings, catalog), table.malfunction,
                  table.accident, capped, float(product.price))


def _verdict(added: int, expected: Decimal, premium: Decimal) -> str:
    if added == 0:
        return "already_covered"
    if expected >= premium:
        return "worth_it"
    return "marginal" if expected >= premium * MARGINAL_RATIO else "not_worth_it"


# In a month where the maker (or 三包) still covers some parts, a plan pays only for the rest of
# a failure. We count such a month as half covered: half a month added, half the chance of a
# failure the plan pays for. 0.5 is an assumption, not a measured share (no source found for
# how a failure's cost splits between main parts and the rest); it is one named figure so that
# a sourced one can replace it.
PART_COVER_SHARE = 0.5


def _windows(option: Option, cover: ExistingCover) -> tuple[int, int, int, int, int]:
    """(start, end, first month beyond full cover, months added, months of part cover) in
    months since purchase.

    Months beyond full cover but within part cover count as half a month each, rounded up so
    that a plan reaching past full cover always adds something. Existing cover never pays for
    accidents, so accident cover adds the plan's whole term.
    """
    start = 0 if option.starts == "purchase" else cover.manufacturer_months
    end = start + option.term_months
    beyond = max(start, cover.months)
    part = max(0, min(end, cover.parts_months) - beyond) if option.malfunction else 0
    whole = max(0, end - max(beyond, cover.parts_months)) if option.malfunction else 0
    counted = whole + math.ceil(part * (1 - PART_COVER_SHARE))
    added = max(counted, option.term_months if option.accident else 0)
    return start, end, beyond, added, part


def _evaluate(option: Option, model: _Model) -> PlanQuote:
    """Probabilities are floats (a model's output); every amount of money stays a Decimal."""
    start, end, beyond, added, part = _windows(option, model.cover)
    p_fail = 0.0
    if option.malfunction:
        p_fail = window_probability(model.malfunction, beyond, end, model.cover.parts_months,
                                    1 - PART_COVER_SHARE)
    p_acc = 0.0
    if option.accident and model.accident is not None:
        p_acc = window_probability(model.accident, start, end)
    net_fail = _net(model.repair, option.deductible)
    net_acc = _net(model.repair, option.accident_deductible)
    probability = combine(p_fail, p_acc)
    net = net_fail if p_acc == 0.0 else _blend(p_fail, net_fail, p_acc, net_acc)
    expected = Decimal(probability * float(net)).quantize(CENT)
    premium = option.price
    return PlanQuote(
        origin=option.origin, name=option.name, provider=option.provider, kind=option.kind,
        term_months=option.term_months, price=premium, currency=option.currency,
        added_months=added, failure_probability=probability, net_repair_cost=net,
        expected_repair_cost=expected, expected_value=expected - premium,
        break_even_probability=float(premium) / float(net) if net > 0 else None,
        cost_per_added_month=(premium / added).quantize(CENT) if added else None,
        premium_share=float(premium) / model.price_float if model.price_float else None,
        verdict=_verdict(added, expected, premium), buy_until=option.buy_until,
        covers_accident=option.accident, provenance=option.provenance, cover=option.cover,
        provider_id=option.provider_id,
        where_to_buy=option.where_to_buy, part_months=part, covers_theft=option.theft,
        covers_breakdown=option.malfunction,
    )


def _net(repair: Decimal, deductible: Decimal) -> Decimal:
    return repair if not deductible else max(_ZERO, repair - deductible)


def _blend(p_fail: float, net_fail: Decimal, p_acc: float, net_acc: Decimal) -> Decimal:
    """Net cost of 'a failure or an accident', weighted by how likely each one is."""
    weight = p_fail + p_acc
    blended = (p_fail * float(net_fail) + p_acc * float(net_acc)) / weight
    return Decimal(blended).quantize(CENT)


def _later(alternatives: list[PlanQuote], cover: str) -> PlanQuote | None:
    """The comparable alternative that can be bought the latest, if any can after checkout."""
    buyable = [q for q in alternatives if q.buy_until and q.added_months > 0 and q.price > 0
               and q.cover == cover]
    return max(buyable, key=lambda q: q.buy_until, default=None)


def _explain(q: PlanQuote, model: _Model, later: PlanQuote | None) -> None:
    if q.verdict == "already_covered":
        en, zh = text.covered(model.cover.until, q.price, q.currency)
    else:
        unknown = q.covers_accident and model.accident is None
        en, zh = text.arithmetic(q, model.cover.until, unknown)
    if later is not None:
        q.buy_until = later.buy_until
        more_en, more_zh = text.no_rush(later.buy_until, later.provider or later.name)
        en, zh = en + more_en, zh + more_zh
    q.explanation = {"en": en + ".", "zh": zh + "。"}


def _cards(cards: list[CardOption], settings: Settings, excluded: list[Excluded]):
    """A shopper who set their card's extension has it: it is cover, not a line to point out.
    Otherwise the longest extension any listed card gives, as one line, never as a plan."""
    if not cards:
        return None
    if settings.card_extension_months:
        reason = ("Your card's warranty extension is already counted in your cover.",
                  "您的信用卡延保已计入现有保障。")
        excluded.extend(Excluded(c.name, *reason, None, "card_counted") for c in cards)
        return None
    months = max(c.months for c in cards)
    return (months, *text.card_benefit(months, sorted({c.issuer for c in cards})))


_OWN_PLAN = ("This shop's own plan: the page's offers show its real prices.",
             "本店自己的计划：以页面上的实际价格为准。")


def _other_cover(options: list[Option], cover: str) -> list[Excluded]:
    sources = {o.name: o.provenance.source for o in reversed(options)}  # the first term's
    return [Excluded(name, f"Another kind of cover than the page's plan ({cover}); not "
                     "compared like for like.", f"与本页计划的保障类型（{COVER_ZH[cover]}）不同，"
                     "不作同类比较。", sources[name], "other_cover") for name in sorted(sources)]


COVER_ZH = {"breakdown": "故障维修", "accident": "意外保护", "replace": "只换不修"}


def _adding(quotes: list[PlanQuote]) -> tuple[list[PlanQuote], list[PlanQuote]]:
    """(the alternatives that add months, one quote per plan of which no term adds any): a plan
    that only repeats cover the shopper holds has no price per added month to compare."""
    adding = [q for q in quotes if q.added_months > 0]
    names = {q.name for q in adding}
    nothing = {q.name: q for q in quotes if q.name not in names}
    return adding, [nothing[name] for name in sorted(nothing)]


def _left_out(excluded: list[Excluded]) -> tuple[int, int]:
    """(plans to ask a price for, plans that do not fit), counted by name; card benefits are
    not plans."""
    ask = {e.name for e in excluded if e.ask_for_price}
    other = {e.name for e in excluded if e.code != "card_counted"} - ask
    return len(ask), len(other)


def quote(product: Product, offers: tuple[Offer, ...], settings: Settings,
          catalog: Catalog, today: date | None = None) -> Quote:
    """The page's offers and the comparable catalog alternatives, evaluated and ranked."""
    today = today or date.today()
    offered, excluded = offer_options(offers, product)
    page_excluded = len(excluded)
    # When the page sells plans, the shop's own catalog plans are those very plans: the page's
    # prices are the real ones, so the catalog's figures for them are not alternatives.
    listed, skipped, cards, own = catalog_options(product, catalog, today, bool(offered))
    excluded.extend(skipped)
    excluded.extend(Excluded(name, *_OWN_PLAN, own[name], "own_plan") for name in sorted(own))
    card = _cards(cards, settings, excluded)
    rule = catalog.statutory(product.market, product.subcategory)
    model = _model(product, settings, catalog)
    if model is None:
        reason = ("No failure or repair-cost data for this product type.",
                  "缺少该品类的故障或维修数据。")
        excluded.extend(Excluded(o.name, *reason, o.provenance.source, "no_model")
                        for o in offered + listed)
        return Quote([], excluded, product.purchase_date, None, False, card, rule, None,
                     "no_model")
    offer_quotes = [_evaluate(o, model) for o in offered]
    page_best = min(offer_quotes, key=rank_key, default=None)
    cover = page_best.cover if page_best else None
    # Another kind of cover than the page's is only named, so it is not evaluated.
    same = [o for o in listed if cover is None or o.cover == cover]
    alternatives, nothing = _adding([_evaluate(o, model) for o in same])
    excluded.extend(Excluded(q.name, *text.adds_nothing(model.cover.until), q.source,
                             "adds_nothing") for q in nothing)
    alternatives, _ = pick_alternatives(alternatives, cover)
    if cover is not None:
        excluded.extend(_other_cover([o for o in listed if o.cover != cover], cover))
    later = {cover: _later(alternatives, cover) for cover in {q.cover for q in offer_quotes}}
    for q in offer_quotes:
        _explain(q, model, later[q.cover] if q.verdict != "already_covered" else None)
    for q in alternatives:
        _explain(q, model, None)
    note = None
    if len(alternatives) < FEW_ALTERNATIVES:
        ask, other = _left_out(excluded[page_excluded:])
        sells = page_best is not None
        note = (text.few_alternatives(len(alternatives), ask, other, sells) if alternatives
                else text.no_alternatives(product.market, ask, other, rule is not None, sells))
    return Quote(
        plans=ranked(offer_quotes + alternatives), excluded=excluded,
        covered_until=model.cover.until, headline=headline(page_best),
        better_options=any(better(q, page_best) for q in alternatives),
        card_benefit=card, statutory=rule, alternatives_note=note)
