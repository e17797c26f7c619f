"""What a plan's sentence says it adds: failures beyond the cover held, accidents from the
plan's start, or both, in English and Chinese (server.domain.fairvalue.text.arithmetic)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from server.catalog import load_catalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Offer, Product, Settings

DAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _product(market, category, sub, price, site, title=""):
    currency = {"US": "USD", "CN": "CNY"}[market]
    return Product(category, Decimal(price), currency, market, DAY, 12, sub, title or f"a {sub}",
                   None, site)


def test_an_accident_only_plan_says_its_sum_is_of_accidents(catalog):
    """AKKO's plan pays for accidents and theft, not a laptop's failures: its sum is the chance
    of an accident, and it runs beside the maker's warranty instead of after it. A plan that
    pays for failures keeps "beyond your cover"."""
    result = quote(_product("US", "digital", "laptop", "999.99", "bestbuy"), (), Settings(),
                   catalog, DAY)
    akko = next(q for q in result.alternatives if q.provider_id == "akko")
    en, zh = akko.explanation["en"], akko.explanation["zh"]
    assert en.startswith("Adds 12 months of accident cover, which your cover to 2027-11-30 "
                         "(failures only) does not give: ")
    assert " chance of an accident × " in en and "failure or accident" not in en
    assert zh.startswith("增加12个月的意外保障（现有保障至2027-11-30，只保故障）：意外概率")
    home = next(q for q in result.alternatives if q.provider_id == "asurion")
    assert home.explanation["en"].startswith("Adds 12 months beyond your cover to 2027-11-30")
    assert " chance of a failure × " in home.explanation["en"]


def test_a_plan_for_failures_and_accidents_says_when_each_is_covered(catalog):
    """AppleCare+ on the page of a $799 phone: 24 months of accident cover from purchase, and
    failures only after the maker's year. "24 months beyond your cover" would have promised
    failure cover to 2029; the sentence says when each is covered."""
    phone = _product("US", "digital", "phone", "799", "bestbuy", title="Apple iPhone 16")
    offer = Offer("AppleCare+ for iPhone", "accidental_damage", 24, Decimal("149"), "USD")
    (page,) = quote(phone, (offer,), Settings(), catalog, DAY).offers
    assert page.added_months == 24
    assert page.explanation["en"].startswith(
        "Adds 24 months (accidents from the plan's start, failures beyond your cover to "
        "2027-11-30): ")
    assert page.explanation["zh"].startswith(
        "多保24个月（意外自计划生效起即保，故障在现有保障（至2027-11-30）之后）：故障或意外概率")
