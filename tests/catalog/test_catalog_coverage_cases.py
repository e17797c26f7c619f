"""The issue-11 cases as scripts/catalog_coverage.py counts them: each provider of a case is
priced (published or estimate) or says why not, and the US phone has three priced providers."""

from __future__ import annotations

import importlib.util
from datetime import date
from decimal import Decimal
from pathlib import Path

from server.catalog import load_catalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Product, Settings

SCRIPT = Path(__file__).parents[2] / "scripts" / "catalog_coverage.py"
_spec = importlib.util.spec_from_file_location("catalog_coverage", SCRIPT)
coverage = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(coverage)
CATALOG = load_catalog()


def test_every_provider_of_every_case_has_a_basis_or_a_reason():
    for market, prices in coverage.PRICES.items():
        for (_, category, subcategory), price in zip(coverage.PRODUCTS, prices, strict=True):
            for basis, detail in coverage.case(CATALOG, market, category, subcategory,
                                               Decimal(price)).values():
                assert basis in ("published", "estimate", "unpriced")
                assert len(detail.split(": ", 1)[1]) >= 9, detail  # "36m 29.00" or a reason


def test_a_us_phone_has_three_priced_providers_and_estimates_are_ranges():
    found = coverage.case(CATALOG, "US", "digital", "phone", Decimal("799"))
    priced = {p for p, (basis, _) in found.items() if basis != "unpriced"}
    assert {"apple-us", "bestbuy", "upsie", "squaretrade"} <= priced
    assert found["apple-us"][0] == "published" and found["upsie"][0] == "estimate"
    assert "(94.36-115.46, n=1)" in found["upsie"][1]


def test_uk_large_appliances_and_a_ca_phone_have_published_prices():
    fridge = coverage.case(CATALOG, "UK", "large", "refrigerator", Decimal("599"))
    assert fridge["britannic"] == ("published", "britannic-appliance-plan: 3m 27.00; 6m 50.00; "
                                                "9m 70.00; 12m 89.00")
    assert fridge["appliance-domestic"] == ("published", "appliance-domestic-plan: 12m 96.00")
    tv = coverage.case(CATALOG, "UK", "large", "tv", Decimal("499"))
    assert "britannic" not in tv and tv["appliance-domestic"][0] == "published"
    phone = coverage.case(CATALOG, "CA", "digital", "phone", Decimal("1099"))
    assert phone["londondrugs"] == ("published", "londondrugs-ppp-plus-phone [londondrugs]: "
                                                 "24m 192.00")


def test_a_ca_iphone_gets_the_carriers_published_monthly_fees_for_two_years():
    """Likewize's tables for Fido and Rogers, read by hand: a $1,099 iPhone is in the
    $800-1,499.99 tier, $18.99 and $15.99 a month, so 24 months cost $455.76 and $383.76; the
    tier edge at $800 moves a $799.99 phone to $9.99 and $8.99 a month."""
    phone = coverage.case(CATALOG, "CA", "digital", "phone", Decimal("1099"))
    assert phone["fido"] == ("published", "fido-apple-protection: 24m 455.76")
    assert phone["rogers"] == ("published", "rogers-apple-protection: 24m 383.76")
    cheaper = coverage.case(CATALOG, "CA", "digital", "phone", Decimal("799.99"))
    assert (cheaper["fido"][1], cheaper["rogers"][1]) == (
        "fido-apple-protection: 24m 239.76", "rogers-apple-protection: 24m 215.76")
    plans = {p.id: p for p in CATALOG.plans_for("CA")}
    for pid in ("fido-apple-protection", "rogers-apple-protection"):
        assert plans[pid].brands == ("Apple", "iPhone"), "iPhones only: the tables are Apple's"
        assert plans[pid].prices_for(Decimal("3000.01")) == ()
        assert plans[pid].where_to_buy[0].endswith("within 60 days of buying it")
        assert plans[pid].coverage.theft, "the carriers' plans cover loss and theft too"


def test_a_plan_covering_theft_says_its_sum_leaves_theft_out():
    """The verdict weighs failures and accidents only; a plan that also pays for loss and
    theft says so in both languages, and one that does not says nothing of theft."""
    iphone = Product("digital", Decimal("1099"), "CAD", "CA", date(2026, 11, 26), 12, "phone",
                     "Apple iPhone 16", brand="Apple", site="bestbuy")
    result = quote(iphone, (), Settings(), CATALOG, date(2026, 11, 26))
    fido = next(q for q in result.plans if q.provider_id == "fido")
    assert fido.explanation["en"].endswith(
        "; it also covers loss and theft, which this sum does not count.")
    assert "另保丢失和被盗" in fido.explanation["zh"]
    assert fido.to_dict()["covers_theft"] is True
    phone = Product("digital", Decimal("799"), "USD", "US", date(2026, 11, 26), 12, "phone",
                    "Apple iPhone 16", brand="Apple", site="bestbuy")
    plans = quote(phone, (), Settings(), CATALOG, date(2026, 11, 26)).plans
    # In the US only AKKO's plan covers theft; every other plan's sum says nothing of theft.
    assert [q.provider_id for q in plans if q.to_dict()["covers_theft"]] == ["akko"]
    others = [q for q in plans if not q.covers_theft]
    assert others and not any("theft" in q.explanation["en"] for q in others)


def test_squaretrade_laptop_at_999_has_no_two_year_price_above_the_three_year_one():
    found = coverage.case(CATALOG, "US", "digital", "laptop", Decimal("999.99"))
    assert found["squaretrade"] == (
        "estimate", "squaretrade-laptop-accident [amazon]: 36m 153.80 (113.80-193.80, n=3)")
