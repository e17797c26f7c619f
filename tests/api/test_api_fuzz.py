"""No input reaches a 500: random JSON, and the valid example with leaves swapped for junk,
sent to every endpoint that takes a body or a query."""

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from payloads import ISSUE_EXAMPLE

JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=30) | st.sampled_from(["", "2024-02-30", "-1", "1e999", "CNY", "\x00"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8),
                                                                    children, max_size=4),
    max_leaves=12,
)
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def leaves(value, path=()):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from leaves(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from leaves(child, (*path, index))
    yield path


def replaced(document, path, junk):
    document = copy.deepcopy(document)
    if not path:
        return junk
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = junk
    return document


QUOTE = {
    "product": {"title": "TV", "category": "large", "subcategory": "tv", "price": "949.99",
                "currency": "USD", "site": "amazon", "market": "US",
                "purchase_date": "2026-01-01", "manufacturer_warranty_months": 12},
    "offers": [{"name": "4-Year Plan", "kind": "extended", "term_months": 48,
                "starts": "purchase", "price": "82.79", "currency": "USD"}],
    "settings": {"card_extension_months": 12, "statutory": True},
}
DETECT = {"url": "https://item.jd.com/100007300763.html", "lang": "zh-CN",
          "html": "<html><body><div class='sku-name'>海信 电视</div></body></html>",
          "settings": {"card_extension_months": 0, "statutory": False}}
EXAMPLES = [("/api/v1/coverages", ISSUE_EXAMPLE), ("/api/v1/quotes", QUOTE),
            ("/api/v1/pages/detect", DETECT),
            ("/api/v1/import", {"format": "yanbao-export", "version": 1,
                                "coverages": [ISSUE_EXAMPLE]})]
BROKEN = [(path, example, leaf) for path, example in EXAMPLES for leaf in leaves(example)]


def no_500(response):
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"


@FUZZ
@given(body=JUNK)
def test_random_json_anywhere(client, auth, body):
    for method, path in (("POST", "/api/v1/coverages"), ("POST", "/api/v1/devices"),
                         ("POST", "/api/v1/import"), ("PATCH", "/api/v1/coverages/x"),
                         ("POST", "/api/v1/quotes"), ("POST", "/api/v1/pages/detect")):
        no_500(client.open(path, method=method, json=body, headers=auth))


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=st.sampled_from(BROKEN), junk=JUNK, drop=st.booleans())
def test_valid_example_with_one_leaf_broken_or_missing(client, auth, case, junk, drop):
    path, example, leaf = case
    body = copy.deepcopy(example)
    if drop and leaf:
        parent = body
        for step in leaf[:-1]:
            parent = parent[step]
        del parent[leaf[-1]]
    else:
        body = replaced(example, leaf, junk)
    no_500(client.post(path, json=body, headers=auth))


@FUZZ
@given(query=st.dictionaries(st.sampled_from(["status", "site", "category", "ending_before",
                                               "q", "sort", "limit", "cursor", "as_of"]),
                             st.text(max_size=40), max_size=5))
def test_random_query_strings(client, auth, query):
    no_500(client.get("/api/v1/coverages", query_string=query, headers=auth))
    no_500(client.get("/api/v1/export", query_string=query, headers=auth))


@FUZZ
@given(raw=st.binary(max_size=300), content_type=st.sampled_from(
    ["application/json", "text/csv", "text/plain", "application/json; charset=gbk", ""]))
def test_raw_bytes(client, auth, raw, content_type):
    for path in ("/api/v1/coverages", "/api/v1/import", "/api/v1/devices"):
        no_500(client.post(path, data=raw, content_type=content_type, headers=auth))


def test_csv_junk_cells(client, auth):
    header = "coverage_id,title,purchase_date,kind,term_months,end_date,lifetime,layer_price"
    for cells in (["x", "t", "2026-01-01", "plan", "1e9", "", "maybe", "¥5"],
                  ["", "", "", "", "", "", "", ""], ["a", "t", "2026-13-01", "?", "", "", "", ""]):
        body = f"{header}\r\n{','.join(json.dumps(c) for c in cells)}\r\n"
        no_500(client.post("/api/v1/import", data=body.encode(), content_type="text/csv",
                           headers=auth))


def test_nul_characters_are_refused_not_stored(client, auth):
    body = copy.deepcopy(ISSUE_EXAMPLE)
    body["product"]["title"] = "fridge\x00"
    body["layers"][2]["provider"] = "\x00"
    response = client.post("/api/v1/coverages", json=body, headers=auth)
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert {"product.title", "layers.2.provider"} <= fields
