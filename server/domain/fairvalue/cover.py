"""What the shopper already has: manufacturer warranty, a card's extension, statutory cover.

Cover comes in two strengths. Full cover (the whole unit, parts and labour) runs `months` from
purchase. Past it, part cover may run to `parts_months`: the maker's longer terms for single
components ("主要部件保修3年", a 10-year compressor, a panel) or 三包's main-part period. Any
component term counts as part cover, whatever the component: the maker pays for that part, the
shopper (or a plan) for everything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from server.catalog import Catalog
from server.catalog.model import StatutoryRule
from server.domain.fairvalue.inputs import Product, Settings
from server.domain.months import add_months


@dataclass(frozen=True, slots=True)
class ExistingCover:
    """Full (parts and labour) cover from purchase, in months, and what makes it up."""

    months: int
    until: date
    manufacturer_months: int
    card_months: int
    statutory_months: int
    statutory_source: str | None
    parts_months: int = 0  # part cover (single components) ends here; <= months when none
    statutory: StatutoryRule | None = None


def existing_cover(product: Product, settings: Settings, catalog: Catalog) -> ExistingCover:
    """A card extends only a real manufacturer warranty; the law covers the whole unit, and
    三包's main-part period (where the rule has one) is part cover like a maker's component
    term."""
    manufacturer = product.manufacturer_warranty_months
    card = settings.card_extension_months if manufacturer > 0 else 0
    rule = catalog.statutory(product.market, product.subcategory) if settings.statutory else None
    statutory = rule.whole_unit_months if rule else 0
    months = max(manufacturer + card, statutory)
    parts = max([m for _, m in product.component_terms]
                + [rule.main_parts_months or 0 if rule else 0], default=0)
    return ExistingCover(
        months=months, until=add_months(product.purchase_date, months),
        manufacturer_months=manufacturer, card_months=card, statutory_months=statutory,
        statutory_source=rule.sourced.source if rule else None,
        parts_months=max(parts, months), statutory=rule,
    )
