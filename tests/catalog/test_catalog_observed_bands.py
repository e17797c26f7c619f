"""The catalog's estimates from observed prices are what the band rule gives on the real points
(../shared/data/plan-price-points.csv): typed numbers cannot drift from their evidence."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from scrapers.providers.bands import combine, read_points, select
from server.catalog import load_catalog

POINTS_CSV = Path(__file__).parents[2] / ".." / "shared" / "data" / "plan-price-points.csv"
OBSERVED = Path(__file__).parents[2] / "scrapers" / "providers" / "observed"
EXTRA_CSVS = (OBSERVED / "jd-extra-points.csv", OBSERVED / "cn-brand-points.csv")
D = Decimal

# (plan id, term): (provider text, kinds, names[, pages]) choosing the points behind the row.
# The small-appliance bands hold only the soymilk maker: the baby mats and toys priced near it
# (2023 app data) are not appliances.
SMALL = ("豆浆机_jd",)
SPEC = {
    ("jd-replace-digital", 24): ("京东", ("replacement_only",), ()),
    ("jd-replace-digital", 36): ("京东", ("replacement_only",), ()),
    ("jd-replace-small", 36): ("京东", ("replacement_only",), (), SMALL),
    ("jd-replace-small", 60): ("京东", ("replacement_only",), (), SMALL),
    ("jd-accident-replace-digital", 24): ("京东", ("replacement_incl_accidental",), ()),
    ("jd-accident-replace-digital", 36): ("京东", ("replacement_incl_accidental",), ()),
    ("jd-accident-replace-small", 24): ("京东", ("replacement_incl_accidental",), (), SMALL),
    ("jd-accident-replace-small", 36): ("京东", ("replacement_incl_accidental",), (), SMALL),
    ("jd-accident-repair-digital", 12): ("京东", (), ("延长保", "全面保修")),
    ("jd-accident-repair-digital", 24): ("京东", (), ("延长保", "全面保修")),
    ("jd-accident-repair-phone", 24): ("京东", (), ("全保修",)),
    ("jd-accident-repair-phone", 36): ("京东", (), ("全保修",)),
    ("jd-replace-phone", 12): ("京东", ("replacement_only",), ()),
    ("jd-accident-repair-small", 36): ("京东", ("repair_incl_accidental",), (), SMALL),
    ("jd-accident-repair-small", 60): ("京东", ("repair_incl_accidental",), (), SMALL),
    ("jd-extended-storage", 60): ("京东", ("extended_warranty",), ()),
    ("jd-extended-storage", 72): ("京东", ("extended_warranty",), ()),
    ("jd-extended-storage", 84): ("京东", ("extended_warranty",), ()),
    ("applecare-plus-cn", 12): ("Apple", (), ("AppleCare+",)),
    ("applecare-plus-cn", 24): ("Apple", (), ("AppleCare+",)),
    ("applecare-plus-cn-headphones", 24): ("Apple", (), ("AppleCare+",)),
    ("xiaomi-extended", 12): ("Xiaomi", ("extended_warranty",), ()),
}


def test_the_band_rule():
    assert combine([D(5)]) == combine([D(5)])
    one = combine([D("18.00")])
    assert (one.low, one.high, one.middle, one.n) == (D(18), D(18), D(18), 1)
    few = combine([D(89), D(116), D(96), D(149)])
    assert (few.low, few.high, few.middle, few.n) == (D(89), D(149), D(106), 4)
    many = combine([D(v) for v in range(10, 110, 10)])  # 10..100, ten points: middle half
    assert (many.low, many.high, many.middle, many.n) == (D("32.50"), D("77.50"), D(55), 10)
    with pytest.raises(ValueError):
        combine([])


@pytest.mark.skipif(not POINTS_CSV.exists(), reason="../shared/data is not on this machine")
def test_every_observed_cn_estimate_is_the_band_rule_on_the_real_points():
    points = read_points(POINTS_CSV) + [p for path in EXTRA_CSVS for p in read_points(path)]
    catalog = {plan.id: plan for plan in load_catalog().plans}
    # Gome's rows are a salesperson's quotes in an article (warranty-reference.json), not points.
    # Share rows are recomputed in test_catalog_share_evidence.py.
    observed = ("jd", "apple-cn", "xiaomi")
    rows = [(plan, row) for plan in catalog.values() if plan.provider.id in observed
            for row in plan.prices if row.estimate and row.share is None]
    assert {(plan.id, row.term_months) for plan, row in rows} == set(SPEC)
    for plan, row in rows:
        provider, kinds, names, *pages = SPEC[plan.id, row.term_months]
        chosen = select(points, market="CN", provider=provider, term=row.term_months,
                        low=row.min, high=row.max, kinds=kinds, names=names,
                        where=pages[0] if pages else ())
        band = combine([p.price for p in chosen])
        assert (row.estimate.low, row.estimate.high, row.estimate.n, row.price) == (
            band.low, band.high, band.n, band.middle), (plan.id, row.term_months)
