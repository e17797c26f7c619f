"""Typed catalog entries. Loaded once from the TOML files and shared read-only by every quote."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

ANY = "*"
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Sourced:
    """Where a figure came from: `source` is a web address a shopper can open; provenance that is
    not a web page (a dataset, a repository file) goes in `evidence`. `estimate` marks a modelling
    step or a stand-in figure, explained by `reasoning`."""

    source: str
    read_on: date
    published: str | None = None
    estimate: bool = False
    reasoning: str | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    name: str
    name_en: str
    kind: str
    market: str
    url: str
    sourced: Sourced


def in_band(low: Decimal, high: Decimal | None, product_price: Decimal) -> bool:
    """Both edges inclusive, to the cent; no `high` = no upper edge."""
    return low <= product_price and (high is None or product_price <= high)


@dataclass(frozen=True, slots=True)
class Estimate:
    """An estimated price's range and what it rests on: `n` real observations, combined by
    `method` (one sentence a shopper can read, e.g. "middle half of 9 JD page prices for
    3,000-5,000 fridges, 2025-10"), and `method_zh`, the same sentence in Chinese for a shopper
    reading Chinese (required by `catalog check`; None only in a catalog not yet checked)."""

    low: Decimal
    high: Decimal
    n: int
    method: str
    method_zh: str | None = None


@dataclass(frozen=True, slots=True)
class PlanPrice:
    """What one term of a plan costs for one product price, and where that figure comes from.

    `basis` is "published" (the provider's own list or page, at `source`, dated `published_on`
    when the source shows a date) or "estimate" (then `estimate` says its range and basis and
    `amount` is its middle). `source` is always a web
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
    published_on: str | None = None


@dataclass(frozen=True, slots=True)
class Share:
    """An estimate by share of the product price: the range of plan-price / product-price seen
    in `n` real prices of this provider's plan on products outside this band. It is only ever a
    range times this product's price, never a point."""

    low: Decimal
    high: Decimal


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One band of a plan's price table: what `term_months` costs for a product priced `min` to
    `max` (both inclusive, to the cent; `max` None = no upper edge).

    `basis` "published": `price` is the provider's own figure at `source`. `basis` "estimate":
    `estimate` holds the observed range, how many real observations it rests on and how they were
    combined, and `price` is its middle. A `share` row is an estimate too, whose range is the
    observed share range times the product's price (`estimate_at`); its `price` and `estimate`
    are those at the band's lower edge, for readers that do not pass a product price.
    """

    term_months: int
    min: Decimal
    max: Decimal | None
    basis: str
    price: Decimal
    source: str
    read_on: date
    estimate: Estimate | None = None
    evidence: tuple[str, ...] = ()
    published: str | None = None
    share: Share | None = None

    def applies_to(self, product_price: Decimal) -> bool:
        return in_band(self.min, self.max, product_price)

    @property
    def published_on(self) -> str | None:
        """A published price's date as its source shows it (2020, 2020-02 or 2020-02-29); None
        for an estimate and when the source shows none ("undated …", checked at load:
        server.catalog.fields.Fields.published)."""
        published = self.published
        if self.basis != "published" or not published or not published[0].isdigit():
            return None
        return published

    def estimate_at(self, product_price: Decimal) -> Estimate | None:
        """The estimate for a product at this price (a share row scales its share range)."""
        if self.share is None or self.estimate is None:
            return self.estimate
        return Estimate((self.share.low * product_price).quantize(_CENT),
                        (self.share.high * product_price).quantize(_CENT),
                        self.estimate.n, self.estimate.method, self.estimate.method_zh)

    def premium(self, product_price: Decimal) -> Decimal:
        """A band has one price; a share row's is the middle of its range at this price."""
        if self.share is None:
            return self.price
        scaled = self.estimate_at(product_price)
        return ((scaled.low + scaled.high) / 2).quantize(_CENT)

    def low_at(self, product_price: Decimal) -> Decimal:
        """The cheapest this row may be for this product price."""
        scaled = self.estimate_at(product_price)
        return scaled.low if scaled else self.price

    def high_at(self, product_price: Decimal) -> Decimal:
        """The dearest this row may be for this product price."""
        scaled = self.estimate_at(product_price)
        return scaled.high if scaled else self.price

    @property
    def sourced(self) -> Sourced:
        reasoning = self.estimate.method if self.estimate else None
        return Sourced(self.source, self.read_on, self.published, self.estimate is not None,
                       reasoning, self.evidence)

    def plan_price(self, product_price: Decimal | None = None) -> PlanPrice:
        at = self.min if product_price is None else product_price
        return PlanPrice(self.term_months, self.premium(at), self.basis, self.source,
                         self.read_on, self.estimate_at(at), self.evidence, self.published_on)


@dataclass(frozen=True, slots=True)
class Gap:
    """A deliberate hole in a band table: no price is known for this term between `min` and
    `max` (say, between two observed products far apart), with the reason a shopper reads."""

    term_months: int
    min: Decimal
    max: Decimal | None
    reason: str
    reason_zh: str | None = None  # the same in Chinese, for a shopper reading Chinese

    def applies_to(self, product_price: Decimal) -> bool:
        return in_band(self.min, self.max, product_price)


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
    theft: bool = False  # loss and theft covered too; the fair-value model does not value them


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
    issuer: str  # the card's own name ("Visa"), as the shopper knows the card in their wallet

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
    # The page that says how long after purchase the plan can be bought, and any wording that
    # a number of days cannot hold ("during the return period on the receipt").
    window_source: str | None = None
    window_note: str | None = None
    # The data file the plan was read from, so that `catalog check` can name it.
    file: str = ""
    # Explained holes in the band table (no observation for those product prices).
    gaps: tuple[Gap, ...] = ()

    # Why a product priced outside every band gets no price (the observations behind the
    # bands were all on products priced inside them).
    outside_reason: str | None = None
    # The two reasons in Chinese, for a shopper reading Chinese (required in every market).
    unpriced_reason_zh: str | None = None
    outside_reason_zh: str | None = None
    # False when the plan is made for its price bands only (a rate card for products of £20 to
    # £150): outside them it is not sold, rather than sold at a price we did not find.
    sold_outside: bool = True
    # True when the provider sells only through the shops it works with, with the product on
    # their pages (Extend, Mulberry): a shopper cannot buy it for a purchase made elsewhere.
    partner_shops_only: bool = False
    # Per term, shortest first: the band floors in order and their rows, for a bisect.
    _bands: tuple = field(default=(), init=False, repr=False, compare=False)

    def gap_for(self, product_price: Decimal) -> str | None:
        """Why some term has no price for a product at this price: the gap row that holds the
        price, else the plan's `outside_reason` when no band holds it at all."""
        texts = self.gap_texts(product_price)
        return texts[0] if texts else None

    def gap_texts(self, product_price: Decimal) -> tuple[str, str | None] | None:
        """gap_for's reason with its Chinese (None where the catalog has none)."""
        gap = next((g for g in self.gaps if g.applies_to(product_price)), None)
        if gap is not None:
            return gap.reason, gap.reason_zh
        if self.outside_reason and self.outside(product_price):
            return self.outside_reason, self.outside_reason_zh
        return None

    def outside(self, product_price: Decimal) -> bool:
        """No band of any term, priced or not, holds this price."""
        return not any(g.applies_to(product_price) for g in self.gaps) and not any(
            r.applies_to(product_price) for r in self.prices)

    @property
    def cover(self) -> str:
        """Like-with-like: "accident" (covers drops and spills), "replace" (a new unit instead of
        a repair, breakdowns only) or "breakdown"."""
        if self.coverage.accidental:
            return "accident"
        return "replace" if self.coverage.replace else "breakdown"

    def __post_init__(self):
        # Shortest term first, once: prices_for runs for every plan of every quote, so each
        # term's bands are kept in order of their floors, to find a price's band by bisection
        # (a band table has up to 40 rows) rather than by trying every row.
        object.__setattr__(self, "prices", tuple(sorted(self.prices,
                                                        key=lambda r: r.term_months)))
        terms: dict[int, list[PriceRow]] = {}
        for row in self.prices:
            terms.setdefault(row.term_months, []).append(row)
        object.__setattr__(self, "_bands", tuple(
            (tuple(r.min for r in rows), tuple(rows))
            for rows in (sorted(rows, key=lambda r: r.min) for rows in terms.values())))

    def _rows_at(self, product_price: Decimal) -> list[PriceRow]:
        found = []
        for floors, rows in self._bands:
            i = bisect_right(floors, product_price) - 1
            if i >= 0 and rows[i].applies_to(product_price):
                found.append(rows[i])
        return found

    def prices_for(self, product_price: Decimal) -> tuple[PlanPrice, ...]:
        """Each term this plan sells for a product at this price, shortest first, from the band
        that holds the price (the check guarantees at most one band per term)."""
        return tuple(row.plan_price(product_price) for row in self._rows_at(product_price))


@dataclass(frozen=True, slots=True)
class StatutoryRule:
    market: str
    name: str
    subcategories: tuple[str, ...]
    whole_unit_months: int
    main_parts_months: int | None
    sourced: Sourced
    # Which parts the longer term covers (三包: "压缩机等" for a fridge).
    main_parts: str | None = None
    # How long after delivery a claim can still be brought, when that differs from the cover the
    # law presumes (UK: faults within 6 months are presumed present at delivery, claims up to 6
    # years, 5 in Scotland), and one sentence saying so for the shopper.
    claim_months: int | None = None
    note: str | None = None
    # The name in the other language than the law's own (`name`): English for China's rules,
    # Chinese for the others.
    name_en: str | None = None
    name_zh: str | None = None

    @property
    def names(self) -> tuple[str, str]:
        """(English, Chinese)."""
        return self.name_en or self.name, self.name_zh or self.name


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
