"""Export and import: JSON round trip loses nothing; a bad file imports nothing."""

import csv
import io

import pytest
from payloads import ISSUE_EXAMPLE, coverage, simple

from server.serialize.csv_file import COLUMNS


def fill(client, auth):
    tricky = coverage(notes="line one\nline two, with \"quotes\"", tags=["kitchen", "海尔"],
                      order_ref="=HYPERLINK(\"x\")")
    tricky["layers"].append({"kind": "plan", "lifetime": True, "plan_kind": "replace",
                             "component": "door seal", "state": "void", "notes": "-note"})
    tricky["layers"].append({"kind": "card", "term_months": 12,
                             "cancellation": {"less_claims": False}})
    bodies = [ISSUE_EXAMPLE, tricky, {"product": {"title": "No layers"},
                                      "purchase_date": "2025-05-05"},
              simple("JPY camera", "2026-01-01", 12, price="98000", currency="JPY")]
    for body in bodies:
        assert client.post("/api/v1/coverages", json=body, headers=auth).status_code == 201


def export(client, auth, fmt="json"):
    response = client.get(f"/api/v1/export?format={fmt}", headers=auth)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    return response


def everything(client, auth):
    return client.get("/api/v1/coverages?limit=200&sort=created_at", headers=auth).get_json()


def test_json_round_trip_into_a_new_account_loses_nothing(client, auth, other_auth):
    fill(client, auth)
    exported = export(client, auth).get_json()
    assert exported["format"] == "yanbao-export" and len(exported["coverages"]) == 4
    result = client.post("/api/v1/import", json=exported, headers=other_auth)
    assert result.get_json() == {"imported": 4, "replaced": 0}
    again = export(client, other_auth).get_json()

    def strip_ids(items):
        out = []
        for item in items:
            item = {**item, "id": None,
                    "layers": [{**layer, "id": None} for layer in item["layers"]]}
            out.append(item)
        return sorted(out, key=lambda i: i["created_at"])

    assert strip_ids(again["coverages"]) == strip_ids(exported["coverages"])


def test_json_reimport_into_the_same_account_replaces_exactly(client, auth):
    fill(client, auth)
    exported = export(client, auth).get_json()
    before = everything(client, auth)
    for item in before["items"]:
        client.delete(f"/api/v1/coverages/{item['id']}", headers=auth)
    assert client.post("/api/v1/import", json=exported, headers=auth).get_json()["imported"] == 4
    assert everything(client, auth) == before
    replaced = client.post("/api/v1/import", json=exported, headers=auth).get_json()
    assert replaced == {"imported": 0, "replaced": 4}
    assert everything(client, auth) == before
    assert export(client, auth).get_json()["coverages"] == exported["coverages"]


def test_csv_has_one_row_per_layer_and_round_trips(client, auth, other_auth):
    fill(client, auth)
    data = export(client, auth, "csv").get_data()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read Chinese
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 3 + 5 + 1 + 1  # layers per coverage; one row for a coverage without
    assert any(r["order_ref"] == "'=HYPERLINK(\"x\")" for r in rows)  # no formula injection
    result = client.post("/api/v1/import", data=text.encode(), headers=other_auth,
                         content_type="text/csv")
    assert result.get_json() == {"imported": 4, "replaced": 0}, result.get_json()
    mine, theirs = export(client, auth).get_json(), export(client, other_auth).get_json()

    def comparable(items):
        return sorted(({**i, "id": None, "layers": [{**layer, "id": None}
                                                     for layer in i["layers"]]} for i in items),
                      key=lambda i: i["created_at"])

    assert comparable(theirs["coverages"]) == comparable(mine["coverages"])


def bad_csv(client, auth):
    fill(client, auth)
    text = export(client, auth, "csv").get_data().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def to_text(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def test_csv_errors_name_row_and_column_and_import_nothing(client, auth, other_auth):
    rows = bad_csv(client, auth)
    header = rows[0]
    rows[2][header.index("term_months")] = "twelve"
    rows[4][header.index("layer_price")] = "1,99"
    rows[5][header.index("purchase_date")] = "yesterday"
    response = client.post("/api/v1/import", data=to_text(rows), headers=other_auth,
                           content_type="text/csv")
    assert response.status_code == 422
    found = {(e["row"], e["column"]) for e in response.get_json()["errors"]}
    assert (3, "term_months") in found and (5, "layer_price") in found
    assert any(column == "purchase_date" for _, column in found)
    assert "Nothing was imported" in response.get_json()["detail"]
    assert export(client, other_auth).get_json()["coverages"] == []


@pytest.mark.parametrize("mutation", ["header", "mismatch", "encoding", "empty"])
def test_csv_structural_problems(client, auth, other_auth, mutation):
    rows = bad_csv(client, auth)
    if mutation == "header":
        rows[0][1] = "name"
        data = to_text(rows)
    elif mutation == "mismatch":
        rows[2][rows[0].index("title")] = "another title"
        data = to_text(rows)
    elif mutation == "encoding":
        data = "title,purchase_date\n冰箱,2026-01-01\n".encode("gbk")
    else:
        data = b""
    response = client.post("/api/v1/import", data=data, headers=other_auth,
                           content_type="text/csv")
    assert response.status_code in (415, 422), response.get_json()
    assert response.get_json()["detail"]
    assert export(client, other_auth).get_json()["coverages"] == []


def test_csv_written_by_hand_groups_rows_by_coverage_id(client, auth):
    text = ("coverage_id,title,purchase_date,kind,term_months,component\r\n"
            "a,冰箱,2026-01-01,manufacturer,12,\r\n"
            "a,冰箱,2026-01-01,manufacturer,120,compressor\r\n"
            ",电视,2026-02-01,manufacturer,24,\r\n")
    response = client.post("/api/v1/import", data=text.encode(), headers=auth,
                           content_type="text/csv")
    assert response.get_json() == {"imported": 2, "replaced": 0}
    items = everything(client, auth)["items"]
    assert sorted(len(i["layers"]) for i in items) == [1, 2]


@pytest.mark.parametrize(("body", "field"), [
    ({"format": "something", "version": 1, "coverages": []}, "format"),
    ({"format": "yanbao-export", "version": 9, "coverages": []}, "version"),
    ({"format": "yanbao-export", "version": 1}, "coverages"),
    ({"format": "yanbao-export", "version": 1,
      "coverages": [ISSUE_EXAMPLE, {"product": {}, "purchase_date": "2026-01-01"}]},
     "coverages.1.product.title"),
    ({"format": "yanbao-export", "version": 1,
      "coverages": [coverage(layers=[{"kind": "plan", "term_months": 1,
                                      "starts": "after_manufacturer"}])]},
     "coverages.0.layers.0.starts"),
])
def test_bad_json_file_names_the_field_and_imports_nothing(client, auth, body, field):
    response = client.post("/api/v1/import", json=body, headers=auth)
    assert response.status_code == 422
    assert field in {e["field"] for e in response.get_json()["errors"]}
    assert export(client, auth).get_json()["coverages"] == []


def test_import_refuses_other_body_types_and_bad_export_format(client, auth):
    assert client.post("/api/v1/import", data="x", headers=auth,
                       content_type="text/plain").status_code == 415
    assert client.get("/api/v1/export?format=xml", headers=auth).status_code == 422


def test_import_size_limit(app, client, auth):
    app.config["MAX_IMPORT_BYTES"] = 1000
    body = {"format": "yanbao-export", "version": 1, "coverages": [coverage(notes="x" * 2000)]}
    response = client.post("/api/v1/import", json=body, headers=auth)
    assert response.status_code == 413
    assert export(client, auth).get_json()["coverages"] == []


def _muted_and_not(client, auth):
    """Two purchases whose warranties end in 20 days, the second muted."""
    from datetime import date, timedelta
    ends = (date.today() + timedelta(days=20)).isoformat()
    ids = []
    for title in ("Loud fridge", "Quiet fridge"):
        body = {"product": {"title": title}, "purchase_date": "2025-06-01",
                "layers": [{"kind": "manufacturer", "end_date": ends}]}
        ids.append(client.post("/api/v1/coverages", json=body, headers=auth).get_json()["id"])
    muted = client.patch(f"/api/v1/coverages/{ids[1]}", json={"reminders_muted": True},
                         headers=auth)
    assert muted.status_code == 200 and muted.get_json()["reminders_muted"] is True


def _muted_titles(client, auth):
    items = everything(client, auth)["items"]
    return {i["product"]["title"]: i["reminders_muted"] for i in items}


def _due_titles(client, auth):
    due = client.get("/api/v1/reminders?state=due", headers=auth).get_json()["items"]
    titles = {i["id"]: i["product"]["title"] for i in everything(client, auth)["items"]}
    return {titles[r["coverage_id"]] for r in due}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_muted_reminders_survive_export_and_import(client, auth, other_auth, fmt):
    _muted_and_not(client, auth)
    response = export(client, auth, fmt)
    if fmt == "json":
        items = response.get_json()["coverages"]
        assert sorted(i["reminders_muted"] for i in items) == [False, True]
        result = client.post("/api/v1/import", json=response.get_json(), headers=other_auth)
    else:
        rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"),
                                               newline="")))
        assert sorted(r["reminders_muted"] for r in rows) == ["false", "true"]
        result = client.post("/api/v1/import", data=response.get_data(), headers=other_auth,
                             content_type="text/csv")
    assert result.get_json() == {"imported": 2, "replaced": 0}, result.get_json()
    assert _muted_titles(client, other_auth) == {"Loud fridge": False, "Quiet fridge": True}
    assert _due_titles(client, other_auth) == {"Loud fridge"}  # the muted one stays silent


def test_importing_over_a_muted_coverage_sets_it_as_the_file_says(client, auth):
    _muted_and_not(client, auth)
    exported = export(client, auth).get_json()
    for item in exported["coverages"]:
        item["reminders_muted"] = not item["reminders_muted"]
    result = client.post("/api/v1/import", json=exported, headers=auth)
    assert result.get_json() == {"imported": 0, "replaced": 2}
    assert _muted_titles(client, auth) == {"Loud fridge": True, "Quiet fridge": False}
    assert _due_titles(client, auth) == {"Quiet fridge"}
    for item in exported["coverages"]:
        del item["reminders_muted"]  # a file from before the field: not muted
    client.post("/api/v1/import", json=exported, headers=auth)
    assert _muted_titles(client, auth) == {"Loud fridge": False, "Quiet fridge": False}


def test_a_bad_muted_value_is_named_and_imports_nothing(client, auth, other_auth):
    _muted_and_not(client, auth)
    exported = export(client, auth).get_json()
    exported["coverages"][1]["reminders_muted"] = "sometimes"
    response = client.post("/api/v1/import", json=exported, headers=other_auth)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "coverages.1.reminders_muted"
    text = export(client, auth, "csv").get_data().decode("utf-8-sig").replace(",true,", ",maybe,")
    response = client.post("/api/v1/import", data=text.encode(), headers=other_auth,
                           content_type="text/csv")
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["column"] == "reminders_muted"
    assert everything(client, other_auth)["items"] == []
