"""Issue 12's reproductions: hostile or careless input gets a 4xx that says what to fix, and a
request that answers an error has stored nothing."""

from __future__ import annotations

import pytest
from payloads import coverage, simple

COVERAGES = "/api/v1/coverages"


def count(client, auth) -> int:
    return len(client.get(COVERAGES, headers=auth).get_json()["items"])


@pytest.mark.parametrize("body", [
    simple("Fridge", "2026-01-01", 12) | {"tags": ["\ud83d"]},
    simple("\udc00 fridge", "2026-01-01", 12),
    simple("Fridge", "2026-01-01", 12) | {"notes": "ok \ud83d"},
    coverage(layers=[{"kind": "plan", "name": "延保\ud83d", "term_months": 12}]),
], ids=["tag", "title", "notes", "layer name"])
def test_a_lone_surrogate_is_refused_and_nothing_is_stored(client, auth, body):
    response = client.post(COVERAGES, json=body, headers=auth)
    assert response.status_code == 422
    assert "surrogate" in response.get_json()["errors"][0]["message"]
    assert count(client, auth) == 0
    assert client.get("/api/v1/export?format=csv", headers=auth).status_code == 200


def test_surrogates_in_device_names_and_quotes_are_refused(client, auth):
    assert client.post("/api/v1/devices", json={"name": "\ud83d"}).status_code == 422
    quote = {"product": {"category": "large", "price": "100", "currency": "CNY"},
             "offers": [{"name": "\ud83d", "term_months": 12, "price": "9", "currency": "CNY"}]}
    response = client.post("/api/v1/quotes", json=quote, headers=auth)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "offers.0.name"


def test_a_page_with_half_an_emoji_is_still_read(client, auth):
    page = {"url": "https://item.jd.com/100012345678.html",
            "html": "<html><body><div class='sku-name'>海尔冰箱 \ud83d</div></body></html>"}
    assert client.post("/api/v1/pages/detect", json=page, headers=auth).status_code == 200


@pytest.mark.parametrize(("raw", "words"), [
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ('{"name": ' + "9" * 5000 + "}", "thousands of digits"),
    ('{"name": "x",}', "not valid JSON"),
    (b'{"name": "\xff"}', "not UTF-8"),
], ids=["nesting", "huge integer", "syntax", "encoding"])
def test_malformed_json_is_a_400_that_says_why_on_every_json_endpoint(client, auth, raw, words):
    for path, headers in (("/api/v1/devices", {}), (COVERAGES, auth), ("/api/v1/quotes", auth),
                          ("/api/v1/pages/detect", auth), ("/api/v1/import", auth)):
        response = client.post(path, data=raw, headers={**headers,
                                                        "Content-Type": "application/json"})
        assert response.status_code == 400, (path, response.get_data(as_text=True)[:200])
        assert response.mimetype == "application/problem+json"
        assert words in response.get_json()["detail"]


@pytest.mark.parametrize(("layer", "field"), [
    ({"term_months": "12"}, "layers.0.term_months"),
    ({"term_months": 12.5}, "layers.0.term_months"),
    ({"term_months": True}, "layers.0.term_months"),
    ({"lifetime": "true", "term_months": None}, "layers.0.lifetime"),
])
def test_numbers_and_booleans_are_not_coerced(client, auth, layer, field):
    body = coverage(layers=[{"kind": "manufacturer", "term_months": 12, **layer}])
    response = client.post(COVERAGES, json=body, headers=auth)
    assert response.status_code == 422
    assert field in {e["field"] for e in response.get_json()["errors"]}
    assert count(client, auth) == 0


def test_patching_a_price_keeps_the_stored_currency(client, auth):
    created = client.post(COVERAGES, json=coverage(), headers=auth).get_json()
    url = f"{COVERAGES}/{created['id']}"
    changed = client.patch(url, json={"product": {"price": "3799.00"}}, headers=auth)
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["product"] == {**created["product"], "price": "3799.00"}
    too_precise = client.patch(url, json={"product": {"price": "3799.001"}}, headers=auth)
    assert too_precise.status_code == 422
    assert too_precise.get_json()["errors"][0]["field"] == "product.price"
    assert client.get(url, headers=auth).get_json()["product"]["price"] == "3799.00"
