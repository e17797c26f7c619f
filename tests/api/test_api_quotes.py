"""POST /api/v1/quotes and the offer-price history."""

from datetime import UTC, datetime

import pytest

from server import quoting
from server.db.models import OfferObservation
from server.schemas import examples
from server.store import observations

URL = "/api/v1/quotes"
TV_US = examples.QUOTE


def test_the_page_offer_gets_a_verdict_and_a_headline(client, auth):
    response = client.post(URL, json=TV_US, headers=auth)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    offer = next(p for p in body["plans"] if p["origin"] == "offer")
    assert offer["price"] == "82.79" and offer["currency"] == "USD"
    assert offer["verdict"] in ("worth_it", "marginal", "not_worth_it", "already_covered")
    assert offer["explanation"]["en"] and offer["explanation"]["zh"]
    assert (offer["price_basis"], offer["cover"], offer["estimate"]) == ("page", "breakdown", None)
    assert body["headline"]["plan"] == offer["name"]
    assert body["headline"]["verdict"] == offer["verdict"]
    assert all(p["currency"] == "USD" for p in body["plans"])


def test_settings_and_offers_may_be_left_out(client, auth):
    response = client.post(URL, json={"product": TV_US["product"]}, headers=auth)
    assert response.status_code == 200, response.get_json()
    assert all(p["origin"] == "catalog" for p in response.get_json()["plans"])


def test_offer_in_another_currency_is_excluded_not_compared(client, auth):
    body = {**TV_US, "offers": [{**TV_US["offers"][0], "currency": "CNY", "price": "599"}]}
    result = client.post(URL, json=body, headers=auth).get_json()
    assert all(p["origin"] == "catalog" for p in result["plans"])
    excluded = [e for e in result["excluded"] if e["name"] == TV_US["offers"][0]["name"]]
    assert excluded and "CNY" in excluded[0]["reason"] and excluded[0]["reason_zh"]


def test_the_market_comes_from_the_currency_or_must_be_given(client, auth):
    body = {"product": {**TV_US["product"], "currency": "JPY", "site": "somewhere"}}
    response = client.post(URL, json=body, headers=auth)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "product.market"


@pytest.mark.parametrize(("change", "field"), [
    ({"product": None}, "product"),
    ({"product": {**TV_US["product"], "category": "gizmo"}}, "product.category"),
    ({"product": {**TV_US["product"], "category": "not_eligible"}}, "product.category"),
    ({"product": {**TV_US["product"], "price": 949.99}}, "product.price"),
    ({"offers": [{"name": "x", "term_months": 0, "price": "1", "currency": "USD"}]},
     "offers.0.term_months"),
    ({"offers": [{"name": "x", "term_months": 12, "price": "1"}]}, "offers.0.currency"),
    ({"settings": {"card_extension_months": -1}}, "settings.card_extension_months"),
    ({"extra": 1}, "extra"),
])
def test_bad_input_is_422_with_the_field(client, auth, change, field):
    response = client.post(URL, json={**TV_US, **change}, headers=auth)
    assert response.status_code == 422
    assert field in {e["field"] for e in response.get_json()["errors"]}


def test_identical_requests_are_priced_once(client, auth, monkeypatch):
    calls = []
    real = quoting.quote
    monkeypatch.setattr(quoting, "quote", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = client.post(URL, json=TV_US, headers=auth).get_json()
    second = client.post(URL, json=TV_US, headers=auth).get_json()
    assert first == second and len(calls) == 1
    client.post(URL, json={**TV_US, "settings": {"card_extension_months": 12}}, headers=auth)
    assert len(calls) == 2


def test_offer_history_counts_prices_independent_reporters_agree_on(app, client, auth):
    today = datetime.now(UTC).date()
    offer = {"name": "延长保修2年", "term_months": 24, "currency": "CNY"}
    with app.app_context():
        from server import db

        session = db.session()
        for day_offset, price in ((3, "199.00"), (2, "179.00"), (1, "209.00")):
            day = today.fromordinal(today.toordinal() - day_offset)
            for who in ("reporter-a", "reporter-b"):
                observations.record(session, "jd", "100012345678", [{**offer, "price": price}],
                                    day, who)
        observations.record(session, "jd", "100012345678", [{**offer, "price": "1.00"}], today,
                            "mallory")
        observations.record(session, "jd", "100012345678", [{**offer, "price": "2.00"}], today,
                            "mallory")  # the same reporter again that day: replaced, not added
        assert session.query(OfferObservation).count() == 7
        session.commit()  # outside a request nothing commits for us
    response = client.get("/api/v1/products/jd/100012345678/offers/history", headers=auth)
    series = response.get_json()["series"]
    assert len(series) == 1 and series[0]["lowest"] == "179.00"
    assert series[0]["highest"] == "209.00" and len(series[0]["points"]) == 3
    short = client.get("/api/v1/products/jd/100012345678/offers/history?days=2", headers=auth)
    assert len(short.get_json()["series"][0]["points"]) == 1
    empty = client.get("/api/v1/products/jd/unknown/offers/history", headers=auth).get_json()
    assert empty["series"] == []
    bad = client.get("/api/v1/products/jd/1/offers/history?days=0", headers=auth)
    assert bad.status_code == 422


def test_a_product_family_as_category_is_read_as_its_code(client, auth):
    body = {**TV_US, "product": {**TV_US["product"], "category": "television",
                                 "subcategory": None}}
    by_family = client.post(URL, json=body, headers=auth)
    by_code = client.post(URL, json=TV_US, headers=auth)
    assert by_family.status_code == 200, by_family.get_json()
    assert by_family.get_json()["plans"] == by_code.get_json()["plans"]
