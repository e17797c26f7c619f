"""Building quote inputs from the POST /quotes JSON body."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from server.domain.fairvalue.inputs import InputError, Offer, detect_request, request_from_dict

BODY = {
    "product": {"title": "TV", "category": "large", "subcategory": "tv", "price": "3999.00",
                "currency": "cny", "site": "jd", "market": "CN", "purchase_date": "2026-11-26",
                "manufacturer_warranty_months": 12},
    "offers": [{"name": "延保2年", "kind": "extended", "term_months": 24, "starts": "purchase",
                "price": "159.00", "currency": "CNY"}],
    "settings": {"card_extension_months": 0, "statutory": True},
}


def test_a_valid_body_gives_hashable_inputs():
    product, offers, settings = request_from_dict(BODY)
    assert (product.price, product.currency, product.purchase_date) == (
        Decimal("3999.00"), "CNY", date(2026, 11, 26))
    assert offers == (Offer("延保2年", "extended", 24, Decimal("159.00"), "CNY", "purchase"),)
    assert hash((product, offers, settings))  # usable as a cachetools key


def test_settings_are_optional():
    body = {k: v for k, v in BODY.items() if k != "settings"}
    assert request_from_dict(body)[2].statutory is True


def test_every_bad_field_is_reported():
    body = {"product": dict(BODY["product"], price="abc", market="JP", purchase_date="26/11"),
            "offers": [{"name": "x", "term_months": 0, "price": "1", "currency": "dollars"}],
            "settings": {"statutory": "yes"}}
    with pytest.raises(InputError) as caught:
        request_from_dict(body)
    fields = {field for field, _ in caught.value.errors}
    assert fields == {"product.price", "product.market", "product.purchase_date",
                      "offers[0].term_months", "offers[0].currency", "settings.statutory"}


def test_a_body_that_is_not_an_object_is_refused():
    with pytest.raises(InputError) as caught:
        request_from_dict(["not", "an", "object"])
    assert ("product", "must be an object") in caught.value.errors


def test_detect_result_becomes_quote_inputs():
    detected = {
        "is_product": True, "site": "jd",
        "product": {"title": "海信电视", "category": "large", "subcategory": "tv",
                    "price": "3999.00", "currency": "CNY", "warranty_months": None,
                    "url": "https://item.jd.com/1.html"},
        "offers": [{"name": "2年延长保", "provider": "京东", "kind": "extended", "term_months": 24,
                    "price": "159.00", "currency": "CNY", "preselected": False, "source": None}],
    }
    product, offers, settings = detect_request(detected, date(2026, 11, 26))
    assert (product.market, product.manufacturer_warranty_months) == ("CN", 12)
    assert product.purchase_date == date(2026, 11, 26) and offers[0].term_months == 24
    assert settings.statutory is True


def test_detect_market_follows_the_currency_on_multi_country_sites():
    detected = {"site": "amazon", "product": {"category": "large", "subcategory": "tv",
                                              "price": "549.00", "currency": "EUR"}}
    assert detect_request(detected, date(2026, 11, 26))[0].market == "EU"


def test_detect_result_for_an_ineligible_product_is_refused():
    detected = {"site": "amazon", "product": {"category": "not_eligible", "price": "5",
                                              "currency": "USD"}}
    with pytest.raises(InputError) as caught:
        detect_request(detected, date(2026, 11, 26))
    assert ("product.category", "must be one of large, small, digital, medical") in (
        caught.value.errors)
