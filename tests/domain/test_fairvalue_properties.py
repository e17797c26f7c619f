"""Properties of the engine over many products and plans (hypothesis), on the shipped catalog."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from server.catalog import Catalog, load_catalog
from server.domain.fairvalue.comparison import rank_key
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.failure import window_probability
from server.domain.fairvalue.inputs import Offer, Product, Settings

CATALOG = load_catalog()
DAY = date(2026, 11, 26)
PRODUCTS = [("large", "tv"), ("large", "refrigerator"), ("digital", "phone"),
            ("medical", "blood_pressure_monitor"), ("small", None), ("large", None)]
MARKETS = {"CN": "CNY", "US": "USD", "CA": "CAD", "UK": "GBP", "EU": "EUR"}

products = st.builds(
    lambda kind, market, price, months, day: Product(
        kind[0], price, MARKETS[market], market, day, months, kind[1], "Product"),
    st.sampled_from(PRODUCTS), st.sampled_from(sorted(MARKETS)),
    st.decimals(min_value=10, max_value=30000, places=2), st.integers(0, 72),
    st.dates(min_value=date(2024, 1, 1), max_value=DAY),
)
user_settings = st.builds(Settings, st.integers(0, 36), st.booleans())
kinds = st.sampled_from(["extended", "accidental_damage", "replace", "other"])
starts = st.sampled_from(["purchase", "after_manufacturer"])
DEFAULTS = Settings()
RANK = {"worth_it": 0, "marginal": 1, "not_worth_it": 2, "already_covered": 3}


def evaluate(product, term, premium, kind="extended", start="purchase", user=DEFAULTS):
    offer = Offer("offer", kind, term, premium, product.currency, start)
    result = quote(product, (offer,), user, CATALOG, DAY)
    return next(q for q in result.plans if q.origin == "offer")


@settings(max_examples=150, deadline=None)
@given(products, st.integers(1, 120), st.decimals(0, 5000, places=2),
       st.decimals(0, 5000, places=2), kinds, starts, user_settings)
def test_more_premium_never_raises_the_value(product, term, a, b, kind, start, user):
    cheap, dear = sorted((a, b))
    low = evaluate(product, term, cheap, kind, start, user)
    high = evaluate(product, term, dear, kind, start, user)
    assert high.expected_value <= low.expected_value
    assert RANK[high.verdict] >= RANK[low.verdict]


@settings(max_examples=150, deadline=None)
@given(products, st.data(), st.decimals(0, 5000, places=2), user_settings)
def test_zero_added_months_means_already_covered(product, data, premium, user):
    card = user.card_extension_months if product.manufacturer_warranty_months else 0
    covered = product.manufacturer_warranty_months + card
    if covered == 0:
        return
    term = data.draw(st.integers(1, covered))
    q = evaluate(product, term, premium, "extended", "purchase", user)
    assert (q.added_months, q.verdict) == (0, "already_covered")


@settings(max_examples=150, deadline=None)
@given(products, st.integers(1, 120), st.decimals(0, 5000, places=2), kinds, starts,
       user_settings)
def test_already_covered_exactly_when_nothing_is_added(product, term, premium, kind, start, user):
    q = evaluate(product, term, premium, kind, start, user)
    assert (q.verdict == "already_covered") == (q.added_months == 0)
    assert 0 <= q.added_months <= term
    assert 0.0 <= q.failure_probability <= 1.0


@settings(max_examples=150, deadline=None)
@given(products, st.integers(1, 120), st.integers(1, 120), kinds, starts, user_settings)
def test_a_longer_term_never_adds_fewer_months(product, a, b, kind, start, user):
    short, long = sorted((a, b))
    price = Decimal(100)
    first = evaluate(product, short, price, kind, start, user)
    second = evaluate(product, long, price, kind, start, user)
    assert second.added_months >= first.added_months
    assert second.failure_probability >= first.failure_probability


@given(st.lists(st.floats(0, 1), min_size=1, max_size=6), st.integers(0, 100),
       st.integers(0, 100), st.integers(0, 100))
def test_a_wider_window_is_never_less_likely_to_fail(yearly, start, length, extra):
    table = tuple(yearly)
    narrow = window_probability(table, start, start + length)
    wide = window_probability(table, start, start + length + extra)
    assert 0.0 <= narrow <= wide + 1e-12 <= 1.0 + 1e-12


@settings(max_examples=60, deadline=None)
@given(products, user_settings)
def test_ranking_is_real_prices_then_verdict_then_cost_per_month(product, user):
    plans = quote(product, (), user, CATALOG, DAY).plans
    assert plans == sorted(plans, key=rank_key)
    assert all(q.currency == product.currency for q in plans)


BRANDED = ["Apple iPhone 16", "华为 Mate 70", "Haier 冰箱", "Samsung 65\" QLED", "小米 电视",
           "Product"]
SITES = [None, "jd", "tmall", "amazon", "bestbuy", "currys"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(products, st.sampled_from(BRANDED), st.sampled_from(SITES)),
                min_size=2, max_size=6))
def test_quotes_in_a_row_match_quotes_on_a_fresh_catalog(rows):
    """The engine shares its staging of a shelf between quotes of the same kind of purchase;
    whatever came before, a product gets the answer it would get from a newly loaded catalog
    (brand, title and price are read per quote)."""
    for product, title, site in rows:
        product = Product(product.category, product.price, product.currency, product.market,
                          product.purchase_date, product.manufacturer_warranty_months,
                          product.subcategory, title, site=site)
        shared = quote(product, (), DEFAULTS, CATALOG, DAY).to_dict()
        assert shared == quote(product, (), DEFAULTS, unindexed(), DAY).to_dict()


def unindexed() -> Catalog:
    """The shipped catalog's contents in a new Catalog: none of the engine's indexes yet."""
    return Catalog(CATALOG.providers, CATALOG.plans, CATALOG.rules, CATALOG.failure,
                   CATALOG.repair)
