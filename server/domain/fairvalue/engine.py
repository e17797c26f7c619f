"""Fair value of extended-warranty plans: is each one worth its premium, and what else is there?

A plan pays off when the repairs it is expected to pay for cost more than it does. For each
on-page offer and each eligible catalog plan: the months it adds beyond the shopper's existing
cover, the chance of a failure in exactly those months, the expected net repair cost (capped at
the product's price, less the deductible), and a verdict with that arithmetic in both languages.
Pure domain code: no Flask, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from server.catalog import Catalog
from server.domain.fairvalue.cover import ExistingCover, existing_cover
from server.domain.fairvalue.failure import combine, window_probability
from server.domain.fairvalue.inputs import Offer, Product, Settings
from server.domain.fairvalue.options import Excluded, Option, catalog_options, offer_options
from server.domain.fairvalue.text import arithmetic, covered, no_rush

CENT = Decimal("0.01")
_ZERO = Decimal(0)
# Within 20% of break-even the verdict is "marginal": the failure tables are rough (see their
# `reasoning`), so a plan that nearly pays for itself is not called a clear loss.
MARGINAL_RATIO = Decimal("0.8")


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
    source: str | None
    buy_until: date | None
    covers_accident: bool
    estimate: bool
    card: bool = False
    explanation: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The JSON shape of docs/CONTRACTS.md "Quotes"; money as strings."""
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
            "explanation": self.explanation, "source": self.source,
            "buy_until": self.buy_until.isoformat() if self.buy_until else None,
        }


@dataclass(slots=True)
class Quote:
    plans: list[PlanQuote]
    excluded: list[Excluded]
    covered_until: date

    def to_dict(self) -> dict:
        return {"plans": [p.to_dict() for p in self.plans],
                "excluded": [e.to_dict() for e in self.excluded]}


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


def _windows(option: Option, cover: ExistingCover) -> tuple[int, int, int, int]:
    """(start, end, first month beyond existing cover, months added) in months since purchase.

    Existing cover never pays for accidents, so accident cover adds the plan's whole term.
    """
    start = 0 if option.starts == "purchase" else cover.manufacturer_months
    end = start + option.term_months
    beyond = max(start, cover.months)
    breakdown = max(0, end - beyond) if option.malfunction else 0
    added = max(breakdown, option.term_months if option.accident else 0)
    return start, end, beyond, added


def _evaluate(option: Option, model: _Model) -> PlanQuote:
    """Probabilities are floats (a model's output); every amount of money stays a Decimal."""
    start, end, beyond, added = _windows(option, model.cover)
    p_fail = window_probability(model.malfunction, beyond, end) if option.malfunction else 0.0
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
        verdict=_verdict(added, expected, premium), source=option.source,
        buy_until=option.buy_until, covers_accident=option.accident, estimate=option.estimate,
        card=option.card,
    )


def _net(repair: Decimal, deductible: Decimal) -> Decimal:
    return repair if not deductible else max(_ZERO, repair - deductible)


def _blend(p_fail: float, net_fail: Decimal, p_acc: float, net_acc: Decimal) -> Decimal:
    """Net cost of 'a failure or an accident', weighted by how likely each one is."""
    weight = p_fail + p_acc
    blended = (p_fail * float(net_fail) + p_acc * float(net_acc)) / weight
    return Decimal(blended).quantize(CENT)


def _rank_key(q: PlanQuote) -> tuple:
    """Best value first; plans that add nothing last; cheaper per added month breaks ties."""
    per_month = q.cost_per_added_month if q.cost_per_added_month is not None else Decimal("Inf")
    return (q.verdict == "already_covered", -q.expected_value, per_month, q.name)


def _latest_alternatives(catalog_quotes: list[PlanQuote]) -> dict[bool, PlanQuote | None]:
    """For offers without / with accident cover: the comparable catalog plan sold the latest."""
    buyable = [q for q in catalog_quotes if q.buy_until and q.added_months > 0 and q.price > 0]
    with_accident = [q for q in buyable if q.covers_accident]
    return {False: _latest(buyable), True: _latest(with_accident)}


def _latest(quotes: list[PlanQuote]) -> PlanQuote | None:
    return max(quotes, key=lambda q: q.buy_until, default=None)


def _explain(q: PlanQuote, model: _Model, later: PlanQuote | None) -> None:
    if q.verdict == "already_covered":
        en, zh = covered(model.cover.until, q.price, q.currency)
    else:
        unknown = q.covers_accident and model.accident is None
        en, zh = arithmetic(q, model.cover.until, unknown)
    if later is not None:
        q.buy_until = later.buy_until
        more_en, more_zh = no_rush(later.buy_until, later.provider or later.name)
        en, zh = en + more_en, zh + more_zh
    q.explanation = {"en": en + ".", "zh": zh + "。"}


def _cards_already_held(options: list[Option]) -> tuple[list[Option], list[Excluded]]:
    """A shopper who set their card's extension has it: it is cover, not an alternative."""
    reason = ("Your card's warranty extension is already counted in your cover.",
              "您的信用卡延保已计入现有保障。")
    kept = [o for o in options if not o.card]
    return kept, [Excluded(o.name, *reason) for o in options if o.card]


def quote(product: Product, offers: tuple[Offer, ...], settings: Settings,
          catalog: Catalog, today: date | None = None) -> Quote:
    """Every on-page offer and eligible catalog plan, evaluated and ranked by expected value."""
    today = today or date.today()
    offered, excluded = offer_options(offers, product)
    listed, skipped = catalog_options(product, catalog, today)
    excluded.extend(skipped)
    if settings.card_extension_months:
        listed, held = _cards_already_held(listed)
        excluded.extend(held)
    model = _model(product, settings, catalog)
    if model is None:
        reason = ("No failure or repair-cost data for this product type.",
                  "缺少该品类的故障或维修数据。")
        excluded.extend(Excluded(o.name, *reason) for o in offered + listed)
        return Quote([], excluded, product.purchase_date)
    offer_quotes = [_evaluate(o, model) for o in offered]
    catalog_quotes = [_evaluate(o, model) for o in listed]
    later = _latest_alternatives(catalog_quotes)
    for q in offer_quotes:
        useful = q.verdict != "already_covered"
        _explain(q, model, later[q.covers_accident] if useful else None)
    for q in catalog_quotes:
        _explain(q, model, None)
    plans = sorted(offer_quotes + catalog_quotes, key=_rank_key)
    return Quote(plans, excluded, model.cover.until)
