"""The quotes body is loaded by the lean path (server.schemas.lean.LeanSchema): it must answer
exactly what marshmallow answers, for good bodies and bad ones."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from server.schemas import examples
from server.schemas.quotes import QuoteIn

LEAN = QuoteIn()  # shared on purpose: remembered values carry over between examples
ODD = st.sampled_from([None, "", "x", "\ud83d", 0, -1, 12, 1.5, True, [], {}, "12", "fridge",
                       "冰箱", "2026-02-29", "2024-02-29", "9.999", "1e3", "CNY", "GBP",
                       "https://shop.example/p", "accidental_damage", "after_manufacturer"])
PATHS = [("product", key) for key in (
    "title", "category", "subcategory", "price", "currency", "site", "market", "purchase_date",
    "manufacturer_warranty_months", "brand", "url", "warranty_terms", "surprise")] + [
    ("offers", 0, key) for key in ("name", "kind", "term_months", "starts", "price",
                                   "currency", "provider", "surprise")] + [
    ("settings", "card_extension_months"), ("settings", "statutory"), ("surprise",),
    ("product",), ("offers",), ("settings",)]


def _swap(body, path, value):
    body = copy.deepcopy(body)
    target = body
    for step in path[:-1]:
        if (isinstance(target, dict) and step in target) or \
                (isinstance(target, list) and isinstance(step, int) and step < len(target)):
            target = target[step]
        else:
            return body
    if isinstance(target, dict):
        target[path[-1]] = value
    return body


def _marshmallow(body):
    """The same schema through marshmallow's own loop (an explicit `unknown` skips the lean
    path)."""
    try:
        return "ok", QuoteIn().load(copy.deepcopy(body), unknown="raise")
    except ValidationError as bad:
        return "bad", bad.messages


def _lean(body):
    try:
        return "ok", LEAN.load(copy.deepcopy(body))
    except ValidationError as bad:
        return "bad", bad.messages


def test_a_plain_body_takes_the_lean_path():
    QuoteIn().load(copy.deepcopy(examples.QUOTE))
    schema = QuoteIn()
    schema.load(copy.deepcopy(examples.QUOTE))
    assert schema._lean_loader.load(copy.deepcopy(examples.QUOTE)) == _marshmallow(
        examples.QUOTE)[1]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), ODD), max_size=3))
def test_the_lean_path_answers_what_marshmallow_answers(swaps):
    body = examples.QUOTE
    for path, value in swaps:
        body = _swap(body, path, value)
    assert _lean(body) == _marshmallow(body)
