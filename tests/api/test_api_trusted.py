"""Issue 11 over HTTP: the new fields of /quotes and detect's comparison, every market answered
in the shopper's language, and the public catalog listing with its ETag and 422s."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from server.schemas import examples

DATA = Path(__file__).parent.parent / "data"
CJK = re.compile(r"[\u4e00-\u9fff]")
PLAN_FIELDS = {"price_basis", "estimate", "evidence", "read_on", "published_on", "cover",
               "provider_id", "where_to_buy"}
TOP_FIELDS = {"plans", "excluded", "headline", "better_options", "card_benefit", "statutory",
              "alternatives_note", "unavailable", "unavailable_code"}
PHONE = {"product": {"title": "Apple iPhone 16 128GB", "category": "digital",
                     "subcategory": "phone", "price": "799.00", "currency": "USD",
                     "site": "bestbuy", "brand": "Apple"},
         "offers": [{"name": "AppleCare+ for iPhone", "kind": "accidental_damage",
                     "term_months": 24, "price": "149.00", "currency": "USD"}]}


def _page(currency: str, price: str = "499.00", url: str = "https://shop.example.co.uk/p/1"):
    """The schema.org air-fryer page, priced in another currency."""
    html = (DATA / "schema_org" / "jsonld_air_fryer.html").read_text(encoding="utf-8")
    html = html.replace('"priceCurrency": "USD", "lowPrice": "89.99", "highPrice": "99.99"',
                        f'"priceCurrency": "{currency}", "price": "{price}"')
    return {"url": url, "html": html}


def test_quote_plans_carry_their_price_basis_and_cover(client, auth):
    body = client.post("/api/v1/quotes", json=PHONE, headers=auth).get_json()
    assert set(body) == TOP_FIELDS
    assert all(set(p) >= PLAN_FIELDS for p in body["plans"])
    page = next(p for p in body["plans"] if p["origin"] == "offer")
    assert (page["price_basis"], page["cover"], page["read_on"], page["published_on"]) == (
        "page", "accident", None, None)
    alternatives = [p for p in body["plans"] if p["origin"] == "catalog"]
    assert alternatives, "the shipped catalog has accident plans for US phones"
    for plan in alternatives:
        assert plan["cover"] == "accident" and plan["source"].startswith("https://")
        assert plan["read_on"] and plan["provider_id"]
        if plan["price_basis"] == "estimate":
            estimate = plan["estimate"]
            assert set(estimate) == {"low", "high", "n", "method", "method_zh"}
            # How it was made, in English and for a shopper reading Chinese.
            assert estimate["method"] and estimate["method_zh"] != estimate["method"]
            assert CJK.search(estimate["method_zh"]), estimate
            assert plan["published_on"] is None
        else:
            assert plan["estimate"] is None
    assert any(p["price_basis"] == "estimate" for p in alternatives), "US phones have estimates"
    bases = [p["price_basis"] == "estimate" for p in body["plans"]]
    assert bases == sorted(bases), "no estimate above a real price"
    assert len({p["provider_id"] for p in alternatives}) == len(alternatives)
    assert body["headline"] == {"verdict": page["verdict"], "plan": page["name"],
                                "text": body["headline"]["text"]}
    assert body["card_benefit"]["months"] == 12 and body["card_benefit"]["text"]["zh"]
    assert body["unavailable"] is None and body["unavailable_code"] is None


def test_a_published_price_says_how_old_its_source_is(client, auth):
    """Best Buy's appliance list was last changed in February 2020: the quote and the catalog
    listing say so, not only the day it was read into the catalog."""
    fridge = {"product": {"title": "LG 26 cu. ft. refrigerator", "category": "large",
                          "subcategory": "refrigerator", "price": "1299.00", "currency": "USD",
                          "site": "bestbuy"}, "offers": []}
    body = client.post("/api/v1/quotes", json=fridge, headers=auth).get_json()
    geek_squad = next(p for p in body["plans"] if p["provider_id"] == "bestbuy")
    assert (geek_squad["price_basis"], geek_squad["price"], geek_squad["published_on"]) == (
        "published", "349.99", "2020-02-29")
    listing = client.get("/api/v1/catalog/plans?market=US&category=large").get_json()
    rows = next(p for p in listing["plans"] if p["id"] == "bestbuy-refrigerator")["prices"]
    assert {r["published_on"] for r in rows} == {"2020-02-29"}


def test_quote_takes_component_terms(client, auth):
    fridge = {"product": {"category": "large", "subcategory": "refrigerator", "price": "3999.00",
                          "currency": "CNY", "site": "jd", "purchase_date": "2026-11-26",
                          "warranty_terms": [{"component": "whole_unit", "months": 12},
                                             {"component": "main_parts", "months": 36}]},
              "offers": [{"name": "1年延保", "term_months": 12, "price": "39.00",
                          "currency": "CNY", "starts": "after_manufacturer"}]}
    body = client.post("/api/v1/quotes", json=fridge, headers=auth).get_json()
    page = next(p for p in body["plans"] if p["origin"] == "offer")
    assert page["added_months"] == 6, "12 part-covered months count as half"
    assert body["statutory"]["main_parts_months"] == 36
    assert body["statutory"]["source"].startswith("http")
    assert body["statutory"]["names"] == {
        "en": "China's Three Guarantees rules (三包) for refrigerators",
        "zh": "三包（部分商品修理更换退货责任规定）电冰箱"}
    assert body["statutory"]["name"] == body["statutory"]["names"]["zh"], "the law's own name"
    bad = {**fridge, "product": {**fridge["product"], "warranty_terms": [{"months": 3}]}}
    response = client.post("/api/v1/quotes", json=bad, headers=auth)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "product.warranty_terms.0.component"


@pytest.mark.parametrize("currency", ["GBP", "CAD", "EUR"])
def test_every_market_gets_an_answer_not_a_validation_message(client, auth, currency):
    result = client.post("/api/v1/pages/detect", json=_page(currency), headers=auth).get_json()
    comparison = result["comparison"]
    assert set(comparison) == TOP_FIELDS
    assert comparison["unavailable"] is None and comparison["unavailable_code"] is None
    assert comparison["headline"]["verdict"] == "none_sold"
    assert comparison["plans"] or comparison["alternatives_note"]
    assert "must be one of" not in json.dumps(comparison)


@pytest.mark.parametrize(("lang", "start"), [("zh-CN", "目前只评估"), ("en", "Plans are weighed")])
def test_unavailable_is_in_the_body_language_with_a_code(client, auth, lang, start):
    body = {**_page("JPY", "9800"), "lang": lang}
    comparison = client.post("/api/v1/pages/detect", json=body, headers=auth).get_json()[
        "comparison"]
    assert comparison["unavailable"].startswith(start)
    assert comparison["unavailable_code"] == "no_model" and comparison["headline"] is None


def test_detect_without_lang_follows_accept_language(client, auth):
    headers = {**auth, "Accept-Language": "zh-CN,zh;q=0.9"}
    comparison = client.post("/api/v1/pages/detect", json=_page("JPY", "9800"),
                             headers=headers).get_json()["comparison"]
    assert comparison["unavailable"].startswith("目前只评估")


def test_best_buy_canada_page_is_compared_in_cad(client, auth):
    raw = (DATA / "bestbuy" / "product_laptop_ca.html").read_text(encoding="utf-8")
    url = json.loads((DATA / "bestbuy" / "product_laptop_ca.json").read_text())["url"]
    result = client.post("/api/v1/pages/detect", json={"url": url, "html": raw},
                         headers=auth).get_json()
    comparison = result["comparison"]
    assert result["product"]["currency"] == "CAD"
    assert comparison["unavailable"] is None
    assert all(p["currency"] == "CAD" for p in comparison["plans"])
    assert comparison["plans"] or comparison["alternatives_note"]["en"]


def test_detect_sends_an_estimates_method_in_both_languages(client, auth):
    """Best Buy's TV page: Asurion Home+ is an estimate; detect's comparison says how it was made
    in English and in Chinese, whatever the page's language, for the panel to choose."""
    raw = (DATA / "bestbuy" / "product_tv.html").read_text(encoding="utf-8")
    url = json.loads((DATA / "bestbuy" / "product_tv.json").read_text())["url"]
    comparison = client.post("/api/v1/pages/detect", json={"url": url, "html": raw},
                             headers=auth).get_json()["comparison"]
    (home,) = [p for p in comparison["plans"] if p["price_basis"] == "estimate"]
    assert home["provider_id"] == "asurion"
    assert home["estimate"]["method"].startswith("Two published monthly prices")
    assert home["estimate"]["method_zh"].startswith("Asurion Home+公布的两个月费")


def test_catalog_lists_plans_with_sources_publicly(client):
    response = client.get("/api/v1/catalog/plans?market=US&category=digital")
    assert response.status_code == 200
    plans = response.get_json()["plans"]
    assert plans and all(p["market"] == "US" and "digital" in p["categories"] for p in plans)
    assert not any(p["id"].startswith("card-") for p in plans), "card benefits are not plans"
    for plan in plans:
        assert plan["cover"] in ("breakdown", "accident", "replace")
        assert plan["provider"]["url"].startswith("http")
        for row in plan["prices"]:
            assert row["source"].startswith(("http://", "https://"))
            assert row["price_basis"] in ("published", "estimate") and row["read_on"]
        # The plan's own page, and why a plan without prices has none.
        assert plan["source"].startswith(("http://", "https://"))
        assert (plan["unpriced_reason"] is None) == bool(plan["prices"]), plan["id"]
    tag = response.headers["ETag"]
    again = client.get("/api/v1/catalog/plans?market=US&category=digital",
                       headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.headers["ETag"] == tag
    other = client.get("/api/v1/catalog/plans?market=CN")
    assert other.status_code == 200 and other.headers["ETag"] != tag


def test_catalog_says_in_chinese_why_a_chinese_plan_has_no_price(client):
    plans = {p["id"]: p for p in client.get("/api/v1/catalog/plans?market=CN").get_json()["plans"]}
    suning = plans["suning-sunshine"]
    assert suning["prices"] == [] and suning["source"].startswith(("http://", "https://"))
    assert suning["unpriced_reason"]["en"].startswith("Suning publishes no price list")
    assert suning["unpriced_reason"]["zh"].startswith("苏宁未公布阳光包的价目表")
    assert plans["jd-accident-repair-phone"]["unpriced_reason"] is None


@pytest.mark.parametrize(("market", "currency"), [("UK", "GBP"), ("CA", "CAD"), ("CN", "CNY")])
def test_catalog_lists_a_market_in_its_own_currency(client, market, currency):
    response = client.get(f"/api/v1/catalog/plans?market={market}")
    assert response.status_code == 200
    assert {p["currency"] for p in response.get_json()["plans"]} <= {currency}


@pytest.mark.parametrize(("query", "field", "hint"), [
    ("market=GB", "query.market", "Send market as one of CN, US, CA, UK, EU"),
    ("market=US&category=toys", "query.category", "Send category as one of large"),
    ("", "query.market", "Missing data"),
    ("market=US&colour=red", "query.colour", "Unknown field"),
])
def test_catalog_bad_query_is_422_saying_what_to_send(client, query, field, hint):
    response = client.get(f"/api/v1/catalog/plans?{query}")
    assert response.status_code == 422
    error = response.get_json()["errors"][0]
    assert error["field"] == field and error["message"].startswith(hint)


def test_catalog_422_in_chinese(client):
    response = client.get("/api/v1/catalog/plans?market=GB", headers={"Accept-Language": "zh"})
    assert response.get_json()["errors"][0]["message"].startswith("请将 market 设为")


def test_the_quote_example_still_answers(client, auth):
    assert client.post("/api/v1/quotes", json=examples.QUOTE, headers=auth).status_code == 200


def test_jd_main_parts_term_is_credited_as_part_cover(client, auth):
    """JD's "整机保修1年，主要部件保修3年": the whole unit 12 months, main parts 36. JD's 2-year
    plan runs after the maker's year (months 12-36), all of it while main parts are covered:
    24 months counted as half = 12 added, never read as a plain 12-month warranty (24 added)."""
    raw = (DATA / "jd" / "rendered_hisense_tv.html").read_text(encoding="utf-8")
    url = json.loads((DATA / "jd" / "rendered_hisense_tv.json").read_text())["url"]
    result = client.post("/api/v1/pages/detect", json={"url": url, "html": raw},
                         headers=auth).get_json()
    assert {"component": "main_parts", "months": 36} in result["product"]["warranty_terms"]
    plan = next(p for p in result["comparison"]["plans"] if p["name"] == "延长保修2年")
    assert (plan["term_months"], plan["added_months"]) == (24, 12)
    assert plan["explanation"]["en"].startswith(
        "Adds the equivalent of 12 months (24 months of the plan fall while the maker still "
        "covers the main parts, each counted as half) beyond your cover to ")
    assert ("相当于多保12个月（计划中有24个月厂家仍保主要部件，每月按一半计）"
            in plan["explanation"]["zh"])
    assert result["comparison"]["statutory"]["main_parts_months"] == 36
