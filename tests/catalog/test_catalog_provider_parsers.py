"""Provider price-page parsers: each saved page beside its expected rows, and rows that load."""

from __future__ import annotations

import json
import shutil
from dataclasses import fields
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from scrapers.providers import amazon_squaretrade, asurion_fees, bestbuy_api, jd_services, to_toml
from scrapers.providers.entries import ProviderPageError
from server.catalog import DATA_DIR, load_catalog

PAGES = Path(__file__).parents[1] / "data" / "providers"
PARSERS = {"jd": jd_services, "amazon": amazon_squaretrade, "asurion": asurion_fees,
           "bestbuy": bestbuy_api}
READ_ON = date(2026, 11, 26)
CASES = sorted(p for p in PAGES.glob("*/*") if p.suffix in (".json", ".html")
               and not p.name.endswith(".expected.json"))


def _parse(page: Path):
    parser = PARSERS[page.parent.name]
    return parser.parse(page.read_text(encoding="utf-8"), source="https://example.test/p",
                        read_on=READ_ON)


def _plain(entry) -> dict:
    row = {f.name: getattr(entry, f.name) for f in fields(entry)}
    row = {k: v for k, v in row.items() if k not in ("source", "read_on")}
    return {k: list(v) if isinstance(v, tuple) else str(v) if isinstance(v, Decimal) else v
            for k, v in row.items()}


@pytest.mark.parametrize("page", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_page_gives_expected_rows(page):
    expected = json.loads(page.with_name(page.stem + ".expected.json").read_text("utf-8"))
    assert [_plain(entry) for entry in _parse(page)] == expected


def test_jd_names_give_terms_and_plan_kinds():
    assert jd_services.term_months("3年免费换新") == 36
    assert jd_services.term_months("6个月延保") == 6
    assert jd_services.classify("2年电池换新含延保", "AppleCare") == ("jd-extended", "extended")
    assert jd_services.classify("5年全面保修", "免费维修")[0] == "jd-accident"
    assert jd_services.classify("2年AppleCare+", "AppleCare+")[0] == "applecare-plus-cn"
    with pytest.raises(ProviderPageError):
        jd_services.term_months("无限次碎屏")


def test_squaretrade_title_bands():
    assert amazon_squaretrade.band("TV Plan ($900-$1000)") == (Decimal(900), Decimal(1000))
    assert amazon_squaretrade.band("Plan ($1250-1499.99)") == (Decimal(1250), Decimal("1499.99"))
    assert amazon_squaretrade.band("Plan (Below $50)") == (Decimal(0), Decimal(50))
    assert amazon_squaretrade.band("Plan") == (None, None)


def test_asurion_bands_end_below_the_next_band():
    assert asurion_fees.price_band("$150-199") == (Decimal(150), Decimal("199.99"))
    assert asurion_fees.price_band("$700+") == (Decimal(700), None)


@pytest.mark.parametrize("parser", [jd_services, amazon_squaretrade, asurion_fees, bestbuy_api])
def test_a_page_of_another_shape_is_refused(parser):
    json_pages = (jd_services, bestbuy_api)
    text = "{}" if parser in json_pages else "<html><body><p>Hello</p></body></html>"
    with pytest.raises(ProviderPageError):
        parser.parse(text, source="https://example.test", read_on=READ_ON)


def test_parsed_rows_are_valid_catalog_entries(tmp_path):
    """The TOML the parsers print, pasted under a plan, gives a catalog that still loads: a JD
    page's prices become published rows for that exact product price."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    rows = [e for page in PAGES.glob("jd/*.json") if "expected" not in page.name
            for e in _parse(page) if e.plan == "jd-replace"]
    plan = """
[[plan]]
id = "jd-replace-pasted"
provider = "jd"
name = "京东 只换不修"
name_en = "JD replace-not-repair"
kind = "replace"
market = "CN"
currency = "CNY"
categories = ["small"]
starts = "purchase"
source = "https://item.jd.com/10102239695619.html"
read_on = 2026-11-26
[plan.coverage]
parts_labour = true
replace = true
"""
    (folder / "pasted.toml").write_text(plan + to_toml(rows), encoding="utf-8")
    pasted = next(p for p in load_catalog(folder).plans if p.id == "jd-replace-pasted")
    assert [(r.term_months, r.price, r.min, r.basis) for r in pasted.prices] == [
        (36, Decimal("18.00"), Decimal("279.10"), "published"),
        (60, Decimal("28.00"), Decimal("279.10"), "published")]


def test_best_buy_appliance_bands_are_the_saved_api_page():
    """The catalog's Geek Squad appliance rows are exactly what Best Buy's own API page says,
    band by band, each linking to its plan SKU's page; the bands the page lacks are holes that
    say so, never a price carried over from a neighbour."""
    page = PAGES / "bestbuy" / "products-page1.json"
    entries = bestbuy_api.parse(page.read_text(encoding="utf-8"), source="", read_on=READ_ON)
    plans = {p.id: p for p in load_catalog().plans}
    for plan_id in ("bestbuy-refrigerator", "bestbuy-dishwasher"):
        plan = plans[plan_id]
        assert [(r.term_months, r.min, r.max, r.price, r.source) for r in plan.prices
                if r.basis == "published"] == sorted(
            (e.term_months, e.min, e.max, e.price, e.source) for e in entries
            if e.plan == plan_id)
        for price in ("250", "1450", "2999.99"):
            assert not plan.prices_for(Decimal(price))
            assert "not on the saved price list" in plan.gap_for(Decimal(price))
        [five_years] = plan.prices_for(Decimal("1299"))
        assert (five_years.term_months, five_years.amount) == (60, Decimal("349.99"))


def test_best_buy_model_numbers_give_term_and_band():
    assert bestbuy_api.band("5YR 1200-1399.99 FRID/FRE GSP") == (60, Decimal(1200),
                                                                  Decimal("1399.99"))
    assert bestbuy_api.band("5YR 3000 & UP DISHWASHER GSP") == (60, Decimal(3000), None)
    assert bestbuy_api.band("26091006") is None
