"""Plans added for the US and CA cases, each price worked by hand from its source's table at
one product price inside a band and at a band edge (as test_catalog_coverage_cases.py does for
Fido and Rogers), through load_catalog() and Plan.prices_for()."""

from __future__ import annotations

from decimal import Decimal

from server.catalog import load_catalog

CATALOG = load_catalog()
PLANS = {p.id: p for market in ("US", "CA") for p in CATALOG.plans_for(market)}


def _prices(plan_id: str, product_price: str) -> list[tuple[int, str, str]]:
    return [(p.term_months, str(p.amount), p.basis)
            for p in PLANS[plan_id].prices_for(Decimal(product_price))]


def test_the_mobile_shop_charges_its_tier_fee_for_24_months():
    """protect.likewize.com/themobileshop: a $1,099 phone is in the $750-1,099.99 tier,
    $10.99 a month, 24 x 10.99 = 263.76; at $1,100.00 the next tier, $12.99, gives 311.76;
    from $1,700 ('& Higher') $13.99 gives 335.76 with no upper edge."""
    plan = PLANS["themobileshop-device-protection"]
    assert _prices(plan.id, "1099") == [(24, "263.76", "published")]
    assert _prices(plan.id, "1099.99") == [(24, "263.76", "published")]
    assert _prices(plan.id, "1100") == [(24, "311.76", "published")]
    assert _prices(plan.id, "499.99") == [(24, "215.76", "published")]
    assert _prices(plan.id, "5000") == [(24, "335.76", "published")]
    assert plan.sites == ("themobileshop",) and plan.where_to_buy is None
    assert not plan.coverage.theft and plan.currency == "CAD" and plan.market == "CA"
    theft = PLANS["themobileshop-device-protection-theft"]
    assert theft.coverage.theft and theft.prices_for(Decimal("1099")) == ()
    assert "$10.99 to $21.99" in theft.unpriced_reason


def test_sasktel_charges_its_tier_premium_for_24_months_up_to_2500():
    """protect.likewize.com/sasktel: a $1,099 device is in the $700-1,499.99 tier, $10 a month,
    24 x 10 = 240.00; at $1,500.00 the $12 tier gives 288.00; $2,500.00 is the last edge ($14,
    336.00) and above it there is no price."""
    plan = PLANS["sasktel-complete-coverage"]
    assert _prices(plan.id, "1099") == [(24, "240.00", "published")]
    assert _prices(plan.id, "1499.99") == [(24, "240.00", "published")]
    assert _prices(plan.id, "1500") == [(24, "288.00", "published")]
    assert _prices(plan.id, "2500") == [(24, "336.00", "published")]
    assert plan.prices_for(Decimal("2500.01")) == ()
    assert plan.window_days == 60 and plan.coverage.theft and not plan.sites
    assert plan.where_to_buy[0].startswith("from SaskTel")


def test_akko_is_a_year_of_its_monthly_fee_for_accidents_and_theft_on_phones_and_laptops():
    """getakko.com: $15 a month for a phone and 25 other items, whatever their price: 12 x 15 =
    180.00 for a $59.99 phone and a $5,000 laptop alike. Accidents and theft, not breakdowns;
    $99 deductible counted for every item. Only where an accident rate is known (phones,
    laptops), and only in the US (no Canadian price was found)."""
    plan = PLANS["akko-plan"]
    for price in ("59.99", "799", "999.99", "5000"):
        assert _prices(plan.id, price) == [(12, "180.00", "published")]
    coverage = plan.coverage
    assert (coverage.parts_labour, coverage.accidental, coverage.theft) == (False, True, True)
    assert coverage.accident_deductible == Decimal("99") and plan.cover == "accident"
    assert plan.subcategories == ("phone", "laptop") and plan.market == "US"
    assert plan.sites == () and plan.where_to_buy[0].startswith("from AKKO (getakko.com)")
    failure = {sub: CATALOG.failure_table("digital", sub, "US") for sub in ("phone", "laptop")}
    assert all(table.accident for table in failure.values()), "an accident rate to weigh it by"
    assert not [p for p in CATALOG.plans_for("CA") if p.provider.id == "akko"]
    # help.getakko.com: a full refund within 30 days of registering, pro-rated after.
    assert (plan.cancellation.full_refund_days, plan.cancellation.after) == (30, "prorated")
