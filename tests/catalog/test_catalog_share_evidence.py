"""Every estimate by share of price is the share rule on its real observations, and reaches no
further than half the cheapest and twice the dearest product they were seen on: a typed share
cannot drift from its evidence, and no share is stretched across the whole price range."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from scrapers.providers.bands import read_points, select, shares
from server.catalog import load_catalog

D = Decimal
POINTS_CSV = Path(__file__).parents[2] / ".." / "shared" / "data" / "plan-price-points.csv"

# (plan id, term, band min): [(plan price, product price low, product price high), ...]
# Each observation is a price the provider charged, as the row's method and evidence name it.
JD_REPLACE_24 = [(D(89), D(1199), D(1199)), (D(116), D(1599), D(1599)),
                 (D(96), D(1569), D(1569)), (D(149), D(2199), D(2199))]
JD_REPLACE_36 = [(D(125), D(1199), D(1199)), (D(175), D(1599), D(1599)),
                 (D(104), D(1569), D(1569)), (D(199), D(2199), D(2199))]
ST_TV = [(D("82.79"), D(900), D(1000))]        # Amazon "$900-1000" listing, 4 years
# Target's own product response (January 2023): "3 Year TV Protection Plan ($1250-$1499.99)"
TARGET_ALLSTATE_TV = [(D(105), D(1250), D("1499.99"))]
EVIDENCE = {
    ("squaretrade-laptop-accident", 24, D(250)): [
        (D("53.99"), D(200), D("249.99")),       # Amazon "$200-250" listing
        (D("119.99"), D("1234.99"), D("1234.99"))],  # beside the $1,234.99 MacBook Pro page
    ("squaretrade-laptop-accident", 36, D(500)): [
        (D("142.29"), D(1000), D("1249.99")), (D("201.27"), D(1250), D("1499.99")),
        (D("239.24"), D("1234.99"), D("1234.99"))],  # the same MacBook Pro page, 3 years
    ("squaretrade-tv", 48, D(450)): ST_TV,
    **{(plan, 24, edge): [(D(price), D(900), D("1099.99"))]  # Upsie's 2020 table, Galaxy S20
       for plan, price in (("bestbuy-phone", "169.99"), ("upsie-phone", "129.99"),
                           ("verizon-phone", "312.00"), ("squaretrade-phone", "215.76"))
       for edge in (D(450), D(1100))},
    ("squaretrade-tv", 48, D("1000.01")): ST_TV,
    **{("allstate-target-tv", 36, edge): TARGET_ALLSTATE_TV for edge in (D(625), D(1500))},
    ("jd-replace-laptop", 24, D(2300)): JD_REPLACE_24,
    ("jd-replace-laptop", 36, D(2300)): JD_REPLACE_36,
    ("gome-home-security", 12, D(1000)): [(D(25), D(199), D(199)), (D(80), D(899), D(899))],
    ("gome-home-security", 24, D(1000)): [(D(40), D(199), D(199)), (D(150), D(899), D(899))],
    ("gome-home-security", 36, D(1000)): [(D(70), D(199), D(199)), (D(210), D(899), D(899))],
}
CATALOG = load_catalog()
SHARE_ROWS = {(plan.id, row.term_months, row.min): row
              for plan in CATALOG.plans for row in plan.prices if row.share is not None}


def test_every_share_row_has_its_observations_here():
    assert set(SHARE_ROWS) == set(EVIDENCE)


@pytest.mark.parametrize("key", sorted(EVIDENCE, key=str))
def test_a_share_row_is_the_rule_on_its_observations_and_stays_near_them(key):
    row, seen = SHARE_ROWS[key], EVIDENCE[key]
    band = shares(seen)
    assert (row.share.low, row.share.high, row.estimate.n) == (band.low, band.high, band.n)
    assert row.min >= min(low for _, low, _ in seen) / 2
    assert row.max <= max(high for _, _, high in seen) * 2


@pytest.mark.skipif(not POINTS_CSV.exists(), reason="../shared/data is not on this machine")
@pytest.mark.parametrize(("term", "typed"), [(24, JD_REPLACE_24), (36, JD_REPLACE_36)])
def test_the_jd_observations_are_the_real_points(term, typed):
    points = select(read_points(POINTS_CSV), market="CN", provider="京东", term=term,
                    low=D(1100), high=D("2299.99"), kinds=("replacement_only",))
    assert sorted((p.price, p.product_price) for p in points) == sorted(
        (price, low) for price, low, _ in typed)
