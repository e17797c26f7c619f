"""Turn on-page offers and eligible catalog plans into comparable priced options.

Whatever cannot be compared honestly (another currency, no published price, a closed purchase
window) becomes an Excluded entry with its reason, never a silent omission or a silent compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from server.catalog import Catalog
from server.catalog.model import Plan, PriceRow
from server.domain.fairvalue.inputs import Offer, Product

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Option:
    origin: str
    name: str
    provider: str | None
    kind: str
    term_months: int
    starts: str
    price: Decimal
    currency: str
    malfunction: bool
    accident: bool
    deductible: Decimal
    accident_deductible: Decimal
    source: str | None
    buy_until: date | None
    estimate: bool
    card: bool = False


@dataclass(frozen=True, slots=True)
class Excluded:
    name: str
    reason_en: str
    reason_zh: str

    def to_dict(self) -> dict:
        return {"name": self.name, "reason": self.reason_en, "reason_zh": self.reason_zh}


def _currency_mismatch(name: str, currency: str, product: Product) -> Excluded:
    return Excluded(
        name,
        f"Priced in {currency} but the product is in {product.currency}; not compared.",
        f"以{currency}计价，商品以{product.currency}计价，不作比较。",
    )


def offer_options(offers: tuple[Offer, ...], product: Product) -> tuple[list, list]:
    """On-page offers; an accident plan is assumed to cover malfunctions too, as most do."""
    options, excluded = [], []
    for offer in offers:
        if offer.currency != product.currency:
            excluded.append(_currency_mismatch(offer.name, offer.currency, product))
            continue
        options.append(Option(
            origin="offer", name=offer.name, provider=offer.provider, kind=offer.kind,
            term_months=offer.term_months, starts=offer.starts, price=offer.price,
            currency=offer.currency, malfunction=True,
            accident=offer.kind == "accidental_damage", deductible=_ZERO,
            accident_deductible=_ZERO, source=_page_url(offer, product), buy_until=None,
            estimate=False,
        ))
    return options, excluded


def _page_url(offer: Offer, product: Product) -> str | None:
    """An offer's source is the page it was seen on, unless it names its own URL."""
    if offer.source and offer.source.startswith(("http://", "https://")):
        return offer.source
    return product.url


def _relevant(plan: Plan, product: Product) -> bool:
    """A retailer's or platform's plan only goes with a purchase on its own site."""
    if product.category not in plan.categories:
        return False
    if plan.sites and product.site is not None and product.site not in plan.sites:
        return False
    if plan.subcategories and product.subcategory not in plan.subcategories:
        return False
    if not plan.brands:
        return True
    haystack = f"{product.brand or ''} {product.title}".casefold()
    return any(brand.casefold() in haystack for brand in plan.brands)


def buy_until(plan: Plan, purchased: date) -> date | None:
    """Last day the plan can be bought; None when only at checkout or when no window is known."""
    if plan.window_months:
        return purchased + relativedelta(months=plan.window_months)
    if plan.window_days:
        return purchased + relativedelta(days=plan.window_days)
    return None


def _closed(plan: Plan, name: str, product: Product, until: date | None, today: date):
    if plan.window_days == 0 and plan.window_months in (None, 0) and product.purchase_date < today:
        if plan.card:
            return Excluded(name, "Applies only when the product was paid for with this card.",
                            "仅在用该卡支付商品时适用。")
        return Excluded(name, "Only sold together with the product, at checkout.",
                        "只能在购买商品时一并购买。")
    if until is not None and until < today:
        return Excluded(name, f"Could only be bought until {until.isoformat()}.",
                        f"购买期限已于{until.isoformat()}截止。")
    return None


def _unpriced(plan: Plan, name: str, until: date | None) -> Excluded:
    tail_en = f" It can be bought until {until.isoformat()}." if until else ""
    tail_zh = f"可在{until.isoformat()}前购买。" if until else ""
    return Excluded(name, plan.unpriced_reason + tail_en, "未找到公开价格，无法评估。" + tail_zh)


def _deductible(plan: Plan, product: Product) -> Decimal:
    for row in plan.deductibles:
        in_band = (row.min is None or product.price >= row.min) and (
            row.max is None or product.price <= row.max)
        if in_band and (not row.subcategories or product.subcategory in row.subcategories):
            return row.amount
    return plan.coverage.deductible


def _option(plan: Plan, name: str, term: int, price: Decimal, row: PriceRow | None,
            product: Product, until: date | None) -> Option:
    deductible = _deductible(plan, product)
    accident_deductible = max(deductible, plan.coverage.accident_deductible)
    sourced = row.sourced if row else plan.sourced
    return Option(
        origin="catalog", name=name, provider=plan.provider.name, kind=plan.kind,
        term_months=term, starts=plan.starts, price=price, currency=plan.currency,
        malfunction=plan.coverage.parts_labour, accident=plan.coverage.accidental,
        deductible=deductible, accident_deductible=accident_deductible,
        source=sourced.source, buy_until=until, estimate=sourced.estimate,
        card=plan.card is not None,
    )


def _plan_options(plan: Plan, product: Product, today: date) -> list[Option] | Excluded:
    name = plan.name if product.market == "CN" else plan.name_en
    if plan.currency != product.currency:
        return _currency_mismatch(name, plan.currency, product)
    until = buy_until(plan, product.purchase_date)
    closed = _closed(plan, name, product, until, today)
    if closed or plan.unpriced_reason:
        return closed or _unpriced(plan, name, until)
    if plan.card:
        months = plan.card.months_for(product.manufacturer_warranty_months)
        if not months:
            limit = plan.card.max_original_months
            return Excluded(name, f"Extends only manufacturer warranties of 1 to {limit} months.",
                            f"仅延长1至{limit}个月的厂家保修。")
        return [_option(plan, name, months, _ZERO, None, product, until)]
    rows = [row for row in plan.prices if row.applies_to(product.price)]
    if not rows:
        return Excluded(name, "No published price for a product at this price.",
                        "没有适用于该价位商品的公开价格。")
    return [_option(plan, name, r.term_months, r.premium(product.price), r, product, until)
            for r in rows]


def catalog_options(product: Product, catalog: Catalog, today: date) -> tuple[list, list]:
    """Every catalog plan of the product's market that fits its category, type and brand."""
    options, excluded = [], []
    for plan in catalog.plans_for(product.market):
        if not _relevant(plan, product):
            continue
        result = _plan_options(plan, product, today)
        if isinstance(result, Excluded):
            excluded.append(result)
        else:
            options.extend(result)
    return options, excluded
