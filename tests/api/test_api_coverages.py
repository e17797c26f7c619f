"""/api/v1/coverages: the issue's example, CRUD, validation, idempotency, the timeline."""

import pytest
from payloads import ISSUE_EXAMPLE, coverage, simple

URL = "/api/v1/coverages"


def create(client, auth, body=None, **kw):
    response = client.post(URL, json=body or ISSUE_EXAMPLE, headers=auth, **kw)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_issue_example_dates(client, auth):
    record = create(client, auth)
    whole, compressor, plan = record["layers"]
    assert (whole["starts_on"], whole["ends_on"]) == ("2024-02-29", "2025-02-28")
    assert compressor["ends_on"] == "2034-02-28"
    assert (plan["starts_on"], plan["ends_on"]) == ("2025-03-01", "2027-02-28")
    assert plan["added_months"] == "24.0"
    assert plan["price"] == "199.00" and plan["currency"] == "CNY"
    assert plan["cancellation"] == {"full_refund_days": 30, "after": "prorated", "fee": "0.00",
                                    "less_claims": None}
    assert record["product"] == {**ISSUE_EXAMPLE["product"], "serial": None}
    assert record["id"] and record["covered_until"] == "2034-02-28"
    assert record["whole_unit_until"] == "2027-02-28"  # the plan; the compressor runs to 2034


def test_get_put_patch_delete(client, auth):
    record = create(client, auth)
    item = f"{URL}/{record['id']}"
    assert client.get(item, headers=auth).get_json() == record

    body = coverage(order_ref="JD-0002", tags=["kitchen"], notes="receipt in drawer")
    body["layers"] = body["layers"][:1]
    replaced = client.put(item, json=body, headers=auth).get_json()
    assert replaced["order_ref"] == "JD-0002" and len(replaced["layers"]) == 1
    assert replaced["tags"] == ["kitchen"] and replaced["notes"] == "receipt in drawer"

    patched = client.patch(item, json={"notes": None, "product": {"serial": "SN-1"}},
                           headers=auth).get_json()
    assert patched["notes"] is None and patched["product"]["serial"] == "SN-1"
    assert patched["product"]["title"] == ISSUE_EXAMPLE["product"]["title"]
    assert patched["order_ref"] == "JD-0002" and len(patched["layers"]) == 1
    assert patched["updated_at"] >= record["updated_at"]

    assert client.delete(item, headers=auth).status_code == 204
    assert client.get(item, headers=auth).status_code == 404
    assert client.delete(item, headers=auth).status_code == 404


def test_put_without_optional_fields_clears_them(client, auth):
    record = create(client, auth)
    body = {"product": {"title": "just a title"}, "purchase_date": "2025-01-01"}
    cleared = client.put(f"{URL}/{record['id']}", json=body, headers=auth).get_json()
    assert cleared["order_ref"] is None and cleared["layers"] == []
    assert cleared["product"]["price"] is None and cleared["status"] == "void"


def test_layers_default_sensibly(client, auth):
    body = simple("TV", "2026-01-10", 12)
    body["layers"].append({"kind": "card", "term_months": 12})
    body["layers"].append({"kind": "plan", "lifetime": True, "component": "  Panel  "})
    record = create(client, auth, body)
    card, plan = record["layers"][1:]
    assert card["starts"] == "after_manufacturer" and card["starts_on"] == "2027-01-11"
    assert plan["plan_kind"] == "extended" and plan["component"] == "panel"
    assert plan["ends_on"] is None and plan["days_left"] is None
    assert plan["added_months"] is None  # lifetime: unbounded
    assert record["covered_until"] is None


def test_money_keeps_currency_precision(client, auth):
    body = simple("Camera", "2026-01-01", 12, price="129800", currency="jpy")
    record = create(client, auth, body)
    assert record["product"]["price"] == "129800" and record["product"]["currency"] == "JPY"


def errors_of(response):
    assert response.status_code == 422, response.get_json()
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 422 and body["title"] and body["detail"]
    return {e["field"]: e["message"] for e in body["errors"]}


def with_layer(**layer):
    body = coverage()
    body["layers"] = [{"kind": "manufacturer", "term_months": 12}, layer]
    return body


BAD_BODIES = {
    "missing product": ({"purchase_date": "2026-01-01"}, "product"),
    "missing title": (coverage(product={"site": "jd"}), "product.title"),
    "empty title": (coverage(product={"title": ""}), "product.title"),
    "bad date": (coverage(purchase_date="2026-02-30"), "purchase_date"),
    "ancient date": (coverage(purchase_date="1900-01-01"), "purchase_date"),
    "float price": (coverage(product={"title": "x", "price": 19.9, "currency": "CNY"}),
                    "product.price"),
    "negative price": (coverage(product={"title": "x", "price": "-1", "currency": "CNY"}),
                       "product.price"),
    "price without currency": (coverage(product={"title": "x", "price": "1.00"}),
                               "product.currency"),
    "unknown currency": (coverage(product={"title": "x", "price": "1", "currency": "RMB"}),
                         "product.currency"),
    "too many decimals": (coverage(product={"title": "x", "price": "1.005", "currency": "CNY"}),
                          "product.price"),
    "site with spaces": (coverage(product={"title": "x", "site": "J D"}), "product.site"),
    "javascript url": (coverage(product={"title": "x", "url": "javascript:alert(1)"}),
                       "product.url"),
    "unknown field": (coverage(colour="red"), "colour"),
    "layers not a list": (coverage(layers={"kind": "plan"}), "layers"),
    "unknown kind": (with_layer(kind="insurance", term_months=12), "layers.1.kind"),
    "no term": (with_layer(kind="plan"), "layers.1.term_months"),
    "two terms": (with_layer(kind="plan", term_months=12, lifetime=True), "layers.1.term_months"),
    "negative term": (with_layer(kind="plan", term_months=-1), "layers.1.term_months"),
    "string term": (with_layer(kind="plan", term_months="two years"), "layers.1.term_months"),
    "plan_kind on warranty": (with_layer(kind="card", term_months=12, plan_kind="extended"),
                              "layers.1.plan_kind"),
    "bad starts": (with_layer(kind="plan", term_months=12, starts="tomorrow"),
                   "layers.1.starts"),
    "on_date without date": (with_layer(kind="plan", term_months=12, starts="on_date"),
                             "layers.1.start_date"),
    "start before purchase": (with_layer(kind="plan", term_months=12, starts="on_date",
                                         start_date="2020-01-01"), "layers.1.start_date"),
    "end before start": (with_layer(kind="plan", end_date="2020-01-01"), "layers.1.end_date"),
    "bad cancellation": (with_layer(kind="plan", term_months=12,
                                    cancellation={"after": "sometimes"}),
                         "layers.1.cancellation.after"),
    "after manufacturer without one": (
        coverage(layers=[{"kind": "plan", "term_months": 12, "starts": "after_manufacturer"}]),
        "layers.0.starts"),
    "too many tags": (coverage(tags=[f"t{i}" for i in range(21)]), "tags"),
}


@pytest.mark.parametrize("case", BAD_BODIES, ids=list(BAD_BODIES))
def test_bad_input_names_the_field_and_changes_nothing(client, auth, case):
    body, field = BAD_BODIES[case]
    existing = create(client, auth)
    assert field in errors_of(client.post(URL, json=body, headers=auth))
    assert field in errors_of(client.put(f"{URL}/{existing['id']}", json=body, headers=auth))
    listing = client.get(URL, headers=auth).get_json()
    assert listing["items"] == [client.get(f"{URL}/{existing['id']}", headers=auth).get_json()]
    assert listing["items"][0]["updated_at"] == existing["updated_at"]


def test_patch_with_bad_layers_changes_nothing(client, auth):
    record = create(client, auth)
    bad = {"order_ref": "changed", "layers": [{"kind": "plan", "term_months": 12,
                                              "starts": "after_manufacturer"}]}
    assert "layers.0.starts" in errors_of(
        client.patch(f"{URL}/{record['id']}", json=bad, headers=auth))
    assert client.get(f"{URL}/{record['id']}", headers=auth).get_json() == record


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_body_that_is_not_json_gets_415(client, auth, method):
    record = create(client, auth)
    path = URL if method == "post" else f"{URL}/{record['id']}"
    response = getattr(client, method)(path, data="title=fridge", headers=auth,
                                       content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response.mimetype == "application/problem+json"
    assert "application/json" in response.get_json()["detail"]


def test_malformed_json_gets_a_4xx_problem(client, auth):
    response = client.post(URL, data="{not json", headers=auth, content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.mimetype == "application/problem+json"


def test_body_over_the_limit_gets_413(app, client, auth):
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    body = coverage(notes="x" * 9_000, product={"title": "y" * 2_000})
    response = client.post(URL, json=body, headers=auth)
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"
    assert client.get(URL, headers=auth).get_json()["items"] == []


def test_idempotency_key_makes_retries_safe(client, auth):
    headers = {**auth, "Idempotency-Key": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}
    first = client.post(URL, json=ISSUE_EXAMPLE, headers=headers)
    again = client.post(URL, json=ISSUE_EXAMPLE, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["id"] == again.get_json()["id"]
    assert len(client.get(URL, headers=auth).get_json()["items"]) == 1
    other = {**auth, "Idempotency-Key": "another"}
    assert client.post(URL, json=ISSUE_EXAMPLE, headers=other).status_code == 201


def test_idempotency_keys_are_per_account(client, auth, other_auth):
    key = {"Idempotency-Key": "same-key"}
    mine = client.post(URL, json=ISSUE_EXAMPLE, headers={**auth, **key}).get_json()
    theirs = client.post(URL, json=ISSUE_EXAMPLE, headers={**other_auth, **key})
    assert theirs.status_code == 201 and theirs.get_json()["id"] != mine["id"]


def test_timeline_rows_gaps_overlaps_and_status(client, auth):
    body = coverage(layers=[
        {"kind": "manufacturer", "term_months": 12},
        {"kind": "manufacturer", "component": "compressor", "term_months": 120},
        {"kind": "plan", "term_months": 24, "starts": "on_date", "start_date": "2025-06-01"},
        {"kind": "statutory", "term_months": 12},
    ])
    record = create(client, auth, body)
    timeline = client.get(f"{URL}/{record['id']}/timeline?as_of=2025-04-01",
                          headers=auth).get_json()
    assert timeline["as_of"] == "2025-04-01"
    whole, compressor = timeline["rows"]
    assert whole["component"] == "whole unit" and compressor["component"] == "compressor"
    assert whole["gaps"] == [{"starts_on": "2025-03-01", "ends_on": "2025-05-31", "layers": []}]
    assert compressor["gaps"] == []
    ids = [layer["id"] for layer in record["layers"]]
    assert {"starts_on": "2024-02-29", "ends_on": "2025-02-28", "layers": [ids[0], ids[3]]} in (
        whole["overlaps"])
    statuses = {s["kind"] + s["component"]: s["status"] for s in compressor["segments"]}
    assert statuses == {"manufacturerwhole unit": "ended", "manufacturercompressor": "active",
                        "planwhole unit": "upcoming", "statutorywhole unit": "ended"}
    plan = next(s for s in whole["segments"] if s["kind"] == "plan")
    assert plan["days_left"] == (731 + 60)  # 2025-04-01 → 2027-05-31
    assert plan["added_months"] == "24.0"


def test_timeline_rejects_a_bad_as_of(client, auth):
    record = create(client, auth)
    response = client.get(f"{URL}/{record['id']}/timeline?as_of=someday", headers=auth)
    assert "as_of" in {e["field"].split(".")[-1] for e in response.get_json()["errors"]}


def test_refunded_plan_status(client, auth):
    body = coverage()
    body["layers"][2]["state"] = "refunded"
    record = create(client, auth, body)
    assert record["layers"][2]["status"] == "refunded"
    assert record["layers"][2]["added_months"] == "0"


@pytest.mark.parametrize(("sent", "code", "family"), [
    ({"category": "refrigerator"}, "large", "refrigerator"),
    ({"category": "冰箱"}, "large", "refrigerator"),
    ({"category": "TV"}, "large", "tv"),
    ({"category": "Digital", "subcategory": "phone"}, "digital", "phone"),
    ({"category": "washing_machine"}, "large", "washing_machine"),
])
def test_product_category_is_a_code_with_a_subcategory(client, auth, sent, code, family):
    """The same product shape as detect and quotes: free text that names a family is coded."""
    body = simple("Something bought", "2026-01-01", 12, **sent)
    response = client.post("/api/v1/coverages", json=body, headers=auth)
    assert response.status_code == 201, response.get_json()
    product = response.get_json()["product"]
    assert (product["category"], product["subcategory"]) == (code, family)


def test_a_category_that_names_no_product_family_is_422(client, auth):
    body = simple("Something bought", "2026-01-01", 12, category="gizmo")
    response = client.post("/api/v1/coverages", json=body, headers=auth)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "product.category"
    assert "refrigerator" in response.get_json()["errors"][0]["message"]
    assert client.get("/api/v1/coverages", headers=auth).get_json()["items"] == []


def test_patching_the_category_keeps_or_derives_the_subcategory(client, auth):
    created = client.post("/api/v1/coverages", json=coverage(), headers=auth).get_json()
    url = f"/api/v1/coverages/{created['id']}"
    renamed = client.patch(url, json={"product": {"title": "Fridge"}}, headers=auth).get_json()
    assert renamed["product"]["subcategory"] == "refrigerator"
    recoded = client.patch(url, json={"product": {"category": "空调"}}, headers=auth).get_json()
    assert (recoded["product"]["category"], recoded["product"]["subcategory"]) == (
        "large", "air_conditioner")
