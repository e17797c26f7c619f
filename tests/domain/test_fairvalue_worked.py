"""Worked examples computed by hand against a small catalog with round numbers.

The test catalog: any large appliance fails with a 10% chance in each year of age
(cumulative 0.10 over 1 year), a repair costs 50% of the price, China's 三包 covers a TV's whole
unit for 12 months, the EU guarantee is 24 months, and one CN plan sells 24 months for ¥100
(deductible ¥200) within 30 days of purchase.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from server.catalog import load_catalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.failure import combine, window_probability
from server.domain.fairvalue.inputs import Offer, Product, Settings

SOURCE = 'source = "https://example.test/figures"\nread_on = 2026-11-26\n'
CATALOG_TOML = {
    "providers.toml": f"""
[[provider]]
id = "shop"
name = "测试商城"
name_en = "Test shop"
kind = "retailer"
market = "CN"
url = "https://example.test"
{SOURCE}""",
    "plans.toml": f"""
[[plan]]
id = "shop-extended"
provider = "shop"
name = "测试延保"
name_en = "Test extension"
kind = "extended"
market = "CN"
currency = "CNY"
categories = ["large"]
starts = "purchase"
purchase_window_days = 30
{SOURCE}
[plan.coverage]
parts_labour = true
deductible = "200"
[[plan.prices]]
term_months = 24
price = "100.00"
""",
    "tables.toml": f"""
[[rule]]
market = "CN"
name = "三包 test"
name_en = "Sanbao test"
subcategories = ["tv"]
whole_unit_months = 12
{SOURCE}
[[rule]]
market = "EU"
name = "EU guarantee"
name_zh = "欧盟保证"
subcategories = ["*"]
whole_unit_months = 24
{SOURCE}
[[table]]
category = "large"
market = "*"
cumulative = "0.10"
years = 1
{SOURCE}
[[cost]]
category = "large"
market = "*"
share = "0.5"
{SOURCE}
[[cost]]
category = "large"
market = "US"
currency = "USD"
amount = "3000"
{SOURCE}""",
}
DAY = date(2026, 1, 31)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    folder = tmp_path_factory.mktemp("catalog")
    for name, text in CATALOG_TOML.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_catalog(folder)


def tv(price="2000", currency="CNY", market="CN", months=12) -> Product:
    return Product("large", Decimal(price), currency, market, DAY, months, "tv", "Test TV")


def offer(term, price, starts="purchase", currency="CNY", kind="extended") -> Offer:
    return Offer("offer", kind, term, Decimal(price), currency, starts)


def only_offer(result):
    return next(q for q in result.plans if q.origin == "offer")


def test_yearly_chances_are_pro_rated_within_years():
    # Months 12-30: all of year 2 (10%) and half of year 3 (5%): 1 - 0.90 x 0.95 = 0.145.
    assert window_probability((0.1, 0.1, 0.1), 12, 30) == pytest.approx(0.145)
    # Past the table the last year repeats: months 36-48 are year 4, at 10%.
    assert window_probability((0.1, 0.1, 0.1), 36, 48) == pytest.approx(0.1)
    assert window_probability((0.1,), 5, 5) == 0.0
    assert combine(0.1, 0.2) == pytest.approx(0.28)  # 1 - 0.9 x 0.8


def test_three_year_plan_on_a_chinese_tv(catalog):
    # Existing cover: max(manufacturer 12, 三包 12) = 12 months -> until 2027-01-31.
    # A 36-month plan from purchase adds months 12-36 = 24 months (years 2 and 3).
    # P(failure) = 1 - 0.9 x 0.9 = 0.19; repair = 50% x ¥2,000 = ¥1,000, no deductible.
    # Expected = 0.19 x 1,000 = ¥190.00 > premium ¥150 -> worth it; value = +¥40.00.
    # Break-even = 150 / 1,000 = 15%; per added month = 150 / 24 = ¥6.25; share = 150/2000.
    q = only_offer(quote(tv(), (offer(36, "150"),), Settings(), catalog, DAY))
    assert q.added_months == 24
    assert q.failure_probability == pytest.approx(0.19)
    assert (q.expected_repair_cost, q.expected_value) == (Decimal("190.00"), Decimal("40.00"))
    assert q.break_even_probability == pytest.approx(0.15)
    assert q.cost_per_added_month == Decimal("6.25")
    assert q.premium_share == pytest.approx(0.075)
    assert q.verdict == "worth_it"
    assert "19.0%" in q.explanation["en"] and "¥1,000.00" in q.explanation["en"]
    assert "¥190.00" in q.explanation["zh"] and "保本概率15.0%" in q.explanation["zh"]


def test_plan_starting_after_the_manufacturer_warranty(catalog):
    # 18 months after a 12-month warranty: months 12-30 -> P = 0.145, expected ¥145.00.
    q = only_offer(quote(tv(), (offer(18, "100", "after_manufacturer"),), Settings(), catalog, DAY))
    assert (q.added_months, q.expected_repair_cost) == (18, Decimal("145.00"))
    assert q.verdict == "worth_it"


@pytest.mark.parametrize(("premium", "verdict"), [("100", "worth_it"), ("120", "marginal"),
                                                  ("130", "not_worth_it")])
def test_verdict_thresholds(catalog, premium, verdict):
    # 24 months from purchase adds year 2 only: expected = 0.10 x ¥1,000 = ¥100.00.
    # ¥120: 100 >= 0.8 x 120 = 96 -> marginal; ¥130: 100 < 104 -> not worth it.
    q = only_offer(quote(tv(), (offer(24, premium),), Settings(), catalog, DAY))
    assert q.expected_repair_cost == Decimal("100.00")
    assert q.verdict == verdict


def test_catalog_plan_with_deductible_and_buy_until(catalog):
    # shop-extended: 24 months for ¥100, deductible ¥200 -> net = 1,000 - 200 = ¥800.
    # Adds year 2: expected = 0.10 x 800 = ¥80.00; 80 >= 0.8 x 100 -> marginal.
    # Purchase 2026-01-31 + 30 days = 2026-03-02 (calendar days, February has 28).
    result = quote(tv(), (), Settings(), catalog, DAY)
    q = next(p for p in result.plans if p.origin == "catalog")
    assert (q.name, q.expected_repair_cost, q.verdict) == ("测试延保", Decimal("80.00"), "marginal")
    assert q.buy_until == date(2026, 3, 2)
    assert q.source == "https://example.test/figures"


def test_offer_points_to_a_comparable_plan_bought_later(catalog):
    q = only_offer(quote(tv(), (offer(24, "100"),), Settings(), catalog, DAY))
    assert q.buy_until == date(2026, 3, 2)
    assert "until 2026-03-02" in q.explanation["en"]
    assert "2026-03-02前仍可购买" in q.explanation["zh"]


def test_card_extension_counts_as_cover(catalog):
    # Card +12 months -> existing 24 months; a 36-month plan adds only year 3: ¥100.00.
    q = only_offer(quote(tv(), (offer(36, "150"),), Settings(card_extension_months=12), catalog,
                         DAY))
    assert (q.added_months, q.expected_repair_cost) == (12, Decimal("100.00"))


def test_statutory_cover_switch(catalog):
    # A 12-month plan on a TV with no manufacturer warranty: 三包 covers the same 12 months.
    no_warranty = tv(months=0)
    with_law = only_offer(quote(no_warranty, (offer(12, "50"),), Settings(), catalog, DAY))
    without = only_offer(quote(no_warranty, (offer(12, "50"),), Settings(statutory=False),
                               catalog, DAY))
    assert with_law.verdict == "already_covered" and with_law.added_months == 0
    assert "2027-01-31" in with_law.explanation["en"]
    # Without the law: year 1 at 10% x ¥1,000 = ¥100.00 for ¥50 -> worth it.
    assert (without.added_months, without.expected_repair_cost) == (12, Decimal("100.00"))


def test_eu_legal_guarantee_covers_two_years(catalog):
    product = tv("2000", "EUR", "EU")
    q = only_offer(quote(product, (offer(24, "99", currency="EUR"),), Settings(), catalog, DAY))
    assert q.verdict == "already_covered"
    assert quote(product, (), Settings(), catalog, DAY).covered_until == date(2028, 1, 31)


def test_repair_cost_is_capped_at_the_product_price(catalog):
    # US repair amount $3,000 on a $1,000 TV -> capped at $1,000: year 2 -> $100.00.
    product = tv("1000", "USD", "US")
    q = only_offer(quote(product, (offer(24, "60", currency="USD"),), Settings(), catalog, DAY))
    assert q.expected_repair_cost == Decimal("100.00")


def test_leap_day_purchase_ends_on_28_february(catalog):
    # Bought 2024-02-29 with a 12-month warranty: cover ends 2025-02-28.
    product = Product("large", Decimal(2000), "CNY", "CN", date(2024, 2, 29), 12, "tv")
    assert quote(product, (), Settings(), catalog, date(2024, 2, 29)).covered_until == date(
        2025, 2, 28)


def test_a_closed_purchase_window_excludes_the_plan(catalog):
    result = quote(tv(), (), Settings(), catalog, date(2026, 3, 3))
    assert [p for p in result.plans if p.origin == "catalog"] == []
    assert result.excluded[0].reason_en == "Could only be bought until 2026-03-02."


def test_to_dict_has_the_contract_shape(catalog):
    body = quote(tv(), (offer(36, "150"),), Settings(), catalog, DAY).to_dict()
    plan = body["plans"][0]
    assert set(plan) == {
        "origin", "name", "provider", "kind", "term_months", "price", "currency", "added_months",
        "failure_probability", "expected_repair_cost", "expected_value", "break_even_probability",
        "cost_per_added_month", "premium_share", "verdict", "explanation", "source", "buy_until",
        "price_basis", "estimate", "evidence", "read_on", "published_on", "cover", "provider_id",
        "where_to_buy", "covers_theft"}
    assert (plan["price_basis"], plan["cover"], plan["read_on"]) == ("page", "breakdown", None)
    assert plan["covers_theft"] is False, "a page's plan is not known to cover theft"
    assert set(body) == {"plans", "excluded", "headline", "better_options", "card_benefit",
                         "statutory", "alternatives_note", "unavailable", "unavailable_code"}
    assert body["headline"]["verdict"] == plan["verdict"] and body["unavailable"] is None
    assert (plan["price"], plan["expected_value"], plan["buy_until"]) == ("150", "40.00",
                                                                          "2026-03-02")
    assert set(plan["explanation"]) == {"en", "zh"} and body["excluded"] == []
