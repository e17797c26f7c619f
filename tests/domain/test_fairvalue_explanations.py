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


def test_months_counted_as_half_are_called_an_equivalent(catalog):
    """A TV whose maker covers main parts for 3 years: JD's year after the maker's falls wholly
    in that time and counts as 6 months. "Adds 6 months (12 of them …)" read as a sum that did
    not add up; the sentence says the 6 are an equivalent and why."""
    tv = Product("large", Decimal("3999"), "CNY", "CN", DAY, 12, "tv", "海信电视", None, "jd",
                 component_terms=(("main_parts", 36),))
    offer = Offer("京东1年延保", "extended", 12, Decimal("199"), "CNY", "after_manufacturer")
    (page,) = quote(tv, (offer,), Settings(), catalog, DAY).offers
    assert (page.added_months, page.part_months) == (6, 12)
    assert page.explanation["en"].startswith(
        "Adds the equivalent of 6 months (12 months of the plan fall while the maker still "
        "covers the main parts, each counted as half) beyond your cover to 2027-11-30: ")
    assert page.explanation["zh"].startswith(
        "在现有保障（至2027-11-30）之外相当于多保6个月（计划中有12个月厂家仍保主要部件，"
        "每月按一半计）：")


def test_a_plan_with_accidents_adds_its_whole_term_beside_part_cover(catalog):
    """The same TV with a 2-year plan that also covers accidents: accident cover adds all 24
    months (the maker pays for no accident), so they are not an "equivalent"; only failures in
    the main-part months count as half, and the one parenthesis says both."""
    tv = Product("large", Decimal("3999"), "CNY", "CN", DAY, 12, "tv", "海信电视", None, "jd",
                 component_terms=(("main_parts", 36),))
    offer = Offer("京东2年全保修", "accidental_damage", 24, Decimal("399"), "CNY")
    (page,) = quote(tv, (offer,), Settings(), catalog, DAY).offers
    assert (page.added_months, page.part_months) == (24, 12)
    assert page.explanation["en"].startswith(
        "Adds 24 months (accidents from the plan's start, failures beyond your cover to "
        "2027-11-30; 12 months of the plan fall while the maker still covers the main parts, "
        "where failures count as half): ")
    assert page.explanation["zh"].startswith(
        "多保24个月（意外自计划生效起即保，故障在现有保障（至2027-11-30）之后；计划中有12个月"
        "厂家仍保主要部件，其间故障按一半计）：")


def test_an_estimates_sum_names_its_basis_and_break_even_in_one_parenthesis(catalog):
    """Upsie's phone plan on a $799 phone rests on one real price: "from 1 real price", not
    "1 real prices", and the estimate and the break-even share one parenthesis instead of two
    in a row. A published price keeps the plain form."""
    result = quote(_product("US", "digital", "phone", "799", "bestbuy"), (), Settings(),
                   catalog, DAY)
    upsie = next(q for q in result.alternatives if q.provider_id == "upsie")
    assert upsie.estimate.n == 1
    en, zh = upsie.explanation["en"], upsie.explanation["zh"]
    assert "against a $104.91 premium (an estimate: $94.36–$115.46, from 1 real price; " \
           "break-even " in en and "prices" not in en
    assert "保费$104.91（估算：$94.36–$115.46，依据1个真实价格；保本概率" in zh
    akko = next(q for q in result.alternatives if q.provider_id == "akko")
    assert "against a $180.00 premium (break-even " in akko.explanation["en"]
    assert "保费$180.00，保本概率" in akko.explanation["zh"]


def test_a_premium_above_the_net_repair_has_no_break_even_percentage(catalog):
    """Samsung Care+ beside a $299.99 smartwatch (the real Best Buy page's product) is
    estimated at $159.00 against an $85.00 net repair: a "break-even 187.1%" only puzzles a
    shopper, so the sentence says no chance of a failure makes it pay. A plan cheaper than the
    repair keeps its percentage."""
    watch = _product("US", "digital", "smartwatch", "299.99", "bestbuy",
                     title="Samsung - Gear 2 Smartwatch with Heart Rate Monitor")
    result = quote(watch, (), Settings(), catalog, DAY)
    care = next(q for q in result.alternatives if q.provider_id.startswith("samsung"))
    assert care.break_even_probability > 1
    en, zh = care.explanation["en"], care.explanation["zh"]
    assert "; no break-even: the premium is more than the net repair) — not worth it" in en
    assert "；无保本概率：保费高于净维修费）——不值得" in zh
    assert "break-even 1" not in en and "保本概率1" not in zh
    offer = Offer("Protection", "extended", 24, Decimal("20"), "USD")
    (page,) = quote(watch, (offer,), Settings(), catalog, DAY).offers
    assert page.break_even_probability < 1
    assert "(break-even " in page.explanation["en"] and "，保本概率" in page.explanation["zh"]
