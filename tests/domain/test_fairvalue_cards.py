"""A credit card's warranty extension: one line to point out, or cover already held; never a
plan, an alternative or the headline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from server.catalog import load_catalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Offer, Product, Settings

CATALOG = load_catalog()
CARD_PROVIDERS = {p.provider.id for p in CATALOG.plans if p.card}
DAY = date(2026, 11, 26)
TV = Product(category="large", subcategory="tv", price=Decimal("949.99"), currency="USD",
             market="US", purchase_date=DAY, site="amazon")
OFFER = Offer("SquareTrade 4-Year", "extended", 48, Decimal("82.79"), "USD")


def test_a_card_benefit_is_one_line_not_a_plan():
    result = quote(TV, (OFFER,), Settings(), CATALOG, DAY)
    # The shipped cards extend a 12-month warranty by 12 months (cards_us.toml).
    months, en, zh = result.card_benefit
    assert months == 12 and "12 months" in en and "12个月" in zh
    # Cards are named as the shopper knows them, once each, not as four "... extended warranty".
    issuers = "(American Express, Discover, Mastercard, Visa)"
    assert issuers in en and issuers.replace("(", "（").replace(")", "）") in zh
    assert "extended warranty," not in en
    assert not any(q.provider_id in CARD_PROVIDERS for q in result.plans)
    assert result.headline.plan == OFFER.name


def test_with_no_offer_the_headline_says_none_sold_not_the_card():
    result = quote(TV, (), Settings(), CATALOG, DAY)
    assert result.card_benefit is not None
    assert (result.headline.verdict, result.headline.plan) == ("none_sold", None)


def test_a_card_extension_in_the_settings_is_cover_not_a_line():
    result = quote(TV, (), Settings(card_extension_months=12), CATALOG, DAY)
    assert result.card_benefit is None
    assert any("card" in e.reason_en for e in result.excluded)


def test_no_card_line_when_no_card_applies():
    long_warranty = replace(TV, manufacturer_warranty_months=120)  # past every card's limit
    assert quote(long_warranty, (), Settings(), CATALOG, DAY).card_benefit is None
    bought_earlier = replace(TV, purchase_date=date(2026, 10, 1))  # paid before: unknown card
    assert quote(bought_earlier, (), Settings(), CATALOG, DAY).card_benefit is None
