"""Plans in another currency are excluded with a reason, never silently compared."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from server.catalog import load_catalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Offer, Product, Settings

CATALOG = load_catalog()
DAY = date(2026, 11, 26)


def test_an_offer_in_another_currency_is_excluded_with_its_reason():
    product = Product("large", Decimal("3999"), "CNY", "CN", DAY, 12, "tv", "电视")
    offers = (Offer("US plan", "extended", 24, Decimal("49.99"), "USD"),
              Offer("延保2年", "extended", 24, Decimal("159"), "CNY"))
    result = quote(product, offers, Settings(), CATALOG, DAY)
    assert "US plan" not in {q.name for q in result.plans}
    excluded = next(e for e in result.excluded if e.name == "US plan")
    assert "USD" in excluded.reason_en and "CNY" in excluded.reason_en
    assert "USD" in excluded.reason_zh and excluded.to_dict()["reason"] == excluded.reason_en
    assert {q.currency for q in result.plans} == {"CNY"}


def test_catalog_plans_of_the_market_in_another_currency_are_excluded():
    # A US-site product priced in euros: every US plan is in dollars, so none is compared.
    product = Product("large", Decimal("900"), "EUR", "US", DAY, 12, "tv", "TV")
    result = quote(product, (), Settings(), CATALOG, DAY)
    assert result.plans == []
    assert result.excluded
    assert all("EUR" in e.reason_en or "price" in e.reason_en for e in result.excluded)
    assert any("USD" in e.reason_en for e in result.excluded)


def test_repair_amounts_in_another_currency_fall_back_to_a_share():
    # The US fridge repair figure is in USD; a CN fridge uses the yuan figure instead.
    cn = Product("large", Decimal("2999"), "CNY", "CN", DAY, 12, "refrigerator", "冰箱")
    offer = Offer("延保", "extended", 36, Decimal("99"), "CNY")
    q = next(p for p in quote(cn, (offer,), Settings(), CATALOG, DAY).plans if p.origin == "offer")
    assert q.net_repair_cost == Decimal("1400.00")

