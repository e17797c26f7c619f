"""The issue-11 cases as scripts/catalog_coverage.py counts them: each provider of a case is
priced (published or estimate) or says why not, and the US phone has three priced providers."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

from server.catalog import load_catalog

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
