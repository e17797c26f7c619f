"""What the shopper already has: manufacturer warranty, a card's extension, statutory cover."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from server.catalog import Catalog
from server.domain.fairvalue.inputs import Product, Settings


@dataclass(frozen=True, slots=True)
class ExistingCover:
    """Full (parts and labour) cover from purchase, in months, and what makes it up."""

    months: int
    until: date
    manufacturer_months: int
    card_months: int
    statutory_months: int
    statutory_source: str | None


def existing_cover(product: Product, settings: Settings, catalog: Catalog) -> ExistingCover:
    """A card extends only a real manufacturer warranty; the law covers the whole unit."""
    manufacturer = product.manufacturer_warranty_months
    card = settings.card_extension_months if manufacturer > 0 else 0
    rule = catalog.statutory(product.market, product.subcategory) if settings.statutory else None
    statutory = rule.whole_unit_months if rule else 0
    months = max(manufacturer + card, statutory)
    return ExistingCover(
        months=months, until=product.purchase_date + relativedelta(months=months),
        manufacturer_months=manufacturer, card_months=card, statutory_months=statutory,
        statutory_source=rule.sourced.source if rule else None,
    )
