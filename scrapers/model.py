"""The result of detection, shaped exactly like the "Page detection" contract.

Money is ``Decimal`` inside and a dot-decimal string on the wire, always beside its currency.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from scrapers.money import format_amount

PRODUCT_FIELDS = (
    "url", "canonical_url", "item_id", "title", "brand", "model", "breadcrumbs", "category",
    "subcategory", "category_confidence", "category_evidence", "price", "price_min", "price_max",
    "currency", "seller", "official_store", "warranty_text", "warranty_months",
    "warranty_terms", "nationwide_warranty",
)  # fmt: skip
MONEY_FIELDS = ("price", "price_min", "price_max")


@dataclass
class Offer:
    """A warranty plan shown on the page next to the product."""

    name: str
    kind: str  # extended | accidental_damage | replace | other
    term_months: int | None = None
    price: Decimal | None = None
    currency: str | None = None
    provider: str | None = None
    preselected: bool = False
    source: str = "site_rule"
    starts: str = "purchase"  # or "after_manufacturer": the platform's convention for its plans

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "provider": self.provider,
            "kind": self.kind,
            "term_months": self.term_months,
            "starts": self.starts,
            "price": format_amount(self.price, self.currency),
            "currency": self.currency if self.price is not None else None,
            "preselected": self.preselected,
            "source": self.source,
        }


@dataclass
class DetectResult:
    """What :func:`scrapers.detect` answers; ``page_text`` stays out of the wire format."""

    is_product: bool
    reason: str | None = None
    site: str | None = None
    product: dict[str, Any] | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    offers: list[Offer] = field(default_factory=list)
    # Reads the page's visible text on demand: nothing in the service needs it on every
    # request, and it costs about as much as parsing a large page.
    text_source: Callable[[], str] | None = field(default=None, repr=False, compare=False)

    @property
    def page_text(self) -> str:
        """The visible text of a page judged not a product, normalised (for article checks)."""
        return self.text_source() if self.text_source else ""

    def to_dict(self) -> dict[str, Any]:
        product = None
        if self.product is not None:
            currency = self.product.get("currency")
            product = {name: self.product.get(name) for name in PRODUCT_FIELDS}
            for name in MONEY_FIELDS:
                product[name] = format_amount(product[name], currency)
            product["breadcrumbs"] = list(product["breadcrumbs"] or [])
            product["category_evidence"] = list(product["category_evidence"] or [])
            product["warranty_terms"] = [dict(t) for t in product["warranty_terms"] or []]
        return {
            "is_product": self.is_product,
            "reason": self.reason,
            "site": self.site,
            "product": product,
            "provenance": dict(self.provenance),
            "offers": [offer.to_dict() for offer in self.offers],
        }
