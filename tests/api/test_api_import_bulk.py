"""Large imports in one go, ids across accounts and files, and the bulk loader's equivalence to
marshmallow's own loop (issue 12: defects 5, 11 and 12)."""

import contextlib
import copy
import http.client
import json
import threading
import urllib.request
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError
from payloads import ISSUE_EXAMPLE, coverage, simple

from server.schemas.lean import BulkLoad
from server.schemas.transfer import ExportCoverage, ExportFile, load_export_file
from server.store.coverages import layer_row
from server.store.transfer import layer_values
from testkit.service import running_service


def export(client, auth) -> dict:
    response = client.get("/api/v1/export", headers=auth)
    assert response.status_code == 200
    return response.get_json()


def import_file(client, auth, body):
    return client.post("/api/v1/import", json=body, headers=auth)


def a_file(items) -> dict:
    return {"format": "yanbao-export", "version": 1, "coverages": items}


def without_ids(items) -> list[dict]:
    return sorted(({**i, "id": None, "layers": [{**layer, "id": None} for layer in i["layers"]]}
                   for i in items), key=lambda i: (i["created_at"], i["product"]["title"]))


def test_the_same_file_twice_into_a_new_account_replaces(client, auth, other_auth):
    for body in (ISSUE_EXAMPLE, simple("电视", "2025-03-01", 24)):
        assert client.post("/api/v1/coverages", json=body, headers=auth).status_code == 201
    exported = export(client, auth)
    assert import_file(client, other_auth, exported).get_json() == {"imported": 2, "replaced": 0}
    first = export(client, other_auth)["coverages"]
    assert import_file(client, other_auth, exported).get_json() == {"imported": 0, "replaced": 2}
    again = export(client, other_auth)["coverages"]
    assert len(again) == 2
    assert {i["id"] for i in again} == {i["id"] for i in first}  # the same rows, replaced
    assert {i["id"] for i in again}.isdisjoint({i["id"] for i in exported["coverages"]})
    assert without_ids(again) == without_ids(exported["coverages"])
    # The new account's own export comes back onto the same rows, too.
    assert import_file(client, other_auth, export(client, other_auth)).get_json() == {
        "imported": 0, "replaced": 2}
    assert len(export(client, auth)["coverages"]) == 2  # the first account is untouched


def test_an_id_used_twice_in_one_file_is_named_and_nothing_is_imported(client, auth):
    twin = str(uuid.uuid4())
    layer_id = str(uuid.uuid4())
    first = coverage(id=twin)
    first["layers"][0]["id"] = layer_id
    second = coverage(id=twin)
    second["layers"][1]["id"] = layer_id
    response = import_file(client, auth, a_file([first, second]))
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert fields == {"coverages.1.id", "coverages.1.layers.1.id"}
    assert "Nothing was imported" in response.get_json()["detail"]
    assert export(client, auth)["coverages"] == []


def test_thousands_of_coverages_import_in_one_transaction(client, auth, other_auth):
    items = []
    for n in range(2_000):
        bought = f"20{20 + n % 6}-0{1 + n % 9}-1{n % 10}"
        item = coverage(id=str(uuid.uuid4()), purchase_date=bought, tags=[f"t{n % 7}"],
                        notes=None if n % 2 else f"note {n}")
        item["product"]["title"] = f"Fridge {n}"
        item["layers"] = item["layers"][: 1 + n % 3]
        items.append(item)
    assert import_file(client, auth, a_file(items)).get_json() == {"imported": 2_000,
                                                                   "replaced": 0}
    stored = export(client, auth)["coverages"]
    assert [i["id"] for i in stored] == [i["id"] for i in items]  # file order, file ids
    assert sum(len(i["layers"]) for i in stored) == sum(len(i["layers"]) for i in items)
    page = client.get("/api/v1/coverages?limit=5&sort=-covered_until", headers=auth).get_json()
    assert page["items"][0]["covered_until"] == "2035-09-19"  # 120-month compressor layer
    # A bad item at the end of a big file leaves everything as it was.
    items[-1] = coverage(layers=[{"kind": "plan", "term_months": 1,
                                  "starts": "after_manufacturer"}])
    response = import_file(client, auth, a_file(items))
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "coverages.1999.layers.0.starts"
    assert export(client, auth)["coverages"] == stored
    assert import_file(client, other_auth, a_file(items[:-1])).get_json() == {
        "imported": 1_999, "replaced": 0}


LAYERS = [*ISSUE_EXAMPLE["layers"],
          {"kind": "plan", "lifetime": True, "plan_kind": "replace", "component": " Door  Seal ",
           "state": "void", "notes": "-note"},
          {"kind": "card", "term_months": 12, "cancellation": {"less_claims": False}},
          {"kind": "plan", "end_date": "2030-01-01", "starts": "on_date",
           "start_date": "2026-05-01"}]


@pytest.mark.parametrize("layer", LAYERS)
def test_bulk_layer_columns_are_the_ones_layer_row_sets(layer):
    loaded = BulkLoad(ExportCoverage()).load(coverage(layers=[layer]))["layers"][0]
    values = layer_values(loaded, 3)
    row = layer_row(loaded, 3)
    assert values == {name: getattr(row, name) for name in values}


# The bulk loader must answer exactly what marshmallow answers: the same item, or the same
# messages. Items are drawn from valid ones with values swapped for odd ones.
ODD = st.one_of(st.none(), st.booleans(), st.integers(-3, 3000), st.floats(allow_nan=False),
                st.sampled_from(["", " ", "12", "CNY", "cny", "2024-02-30", "2024-02-29",
                                 "plan", "after_manufacturer", "on_date", "199.00", "1,99",
                                 "x" * 41, "\x00", "https://a.example/", "true"]),
                st.text(max_size=5), st.lists(st.sampled_from(["a", "", "b"]), max_size=3),
                st.dictionaries(st.sampled_from(["kind", "x"]), st.just("plan"), max_size=2))
PATHS = [("product", "title"), ("product", "price"), ("product", "currency"),
         ("product", "category"), ("product", "url"), ("product", "extra"),
         ("purchase_date",), ("tags",), ("notes",), ("id",), ("created_at",), ("surprise",),
         ("layers", 0, "kind"), ("layers", 0, "term_months"), ("layers", 1, "component"),
         ("layers", 2, "starts"), ("layers", 2, "price"), ("layers", 2, "cancellation"),
         ("layers", 2, "cancellation", "fee"), ("layers", 1, "lifetime"), ("layers", 0, "id")]


def _swap(item: dict, path: tuple, value) -> dict:
    item = copy.deepcopy(item)
    target = item
    for step in path[:-1]:
        target = target[step] if isinstance(target, dict | list) else None
    if isinstance(target, dict):
        target[path[-1]] = value
    return item


def _outcome(schema, item):
    try:
        return "ok", schema.load(copy.deepcopy(item))
    except ValidationError as bad:
        return "bad", bad.messages


BULK = BulkLoad(ExportCoverage())  # shared on purpose: remembered values carry over


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), ODD), max_size=3),
       st.sampled_from([ISSUE_EXAMPLE, simple("电视", "2025-03-01", 24),
                        coverage(tags=["a", "b"], id=str(uuid.uuid4()))]))
def test_bulk_loader_answers_what_marshmallow_answers(swaps, base):
    item = base
    for path, value in swaps:
        if path[0] != "layers" or path[1] < len(item["layers"]):
            item = _swap(item, path, value)
    assert _outcome(BULK, item) == _outcome(ExportCoverage(), item)


ENVELOPES = st.fixed_dictionaries({}, optional={
    "format": st.sampled_from(["yanbao-export", "other", 1]),
    "version": st.sampled_from([1, 2, "1", True]),
    "exported_at": st.sampled_from(["2026-01-01T00:00:00Z", "yesterday", None]),
    "surprise": st.just(1)})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ENVELOPES, st.lists(st.tuples(st.integers(0, 2), st.sampled_from(PATHS), ODD),
                           max_size=4),
       st.lists(st.sampled_from([None, 7, "x", []]), max_size=2))
def test_a_file_is_loaded_as_marshmallow_loads_it(envelope, swaps, odd_items):
    """The whole file, item by item with the bulk loader, answers what one marshmallow load of
    ExportFile answers: the same items, or the same messages at the same paths."""
    items = [ISSUE_EXAMPLE, simple("电视", "2025-03-01", 24),
             coverage(tags=["a", "b"], id=str(uuid.uuid4()))]
    for index, path, value in swaps:
        if path[0] != "layers" or path[1] < len(items[index]["layers"]):
            items[index] = _swap(items[index], path, value)
    body = {"format": "yanbao-export", "version": 1, **envelope,
            "coverages": items + odd_items}
    try:
        bulk = "ok", load_export_file(copy.deepcopy(body), BULK)
    except ValidationError as bad:
        bulk = "bad", bad.messages
    whole = _outcome(ExportFile(), body)
    assert bulk == (whole if whole[0] == "bad" else ("ok", whole[1]["coverages"]))


def test_a_file_with_many_bad_coverages_names_the_first_hundred(client, auth):
    items = [simple(f"TV {n}", "2025-01-01", 12) for n in range(300)]
    for item in items[100:]:
        item["purchase_date"] = "someday"
    response = import_file(client, auth, a_file(items))
    assert response.status_code == 422
    fields = [e["field"] for e in response.get_json()["errors"]]
    assert fields[:100] == [f"coverages.{n}.purchase_date" for n in range(100, 200)]
    assert fields[100:] == ["coverages"]
    assert "Stopped after 100 coverages" in response.get_json()["errors"][100]["message"]
    rows = "title,purchase_date\r\n" + "".join(
        f"TV {n},{'someday' if n >= 100 else '2025-01-01'}\r\n" for n in range(300))
    response = client.post("/api/v1/import", data=rows.encode(), headers=auth,
                           content_type="text/csv")
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert [e["row"] for e in errors[:100]] == list(range(102, 202))
    assert {e["column"] for e in errors[:100]} == {"purchase_date"}
    assert "Stopped after 100 coverages" in errors[100]["message"] and len(errors) == 101
    assert export(client, auth)["coverages"] == []


def test_more_coverages_than_a_file_may_hold_is_a_422_before_any_work(client, auth,
                                                                       monkeypatch):
    monkeypatch.setattr("server.api.transfer.MAX_COVERAGES", 3)
    items = [simple(f"Fridge {n}", "2025-01-01", 12) for n in range(4)]
    response = import_file(client, auth, a_file(items))
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == "coverages"
    rows = "title,purchase_date\r\n" + "".join(f"TV {n},2025-01-01\r\n" for n in range(4))
    response = client.post("/api/v1/import", data=rows.encode(), headers=auth,
                           content_type="text/csv")
    assert response.status_code == 422
    assert (response.get_json()["errors"][0]["row"]) == 5
    assert export(client, auth)["coverages"] == []


@pytest.mark.slow
def test_healthz_is_answered_on_the_same_gevent_worker_while_a_large_import_runs():
    """One gunicorn worker (the production gevent class) busy with a 30,000-coverage import
    keeps answering /healthz: the import yields between batches. Health checks are counted
    from the moment the whole file has been sent until the import's answer arrives; a worker
    that held the CPU for the whole import would answer at most the one check racing it."""
    items = [simple(f"Fridge {n}", "2025-01-01", 12) for n in range(30_000)]
    body = json.dumps(a_file(items)).encode()
    with running_service("yanbao-import-", {"WEB_CONCURRENCY": "1"}) as service:
        token = _register(service.port)
        sent, answered, outcome = threading.Event(), threading.Event(), {}

        def import_it():
            connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=300)
            with contextlib.closing(connection):
                connection.request("POST", "/api/v1/import", body=body, headers={
                    "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
                sent.set()
                response = connection.getresponse()
                outcome.update(status=response.status, body=json.loads(response.read()))
            answered.set()

        worker = threading.Thread(target=import_it)
        worker.start()
        assert sent.wait(120)
        checks_during_import = 0
        while not answered.is_set():
            with urllib.request.urlopen(f"{service.url}/healthz", timeout=300) as response:
                assert response.status == 200
            if not answered.is_set():
                checks_during_import += 1
        worker.join()
    assert outcome == {"status": 200, "body": {"imported": 30_000, "replaced": 0}}
    assert checks_during_import >= 5


def _register(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    with contextlib.closing(connection):
        connection.request("POST", "/api/v1/devices", body=json.dumps({"name": "import"}),
                           headers={"Content-Type": "application/json"})
        return json.loads(connection.getresponse().read())["token"]
