"""Listing: filters by status, site, category, end date and words; sorting; cursor pages."""

import pytest
from payloads import simple

URL = "/api/v1/coverages"
AS_OF = "2026-06-15"


def add(client, auth, body):
    response = client.post(URL, json=body, headers=auth)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


@pytest.fixture
def shelf(client, auth):
    """Five purchases whose cover, on 2026-06-15, is in each date-based status."""
    upcoming = simple("Future TV", "2026-07-01", 12, site="jd", category="tv")
    upcoming["layers"] = [{"kind": "plan", "term_months": 12, "starts": "on_date",
                           "start_date": "2026-07-01"}]
    refunded = simple("Returned kettle", "2026-01-01", 24, site="tmall", category="kettle")
    refunded["layers"][0]["state"] = "refunded"
    bodies = {
        "active": simple("Haier fridge", "2026-01-01", 12, site="jd", category="refrigerator",
                         brand="Haier"),
        "ending_soon": simple("Midea washer", "2025-07-01", 12, site="jd", category="washer"),
        "ended": simple("Old phone", "2024-01-01", 12, site="amazon", category="phone"),
        "upcoming": upcoming,
        "refunded": refunded,
    }
    return {status: add(client, auth, body) for status, body in bodies.items()}


def listing(client, auth, **query):
    response = client.get(URL, query_string={"as_of": AS_OF, **query}, headers=auth)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize("status", ["active", "ending_soon", "ended", "upcoming", "refunded"])
def test_status_filter(client, auth, shelf, status):
    items = listing(client, auth, status=status)["items"]
    assert [i["id"] for i in items] == [shelf[status]["id"]]
    assert items[0]["status"] == status


def test_void_filter_and_other_filters(client, auth, shelf):
    assert listing(client, auth, status="void")["items"] == []
    assert {i["id"] for i in listing(client, auth, site="jd")["items"]} == {
        shelf[s]["id"] for s in ("active", "ending_soon", "upcoming")}
    assert [i["id"] for i in listing(client, auth, category="phone")["items"]] == [
        shelf["ended"]["id"]]
    large = {shelf[s]["id"] for s in ("active", "ending_soon", "upcoming")}
    assert {i["id"] for i in listing(client, auth, category="large")["items"]} == large
    ending = listing(client, auth, ending_before="2026-07-02")["items"]
    assert {i["id"] for i in ending} == {shelf["ending_soon"]["id"], shelf["ended"]["id"]}
    assert [i["id"] for i in listing(client, auth, q="haier")["items"]] == [shelf["active"]["id"]]
    assert listing(client, auth, q="100%_")["items"] == []


@pytest.mark.parametrize(("sort", "key"), [
    ("purchase_date", lambda i: i["purchase_date"]),
    ("-purchase_date", lambda i: i["purchase_date"]),
    ("title", lambda i: i["product"]["title"]),
    ("-covered_until", lambda i: i["covered_until"] or "9999"),
])
def test_sorting(client, auth, shelf, sort, key):
    items = listing(client, auth, sort=sort)["items"]
    values = [key(i) for i in items if i["status"] != "refunded"]
    assert values == sorted(values, reverse=sort.startswith("-"))
    assert len(items) == 5


@pytest.mark.parametrize("sort", ["purchase_date", "-purchase_date", "created_at",
                                  "-created_at", "title", "-covered_until"])
def test_cursor_pages_visit_every_item_once(client, auth, sort):
    for n in range(7):
        add(client, auth, simple(f"Item {n % 3}", f"2026-0{1 + n % 2}-01", 12 + n))
    seen, cursor, pages = [], None, 0
    while True:
        page = listing(client, auth, sort=sort, limit=3, **({"cursor": cursor} if cursor else {}))
        seen += [i["id"] for i in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    everything = [i["id"] for i in listing(client, auth, sort=sort, limit=50)["items"]]
    assert seen == everything and len(set(seen)) == 7 and pages == 3


@pytest.mark.parametrize(("query", "field"), [
    ({"status": "sleeping"}, "status"),
    ({"limit": 0}, "limit"),
    ({"limit": 201}, "limit"),
    ({"sort": "price"}, "sort"),
    ({"ending_before": "soon"}, "ending_before"),
    ({"cursor": "garbage!"}, "cursor"),
    ({"unknown": "1"}, "unknown"),
])
def test_bad_query_is_422_naming_the_parameter(client, auth, query, field):
    response = client.get(URL, query_string=query, headers=auth)
    assert response.status_code == 422
    assert field in {e["field"].split(".")[-1] for e in response.get_json()["errors"]}


def test_cursor_from_another_sort_is_refused(client, auth):
    for n in range(3):
        add(client, auth, simple(f"Item {n}", "2026-01-01", 12))
    cursor = listing(client, auth, limit=1, sort="title")["next_cursor"]
    response = client.get(URL, query_string={"cursor": cursor, "sort": "-purchase_date"},
                          headers=auth)
    assert response.status_code == 422
    assert "sort" in response.get_json()["detail"]


def test_a_list_is_never_served_stale_after_a_write_by_any_worker(app, database, client, auth):
    """Two apps on one database stand in for two gunicorn workers with their own caches."""
    from server import create_app

    other = create_app({"TESTING": True, "DATABASE_URL": database}).test_client()
    first = add(client, auth, simple("Fridge", "2026-01-01", 12))
    assert [i["id"] for i in listing(other, auth)["items"]] == [first["id"]]
    client.patch(f"{URL}/{first['id']}", json={"notes": "changed"}, headers=auth)
    assert listing(other, auth)["items"][0]["notes"] == "changed"
    second = add(client, auth, simple("Washer", "2026-02-01", 12))
    assert [i["id"] for i in listing(other, auth)["items"]] == [second["id"], first["id"]]
    client.delete(f"{URL}/{first['id']}", headers=auth)
    assert [i["id"] for i in listing(other, auth)["items"]] == [second["id"]]
    export = client.get("/api/v1/export", headers=auth).get_json()
    export["coverages"][0]["notes"] = "imported"
    client.post("/api/v1/import", json=export, headers=auth)
    assert listing(other, auth)["items"][0]["notes"] == "imported"
    other.application.extensions["yanbao.db"].kw["bind"].dispose()


def test_each_account_has_its_own_list(client, auth, other_auth):
    add(client, auth, simple("Mine", "2026-01-01", 12))
    assert listing(client, other_auth)["items"] == []
    assert len(listing(client, auth)["items"]) == 1


def test_every_list_shape_reads_the_same_rows_prepared_or_through_core(app, shelf):
    """The list runs its statement on a prepared read when the driver takes its values as they
    are (the default page on SQLite and PostgreSQL), through Core otherwise (dates to convert on
    SQLite): both give the same rows, with the columns by name."""
    from datetime import date

    from sqlalchemy import select

    from server import db
    from server.db.models import Coverage
    from server.store.listing import _statement

    with app.app_context():
        account = db.session().scalar(select(Coverage.account_id).limit(1))
        values = {"account": account, "limit": 3, "today": date(2026, 6, 15),
                  "soon": date(2026, 7, 15), "site": "jd", "category": "refrigerator",
                  "subcategory": None, "ending_before": date(2026, 7, 2), "q": "%a%",
                  "after_value": "A", "after_id": 0}
        default = _statement("-purchase_date", None, False, False, False, False, False, False)
        assert isinstance(db._kept_read(default), db.PreparedRead)
        for sort in ("-purchase_date", "title", "-created_at"):
            for status in (None, "active", "refunded"):
                for site, ending, words in ((False, False, False), (True, True, True)):
                    statement = _statement(sort, status, site, False, False, ending, words,
                                           sort == "title")
                    core = db.reader().execute(statement, values).all()
                    rows = db.read_all(statement, values)
                    assert [tuple(r) for r in rows] == [tuple(r) for r in core]
                    assert [r.id for r in rows] == [r.id for r in core]
