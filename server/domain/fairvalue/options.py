"""Turn on-page offers and eligible catalog plans into comparable priced options.

Whatever cannot be compared honestly (another currency, no published price, a closed purchase
window) becomes an Excluded entry with its reason, never a silent omission or a silent compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from server.catalog import Catalog
from server.catalog.model import Estimate, Plan, PlanPrice
from server.domain.fairvalue.inputs import Offer, Product
from server.domain.months import add_months
from server.domain.vocabulary import ASK_FOR_PRICE

_ZERO = Decimal(0)
# Kinds of cover, for comparing like with like: repairs, repairs plus accidents, or a
# replacement instead of a repair.
BREAKDOWN, ACCIDENT, REPLACE = "breakdown", "accident", "replace"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a plan's price comes from: `basis` "page" (the page sells it; `source` is the page),
    or a catalog row's "published" (the provider's own figure at `source`, read on `read_on`)
    or "estimate" (`estimate` says its range and what it rests on). Provenance that is not a web
    page is in `evidence`. Carried as one value from the catalog row to the answer."""

    basis: str  # page | published | estimate (server.domain.vocabulary.PRICE_BASES)
    source: str | None
    read_on: date | None = None
    estimate: Estimate | None = None
    evidence: tuple[str, ...] = ()
    published_on: str | None = None  # the date the source shows: 2020, 2020-02 or 2020-02-29

    @classmethod
    def of(cls, price: PlanPrice) -> Provenance:
        return cls(price.basis, price.source, price.read_on, price.estimate, price.evidence,
                   price.published_on)


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
    buy_until: date | None
    provenance: Provenance
    cover: str
    provider_id: str | None = None
    where_to_buy: tuple[str, str] | None = None
    theft: bool = False  # also covers loss and theft, which no failure table prices


@dataclass(frozen=True, slots=True)
class CardOption:
    """A card benefit that applies to this product: months added if paid with that card."""

    name: str
    months: int
    issuer: str


@dataclass(frozen=True, slots=True)
class Excluded:
    """A plan that is named but not compared, with the reason; `source` is the plan's page (a
    catalog plan's own, a page offer's page) so a shopper can still look it up or ask for a
    price, or None when there is none. `code` is one of vocabulary.EXCLUDED_REASONS."""

    name: str
    reason_en: str
    reason_zh: str
    source: str | None
    code: str

    @property
    def ask_for_price(self) -> bool:
        """A plan the shopper can still buy, whose price was not found."""
        return self.code in ASK_FOR_PRICE

    def to_dict(self) -> dict:
        return {"name": self.name, "reason": self.reason_en, "reason_zh": self.reason_zh,
                "source": self.source, "reason_code": self.code}


def _currency_mismatch(name: str, currency: str, product: Product,
                       source: str | None) -> Excluded:
    return Excluded(
        name,
        f"Priced in {currency} but the product is in {product.currency}; not compared.",
        f"以{currency}计价，商品以{product.currency}计价，不作比较。",
        source, "other_currency",
    )


def offer_options(offers: tuple[Offer, ...], product: Product) -> tuple[list, list]:
    """On-page offers; an accident plan is assumed to cover malfunctions too, as most do."""
    options, excluded = [], []
    for offer in offers:
        if offer.currency != product.currency:
            excluded.append(_currency_mismatch(offer.name, offer.currency, product,
                                               _page_url(offer, product)))
            continue
        options.append(Option(
            origin="offer", name=offer.name, provider=offer.provider, kind=offer.kind,
            term_months=offer.term_months, starts=offer.starts, price=offer.price,
            currency=offer.currency, malfunction=True,
            accident=offer.kind == "accidental_damage", deductible=_ZERO,
            accident_deductible=_ZERO, buy_until=None,
            provenance=Provenance("page", _page_url(offer, product)), cover=offer_cover(offer.kind),
        ))
    return options, excluded


def _page_url(offer: Offer, product: Product) -> str | None:
    """An offer's source is the page it was seen on, unless it names its own URL."""
    if offer.source and offer.source.startswith(("http://", "https://")):
        return offer.source
    return product.url


def offer_cover(kind: str) -> str:
    """An offer's kind of cover, from the plan kind the page's wording gave it."""
    return {"accidental_damage": ACCIDENT, "replace": REPLACE}.get(kind, BREAKDOWN)


def _relevant(plan: Plan, product: Product) -> bool:
    """A retailer's or platform's plan only goes with a purchase on its own site, unless the
    catalog says where else it is sold (`where_to_buy`, e.g. Suning's on suning.com). Brands are
    checked apart (_brand_pattern): they are the one test that reads the product's title."""
    if plan.sites and plan.where_to_buy is None and product.site is not None \
            and product.site not in plan.sites:
        return False
    return not plan.subcategories or product.subcategory in plan.subcategories


def _brand_pattern(plan: Plan) -> re.Pattern | None:
    """One search for any of a maker's plan's brands (case-folded), built when its shelf is
    staged, not per quote."""
    if not plan.brands:
        return None
    return re.compile("|".join(re.escape(brand.casefold()) for brand in plan.brands))


def buy_until(plan: Plan, purchased: date) -> date | None:
    """Last day the plan can be bought; None when only at checkout or when no window is known."""
    if plan.window_months:
        return add_months(purchased, plan.window_months)
    if plan.window_days:
        return purchased + timedelta(days=plan.window_days)
    return None


def _closed(plan: Plan, name: str, product: Product, until: date | None, today: date):
    if plan.window_days == 0 and plan.window_months in (None, 0) and product.purchase_date < today:
        return Excluded(name, "Only sold together with the product, at checkout.",
                        "只能在购买商品时一并购买。", plan.sourced.source, "checkout_only")
    if until is not None and until < today:
        return Excluded(name, f"Could only be bought until {until.isoformat()}.",
                        f"购买期限已于{until.isoformat()}截止。", plan.sourced.source,
                        "window_closed")
    return None


def _partner_shops(plan: Plan, name: str) -> Excluded:
    """A plan sold only by the shops its provider works with, on their product pages: not one
    to ask the provider for. Where this shop is a partner, the page itself offers the plan
    (scrapers read those widgets), and it is compared as the page's offer."""
    en, zh = plan.provider.name_en, plan.provider.name
    return Excluded(name,
                    f"{en} sells its plans only through the shops it works with, with the "
                    "product on their pages, not to shoppers directly; if this shop is one, the "
                    "plan is among this page's offers.",
                    f"{zh}只通过合作商店随商品出售计划，不直接卖给顾客；若本店是合作商店，"
                    "该计划会出现在本页提供的方案中。",
                    plan.sourced.source, "partner_shops")


def _unpriced(plan: Plan, name: str, until: date | None) -> Excluded:
    tail_en = f" It can be bought until {until.isoformat()}." if until else ""
    tail_zh = f"可在{until.isoformat()}前购买。" if until else ""
    zh = plan.unpriced_reason_zh or "未找到公开价格，无法评估。"
    return Excluded(name, plan.unpriced_reason + tail_en, zh + tail_zh, plan.sourced.source,
                    "no_public_price")


def _deductible(plan: Plan, product: Product) -> Decimal:
    for row in plan.deductibles:
        in_band = (row.min is None or product.price >= row.min) and (
            row.max is None or product.price <= row.max)
        if in_band and (not row.subcategories or product.subcategory in row.subcategories):
            return row.amount
    return plan.coverage.deductible


def _option(plan: Plan, name: str, price: PlanPrice, product: Product,
            until: date | None) -> Option:
    deductible = _deductible(plan, product)
    accident_deductible = max(deductible, plan.coverage.accident_deductible)
    provider = plan.provider.name if product.market == "CN" else plan.provider.name_en
    return Option(
        origin="catalog", name=name, provider=provider, kind=plan.kind,
        term_months=price.term_months, starts=plan.starts, price=price.amount,
        currency=plan.currency, malfunction=plan.coverage.parts_labour,
        accident=plan.coverage.accidental, deductible=deductible,
        accident_deductible=accident_deductible, buy_until=until,
        provenance=Provenance.of(price), cover=plan.cover, provider_id=plan.provider.id,
        where_to_buy=plan.where_to_buy, theft=plan.coverage.theft,
    )


def _card(plan: Plan, name: str, product: Product, today: date) -> CardOption | None:
    """A card benefit that applies: the product was bought today (paid with some card), and the
    maker's warranty is one the card extends. Others are left out: they are not plans."""
    if product.purchase_date < today and plan.window_days == 0:
        return None
    months = plan.card.months_for(product.manufacturer_warranty_months)
    return CardOption(name, months, plan.card.issuer) if months else None


@dataclass(frozen=True, slots=True)
class _ToPrice:
    """A plan that is open and priced by bands: what is left is to read the product's band."""

    plan: Plan
    name: str
    until: date | None


def _stage(plan: Plan, product: Product, today: date) -> _ToPrice | CardOption | Excluded | None:
    """Everything about a plan that does not depend on the product's price or title."""
    name = plan.name if product.market == "CN" else plan.name_en
    if plan.card:
        return _card(plan, name, product, today) if plan.currency == product.currency else None
    if plan.currency != product.currency:
        return _currency_mismatch(name, plan.currency, product, plan.sourced.source)
    if plan.partner_shops_only:
        return _partner_shops(plan, name)
    until = buy_until(plan, product.purchase_date)
    closed = _closed(plan, name, product, until, today)
    if closed or plan.unpriced_reason:
        return closed or _unpriced(plan, name, until)
    return _ToPrice(plan, name, until)


def _priced(staged: _ToPrice, product: Product) -> list[Option] | Excluded:
    plan = staged.plan
    prices = plan.prices_for(product.price)
    if not prices:
        en, zh = plan.gap_texts(product.price) or (None, None)
        if not plan.sold_outside and plan.outside(product.price):
            return Excluded(staged.name, en or "Not sold for a product at this price.",
                            zh or "不适用于该价位的商品。", plan.sourced.source,
                            "not_sold_at_price")
        return Excluded(staged.name, en or "No published price for a product at this price.",
                        zh or "没有适用于该价位商品的公开价格。", plan.sourced.source,
                        "no_price_for_product")
    return [_option(plan, staged.name, price, product, staged.until) for price in prices]


def shelf(catalog: Catalog, market: str, category: str) -> tuple[Plan, ...]:
    """The catalog's plans of one market that cover one category. Indexed once per loaded
    catalog (kept in it, Catalog.derived): a quote reads only its own shelf."""
    return catalog.derived("fairvalue.shelves", lambda: _shelves(catalog)).get(
        (market, category), ())


def _shelves(catalog: Catalog) -> dict[tuple[str, str], tuple[Plan, ...]]:
    shelves: dict = {}
    for plan in catalog.plans:
        for code in plan.categories:
            shelves.setdefault((plan.market, code), []).append(plan)
    return {key: tuple(plans) for key, plans in shelves.items()}


# Each shelf's plans staged for one kind of purchase (market, category, type, site, currency,
# dates, maker's warranty): every quote of that kind shares the work, and only the price band
# and the brand are read per quote. Kept in the catalog like the shelves; at most STAGED_KINDS
# kinds (a day's quotes are mostly "bought today" on a few sites).
STAGED_KINDS = 2048


def _staged(catalog: Catalog, product: Product, today: date) -> tuple:
    kinds = catalog.derived("fairvalue.staged")
    key = (product.market, product.category, product.subcategory, product.site,
           product.currency, product.purchase_date, today, product.manufacturer_warranty_months)
    found = kinds.get(key)
    if found is None:
        if len(kinds) >= STAGED_KINDS:
            kinds.clear()
        found = kinds[key] = tuple(
            (plan, _stage(plan, product, today), _brand_pattern(plan))
            for plan in _most_specific([plan for plan in shelf(catalog, product.market,
                                                                product.category)
                                        if _relevant(plan, product)]))
    return found


def _most_specific(plans: list[Plan]) -> list[Plan]:
    """A provider's plan made for the product's family stands in for its catch-all plan of the
    same brands and sites (Best Buy's refrigerator plan, not its 'other products' one): the
    catch-all would only repeat the provider, often as a plan without a price."""
    specific = {(p.provider.id, p.brands, p.sites) for p in plans if p.subcategories}
    return [p for p in plans
            if p.subcategories or (p.provider.id, p.brands, p.sites) not in specific]


def catalog_options(product: Product, catalog: Catalog, today: date, page_sells: bool = False
                    ) -> tuple[list[Option], list[Excluded], list[CardOption], dict[str, str]]:
    """Every catalog plan of the product's market that fits its category, type and brand;
    card benefits apart (they are not plans to buy). When the page sells plans (`page_sells`),
    the shop's own plans (those sold on its site) come back by name only, with their page,
    priced or not: the page's offers are what the shop sells for this product, at its real
    prices."""
    options, excluded, cards, own_names = [], [], [], {}
    haystack = None
    for plan, result, brands in _staged(catalog, product, today):
        if brands is not None:
            if haystack is None:  # brands are looked for in the brand and the title
                haystack = f"{product.brand or ''} {product.title}".casefold()
            if brands.search(haystack) is None:
                continue
        if page_sells and product.site in plan.sites and (
                isinstance(result, _ToPrice)
                or (isinstance(result, Excluded) and result.ask_for_price)):
            own_names[result.name] = plan.sourced.source
            continue
        if isinstance(result, _ToPrice):
            result = _priced(result, product)
        if isinstance(result, Excluded):
            excluded.append(result)
        elif isinstance(result, CardOption):
            cards.append(result)
        elif result is not None:
            options.extend(result)
    return options, excluded, cards, own_names
