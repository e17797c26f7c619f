"""The shipped catalog passes `catalog check`, and its prices keep their promises for any product
price: a longer term never costs less, every price names a web source, an estimate says its range
and what it rests on."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from server.catalog import load_catalog
from server.catalog.checks import problems
from server.catalog.cli import catalog_cli

CATALOG = load_catalog()
PRICED = [plan for plan in CATALOG.plans if plan.prices]
EDGES = sorted({edge for plan in PRICED for row in plan.prices
                for edge in (row.min, row.max) if edge is not None})

prices = st.one_of(
    st.decimals(min_value=0, max_value=20000, places=2),
    st.sampled_from(EDGES),
    st.sampled_from(EDGES).map(lambda edge: edge + Decimal("0.01")),
)


def _low(price) -> Decimal:
    return price.estimate.low if price.estimate else price.amount


def _high(price) -> Decimal:
    return price.estimate.high if price.estimate else price.amount


def test_catalog_check_passes_on_the_real_catalog():
    result = CliRunner().invoke(catalog_cli, ["check"])
    assert result.exit_code == 0, result.output
    assert "catalog OK" in result.output and "estimate rows: " in result.output
    assert problems(CATALOG.plans) == []


@settings(max_examples=300, deadline=None)
@given(plan=st.sampled_from(PRICED), product_price=prices)
def test_a_longer_term_is_never_cheaper(plan, product_price):
    offered = plan.prices_for(product_price)
    assert [p.term_months for p in offered] == sorted({p.term_months for p in offered}), plan.id
    for shorter, longer in pairwise(offered):
        assert _low(longer) >= _low(shorter), (plan.id, product_price)
        assert _high(longer) >= _high(shorter), (plan.id, product_price)


@settings(max_examples=200, deadline=None)
@given(plan=st.sampled_from(PRICED), product_price=prices)
def test_every_price_names_a_web_source_and_its_basis(plan, product_price):
    for price in plan.prices_for(product_price):
        assert price.source.startswith(("http://", "https://")), plan.id
        assert price.basis in ("published", "estimate")
        if price.basis == "estimate":
            e = price.estimate
            assert e.n >= 1 and e.low <= price.amount <= e.high and len(e.method) > 20
            # One price is one price, unless it was for a band of products and is scaled by price.
            assert e.n > 1 or e.low == e.high or "scaled by product price" in e.method
        else:
            assert price.estimate is None


def test_a_share_of_the_product_price_is_only_a_labelled_range_in_a_bounded_band():
    rows = [row for plan in CATALOG.plans for row in plan.prices if row.share is not None]
    assert rows, "the catalog has share rows (see test_catalog_share_evidence.py)"
    for row in rows:
        assert row.basis == "estimate" and row.max is not None
        assert "scaled by product price" in row.estimate.method
        assert "no price seen for" in row.estimate.method


def test_no_source_is_a_repository_reference():
    sources = [p.sourced.source for p in CATALOG.plans]
    sources += [row.source for plan in CATALOG.plans for row in plan.prices]
    sources += [p.sourced.source for p in CATALOG.providers.values()]
    sources += [r.sourced.source for r in CATALOG.rules]
    assert all(s.startswith(("http://", "https://")) for s in sources)


def test_every_market_has_plans_and_the_law_where_there_is_one():
    assert {"CN", "US", "CA", "UK", "EU"} <= {plan.market for plan in CATALOG.plans}
    uk = CATALOG.statutory("UK", "laptop")
    assert (uk.whole_unit_months, uk.claim_months) == (6, 72)
    fridge = CATALOG.statutory("CN", "refrigerator")
    assert (fridge.whole_unit_months, fridge.main_parts_months) == (12, 36)
    assert "压缩机" in fridge.main_parts


def test_suning_and_gome_are_not_tied_to_a_site_and_say_where_to_buy():
    for plan_id in ("suning-sunshine", "gome-home-security"):
        plan = next(p for p in CATALOG.plans if p.id == plan_id)
        assert plan.sites == () and plan.where_to_buy and all(plan.where_to_buy)


def test_a_fridge_of_3999_yuan_is_not_given_jd_prices_scaled_from_other_products():
    """The issue's case: 5 years cheaper than 2 at invented prices. No JD row covers it now."""
    jd = [p for p in CATALOG.plans_for("CN") if p.provider.id == "jd" and "large" in p.categories]
    assert jd and all(not p.prices_for(Decimal("3999")) for p in jd)
    assert all(p.unpriced_reason for p in jd)


def test_catalog_prices_shows_a_published_price_with_its_source_date():
    result = CliRunner().invoke(catalog_cli, [
        "prices", "--market", "US", "--category", "large", "--subcategory", "refrigerator",
        "--price", "1299"])
    assert result.exit_code == 0, result.output
    assert "60 months  USD 349.99  published (2020-02-29)  https://api.bestbuy.com/" in \
        result.output
