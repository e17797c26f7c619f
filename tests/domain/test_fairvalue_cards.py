"""A credit card's warranty extension: an alternative to point out, or cover already held."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from server.catalog import load_catalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Product, Settings

CATALOG = load_catalog()
DAY = date(2026, 11, 26)
TV = Product(category="large", subcategory="tv", price=Decimal("949.99"), currency="USD",
             market="US", purchase_date=DAY, site="amazon")


def test_card_benefits_are_listed_for_a_shopper_without_a_card_extension():
    assert any(p.card for p in quote(TV, (), Settings(), CATALOG, DAY).plans)


def test_a_card_extension_in_the_settings_is_cover_not_an_alternative():
    result = quote(TV, (), Settings(card_extension_months=12), CATALOG, DAY)
    assert not any(p.card for p in result.plans)
    assert any("card" in e.reason_en for e in result.excluded)
