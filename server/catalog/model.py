"""Typed catalog entries. Loaded once from the TOML files and shared read-only by every quote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ANY = "*"


@dataclass(frozen=True, slots=True)
class Sourced:
    """Where a figure came from; `estimate` marks a modelling step or a stand-in figure."""

    source: str
    read_on: date
    published: str | None = None
    estimate: bool = False
    reasoning: str | None = None


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    name: str
    name_en: str
    kind: str
    market: str
    url: str
    sourced: Sourced


@dataclass(frozen=True, slots=True)
class Estimate:
    """An estimated price's range and what it rests on: `n` real observations, combined by
    `method` (one sentence a shopper can read, e.g. "middle half of 9 JD page prices for
    3,000-5,000 fridges, 2025-10")."""

    low: Decimal
    high: Decimal
    n: int
    method: str


@dataclass(frozen=True, slots=True)
class PlanPrice:
    """What one term of a plan costs for one product price, and where that figure comes from.

    `basis` is "published" (the provider's own list or page, at `source`) or "estimate" (then
    `estimate` says its range and basis and `amount` is its middle). `source` is always a web
    address a shopper can open; provenance that is not (a dataset, a repository file) goes in
    `evidence`.
    """

    term_months: int
    amount: Decimal
    basis: str
    source: str
    read_on: date
    estimate: Estimate | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One price: fixed, or a share of the product price, for a product-price band."""

    term_months: int
    price: Decimal | None
    share: Decimal | None
    min: Decimal | None
    max: Decimal | None
    sourced: Sourced

    def applies_to(self, product_price: Decimal) -> bool:
        low_ok = self.min is None or product_price >= self.min
        return low_ok and (self.max is None or product_price <= self.max)

    def premium(self, product_price: Decimal) -> Decimal:
        if self.price is not None:
            return self.price
        return (product_price * self.share).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class DeductibleRow:
    amount: Decimal
    min: Decimal | None
    max: Decimal | None
    subcategories: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    parts_labour: bool
    accidental: bool
    replace: bool
    on_site: bool | None
    deductible: Decimal
    accident_deductible: Decimal
    claim_limit: int | None
    transferable: bool | None


@dataclass(frozen=True, slots=True)
class Cancellation:
    full_refund_days: int | None
    after: str | None
    fee: str | None


@dataclass(frozen=True, slots=True)
class CardRule:
    """A card benefit: extra months after the manufacturer warranty, at no cost."""

    extra_months: int
    doubles: bool
    max_original_months: int

    def months_for(self, manufacturer_months: int) -> int:
        if manufacturer_months <= 0 or manufacturer_months > self.max_original_months:
            return 0
        if self.doubles:
            return min(manufacturer_months, self.extra_months)
        return self.extra_months


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    provider: Provider
    name: str
    name_en: str
    kind: str
    market: str
    currency: str
    categories: tuple[str, ...]
    subcategories: tuple[str, ...]
    brands: tuple[str, ...]
    sites: tuple[str, ...]
    starts: str
    window_days: int | None
    window_months: int | None
    coverage: Coverage
    cancellation: Cancellation | None
    prices: tuple[PriceRow, ...]
    deductibles: tuple[DeductibleRow, ...]
    card: CardRule | None
    unpriced_reason: str | None
    sourced: Sourced
    # Where a shopper buys it when not on the product's own page, e.g. Suning's plan on
    # suning.com whatever shop sold the product: (English, Chinese).
    where_to_buy: tuple[str, str] | None = None

    def prices_for(self, product_price: Decimal) -> tuple[PlanPrice, ...]:
        """Each term this plan sells for a product at this price, with its basis.

        Interim: built from the price rows as they are; the band-table catalog replaces it.
        """
        out = []
        for row in self.prices:
            if not row.applies_to(product_price):
                continue
            amount = row.premium(product_price)
            sourced = row.sourced
            web = sourced.source.startswith(("http://", "https://"))
            evidence = () if web else (sourced.source,)
            source = sourced.source if web else self.provider.url
            if sourced.estimate:
                estimate = Estimate(amount, amount, 0, sourced.reasoning or "")
                out.append(PlanPrice(row.term_months, amount, "estimate", source,
                                     sourced.read_on, estimate, evidence))
            else:
                out.append(PlanPrice(row.term_months, amount, "published", source,
                                     sourced.read_on, None, evidence))
        return tuple(out)


@dataclass(frozen=True, slots=True)
class StatutoryRule:
    market: str
    name: str
    subcategories: tuple[str, ...]
    whole_unit_months: int
    main_parts_months: int | None
    sourced: Sourced


@dataclass(frozen=True, slots=True)
class FailureTable:
    """Yearly chance of a malfunction (and of an accident, when known) by year of age."""

    key: str
    market: str
    malfunction: tuple[float, ...]
    accident: tuple[float, ...] | None
    sourced: Sourced


@dataclass(frozen=True, slots=True)
class RepairCost:
    key: str
    market: str
    currency: str | None
    amount: Decimal | None
    share: Decimal | None
    sourced: Sourced

    def cost_for(self, price: Decimal) -> Decimal:
        if self.amount is not None:
            return self.amount
        return (price * self.share).quantize(Decimal("0.01"))
