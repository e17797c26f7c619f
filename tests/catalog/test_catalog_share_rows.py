"""Estimates by share of price: a range (observed share range x this product's price) in a
bounded band, never a point, and the check still refuses a longer term that costs less."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scrapers.providers.bands import shares
from server.catalog import CatalogError, load_catalog
from tests.catalog.test_catalog_bands import folder_with, plan_of, row

D = Decimal
METHOD = ('"From 3 prices of Test plans on products from 200 to 1,300, scaled by product price; '
          'no price seen for this band."')
METHOD_ZH = '"根据测试计划在200至1,300商品上的3个价格，按商品价格换算；未见此价格档的价格。"'


def share(term: int, edge_min: str, edge_max: str | None, lo: str, hi: str, n: int = 3,
          method: str = METHOD, method_zh: str = METHOD_ZH, **extra: str) -> str:
    return row(term, edge_min, edge_max, share_low=f'"{lo}"', share_high=f'"{hi}"', n=str(n),
               method=method, method_zh=method_zh, **extra)


def test_a_share_row_is_the_share_range_times_this_price(tmp_path):
    plan = plan_of(tmp_path, share(24, "250", "999.99", "0.10", "0.20"))
    (price,) = plan.prices_for(D("500"))
    assert price.basis == "estimate"
    assert (price.estimate.low, price.estimate.high, price.estimate.n) == (D("50.00"),
                                                                          D("100.00"), 3)
    assert price.amount == D("75.00")
    assert "scaled by product price" in price.estimate.method
    # Scaled to this product's price, the estimate keeps its method in Chinese too.
    assert price.estimate.method_zh == METHOD_ZH.strip('"')
    assert "按商品价格换算" in price.estimate.method_zh
    (edge,) = plan.prices_for(D("999.99"))
    assert (edge.estimate.low, edge.estimate.high) == (D("100.00"), D("200.00"))
    assert plan.prices_for(D("249.99")) == () and plan.prices_for(D("1000")) == ()
    row_ = plan.prices[0]
    assert row_.premium(D("500")) == D("75.00") and row_.sourced.estimate


def test_the_share_rule_on_points_and_on_a_price_for_a_band_of_products():
    one_band = shares([(D("82.79"), D(900), D(1000))])       # Amazon's "$900-1000" TV listing
    assert (one_band.low, one_band.high, one_band.n) == (D("0.0827"), D("0.0920"), 1)
    points = shares([(D(89), D(1199), D(1199)), (D(149), D(2199), D(2199))])
    assert (points.low, points.high, points.n) == (D("0.0677"), D("0.0743"), 2)
    with pytest.raises(ValueError):
        shares([])
    with pytest.raises(ValueError):
        shares([(D(5), D(0), D(50))])      # "below $50": no share can be read from it


def test_check_compares_a_share_row_with_a_fixed_one_at_both_band_edges(tmp_path):
    # 12 months fixed at 60; 36 months at 10-20% of the price: cheaper than 60 below 600.
    rows = row(12, "0", "999.99", "60.00") + share(36, "0", "999.99", "0.10", "0.20")
    with pytest.raises(CatalogError, match="36 months cost less"):
        load_catalog(folder_with(tmp_path, rows))
    fine = row(12, "0", "999.99", "60.00") + share(36, "600", "999.99", "0.10", "0.20")
    folder = tmp_path / "fine"
    folder.mkdir()
    assert plan_of(folder, fine).prices_for(D("600"))[1].estimate.low == D("60.00")


SHARE_REFUSALS = [
    (share(24, "0", None, "0.1", "0.2"), "needs a 'max'"),
    (share(24, "0", "99.99", "0.2", "0.1"), "0 < share_low <= share_high"),
    (share(24, "0", "99.99", "0.1", "2.5"), "0 < share_low <= share_high"),
    (share(24, "0", "99.99", "0.1", "0.2", method='"Middle of two prices."'),
     "must say plainly that it was 'scaled by product price'"),
    # Its Chinese says so too, in fixed words, checked the same way.
    (share(24, "0", "99.99", "0.1", "0.2", method_zh='"根据测试计划的3个价格。"'),
     "method_zh must say plainly that it was '按商品价格换算'"),
    (share(24, "0", "99.99", "0.1", "0.2", method_zh='"根据3个价格，按价格比例估算。"'),
     "method_zh must say plainly that it was '按商品价格换算'"),
    (share(24, "0", "99.99", "0.1", "0.2", low='"15.00"'), "gives no fixed figures"),
    (row(24, "0", "99.99", share_low='"0.1"'), "needs 'share_low', 'share_high', 'n'"),
]


@pytest.mark.parametrize(("rows", "words"), SHARE_REFUSALS)
def test_loader_refuses_a_bad_share_row(tmp_path, rows, words):
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder_with(tmp_path, rows))
    assert caught.value.entry == "plan 'shop-plan'.prices[0]"
    assert words in caught.value.message
