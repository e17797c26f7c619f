"""Every saved page under tests/data/<site>/ against its expected fields, one test per field."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from scrapers import detect

DATA = Path(__file__).resolve().parents[1] / "data"
SKIP = {"classification", "providers", "articles"}


def fixture_pairs() -> list[Path]:
    return sorted(
        html
        for html in DATA.glob("*/*.html")
        if html.parent.name not in SKIP and html.with_suffix(".json").exists()
    )


def case_id(html: Path) -> str:
    return f"{html.parent.name}/{html.stem}"


@cache
def answer(html: Path) -> dict:
    spec = json.loads(html.with_suffix(".json").read_text("utf-8"))
    return detect(html.read_bytes(), spec["url"], spec.get("lang")).to_dict()


def expected_fields() -> list:
    params = []
    for html in fixture_pairs():
        spec = json.loads(html.with_suffix(".json").read_text("utf-8"))
        for name, value in spec["expect"].items():
            params.append(pytest.param(html, name, value, id=f"{case_id(html)}:{name}"))
    return params


def lookup(result: dict, dotted: str):
    value = result
    for part in dotted.split("."):
        value = value[part] if isinstance(value, dict) and value is not None else None
    return value


@pytest.mark.parametrize(("html", "field", "expected"), expected_fields())
def test_fixture_field(html: Path, field: str, expected) -> None:
    assert lookup(answer(html), field) == expected


@pytest.mark.parametrize("html", fixture_pairs(), ids=case_id)
def test_fixture_answer_is_json_serialisable(html: Path) -> None:
    text = json.dumps(answer(html), ensure_ascii=False)
    assert json.loads(text) == answer(html)


def test_every_html_has_expectations() -> None:
    orphans = [
        case_id(p) for p in DATA.glob("*/*.html")
        if p.parent.name not in SKIP and not p.with_suffix(".json").exists()
    ]  # fmt: skip
    assert orphans == []


CONTRACT_PRODUCT_KEYS = {
    "url", "canonical_url", "item_id", "title", "brand", "model", "breadcrumbs", "category",
    "subcategory", "category_confidence", "category_evidence", "price", "price_min", "price_max",
    "currency", "seller", "official_store", "warranty_text", "warranty_months",
    "warranty_terms", "nationwide_warranty",
}  # fmt: skip
CONTRACT_OFFER_KEYS = {
    "name", "provider", "kind", "term_months", "starts", "price", "currency", "preselected",
    "source",
}  # fmt: skip


@pytest.mark.parametrize("html", fixture_pairs(), ids=case_id)
def test_answer_has_the_contract_shape(html: Path) -> None:
    result = answer(html)
    assert set(result) == {"is_product", "reason", "site", "product", "provenance", "offers"}
    if result["product"] is not None:
        assert set(result["product"]) == CONTRACT_PRODUCT_KEYS
    assert set(result["provenance"].values()) <= {"structured_data", "site_rule", "heuristic"}
    assert set(result["provenance"]) <= CONTRACT_PRODUCT_KEYS
    for offer in result["offers"]:
        assert set(offer) == CONTRACT_OFFER_KEYS
        assert offer["kind"] in {"extended", "accidental_damage", "replace", "other"}
