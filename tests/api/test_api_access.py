"""Every protected path: 401 without a valid token, 404 for another account's objects."""

import io

import pytest
from payloads import ISSUE_EXAMPLE

from server import create_app

OBJECT_PATHS = [
    ("GET", "/api/v1/coverages/{coverage}"),
    ("PUT", "/api/v1/coverages/{coverage}"),
    ("PATCH", "/api/v1/coverages/{coverage}"),
    ("DELETE", "/api/v1/coverages/{coverage}"),
    ("GET", "/api/v1/coverages/{coverage}/timeline"),
    ("DELETE", "/api/v1/devices/{device}"),
    ("POST", "/api/v1/reminders/{reminder}/ack"),
    ("POST", "/api/v1/reminders/{reminder}/snooze"),
    ("POST", "/api/v1/coverages/{coverage}/refund-cases"),
    ("GET", "/api/v1/refund-cases/{case}"),
    ("POST", "/api/v1/refund-cases/{case}/transitions"),
    ("GET", "/api/v1/channels/{channel}"),
    ("DELETE", "/api/v1/channels/{channel}"),
    ("POST", "/api/v1/channels/{channel}/test"),
    ("POST", "/api/v1/refund-cases/{case}/evidence"),
    ("GET", "/api/v1/refund-cases/{case}/evidence"),
    ("GET", "/api/v1/refund-cases/{case}/letter"),
    ("GET", "/api/v1/evidence/{evidence}"),
    ("DELETE", "/api/v1/evidence/{evidence}"),
    ("POST", "/api/v1/coverages/{coverage}/claims"),
    ("GET", "/api/v1/claims/{claim}"),
    ("POST", "/api/v1/claims/{claim}/events"),
]
COLLECTION_PATHS = [
    ("GET", "/api/v1/coverages"),
    ("POST", "/api/v1/coverages"),
    ("GET", "/api/v1/devices"),
    ("POST", "/api/v1/devices/pairing-codes"),
    ("GET", "/api/v1/export"),
    ("POST", "/api/v1/import"),
    ("POST", "/api/v1/quotes"),
    ("POST", "/api/v1/pages/detect"),
    ("GET", "/api/v1/products/jd/1/offers/history"),
    ("GET", "/api/v1/account"),
    ("PATCH", "/api/v1/account"),
    ("GET", "/api/v1/reminders"),
    ("GET", "/api/v1/refund-cases"),
    ("GET", "/api/v1/refund-guides/taobao"),
    ("GET", "/api/v1/calendar"),
    ("POST", "/api/v1/calendar/rotate"),
    ("GET", "/api/v1/channels"),
    ("POST", "/api/v1/channels"),
    ("GET", "/api/v1/claims"),
]
# Bodies valid for the paths that do not take a coverage, so ownership, not input, is tested.
BODIES = {"/api/v1/coverages/{coverage}/refund-cases": {"route": "plan_only"},
          "/api/v1/refund-cases/{case}/transitions": {"to": "withdrawn"},
          "/api/v1/coverages/{coverage}/claims": {"fault": "no cooling"},
          "/api/v1/claims/{claim}/events": {"kind": "refused"}}
# Paths that read multipart/form-data: sent a valid form, so ownership, not format, is tested.
FORMS = {"/api/v1/refund-cases/{case}/evidence"}
PUBLIC = {("POST", "/api/v1/devices"), ("GET", "/healthz"), ("GET", "/readyz"),
          ("GET", "/api/v1/openapi.json"), ("GET", "/api/v1/docs"),
          ("GET", "/api/v1/docs/assets/<path:name>"), ("GET", "/api/v1/catalog/plans"),
          ("GET", "/calendar/<secret>.ics")}  # the secret is the credential (test_calendar.py)


def test_the_lists_above_cover_every_route():
    app = create_app({"DATABASE_URL": "sqlite://"})
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "oauth2" in rule.rule:
            continue
        path = rule.rule.replace("<coverage_id>", "{coverage}")
        path = path.replace("<uuid:device_id>", "{device}").replace("<reminder_id>", "{reminder}")
        path = path.replace("<site>", "jd").replace("<item_id>", "1")
        path = path.replace("<case_id>", "{case}").replace("<platform>", "taobao")
        path = path.replace("<channel_id>", "{channel}")
        path = path.replace("<evidence_id>", "{evidence}").replace("<claim_id>", "{claim}")
        routes |= {(m, path) for m in rule.methods - {"HEAD", "OPTIONS"}}
    listed = set(OBJECT_PATHS) | set(COLLECTION_PATHS) | PUBLIC
    assert routes == listed, "update the access lists when a route is added"


def send(client, method, path, ids, headers):
    if method == "POST" and path in FORMS:
        form = {"kind": "contract", "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "c.pdf")}
        return client.open(path.format(**ids), method=method, data=form, headers=headers,
                           content_type="multipart/form-data")
    return client.open(path.format(**ids), method=method, json=BODIES.get(path, ISSUE_EXAMPLE),
                       headers=headers)


@pytest.fixture
def owned(client, devices):
    owner = devices.register("owner")
    headers = {"Authorization": f"Bearer {owner['token']}"}
    created = client.post("/api/v1/coverages", json=ISSUE_EXAMPLE, headers=headers).get_json()
    upcoming = client.get("/api/v1/reminders?state=upcoming", headers=headers).get_json()
    case = client.post(f"/api/v1/coverages/{created['id']}/refund-cases",
                       json={"route": "plan_only"}, headers=headers).get_json()
    channel = client.post("/api/v1/channels", json={"url": "json://hooks.example.com/y"},
                          headers=headers).get_json()
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    evidence = client.post(f"/api/v1/refund-cases/{case['id']}/evidence", headers=headers,
                           data={"kind": "contract", "file": (io.BytesIO(png), "c.png")},
                           content_type="multipart/form-data").get_json()
    claim = client.post(f"/api/v1/coverages/{created['id']}/claims", headers=headers,
                        json={"fault": "no cooling"}).get_json()
    return {"coverage": created["id"], "device": owner["device"]["id"], "case": case["id"],
            "evidence": evidence["id"], "claim": claim["id"], "channel": channel["id"],
            "headers": headers, "reminder": upcoming["items"][0]["id"]}


@pytest.mark.parametrize(("method", "path"), OBJECT_PATHS + COLLECTION_PATHS)
@pytest.mark.parametrize("authorization", [None, "Bearer ", "Bearer ybt_not-a-real-token",
                                           "Basic dXNlcjpwYXNz", "ybt_missing-scheme"])
def test_without_a_valid_token_401(client, owned, method, path, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = send(client, method, path, owned, headers)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert "token" in response.get_json()["detail"]


@pytest.mark.parametrize(("method", "path"), OBJECT_PATHS)
def test_another_accounts_object_is_404_and_unchanged(client, owned, other_auth, method, path):
    before = client.get(f"/api/v1/coverages/{owned['coverage']}", headers=owned["headers"])
    case_before = client.get(f"/api/v1/refund-cases/{owned['case']}", headers=owned["headers"])
    response = send(client, method, path, owned, other_auth)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    after = client.get(f"/api/v1/coverages/{owned['coverage']}", headers=owned["headers"])
    assert after.get_json() == before.get_json()
    case_after = client.get(f"/api/v1/refund-cases/{owned['case']}", headers=owned["headers"])
    assert case_after.get_json() == case_before.get_json()
    claim = client.get(f"/api/v1/claims/{owned['claim']}", headers=owned["headers"]).get_json()
    assert claim["events"] == [] and claim["id"] == owned["claim"]
    assert client.get("/api/v1/devices", headers=owned["headers"]).status_code == 200
    assert client.get(f"/api/v1/channels/{owned['channel']}",
                      headers=owned["headers"]).status_code == 200


@pytest.mark.parametrize(("method", "path"), OBJECT_PATHS)
def test_missing_object_is_404(client, auth, method, path):
    ids = {"coverage": "00000000-0000-4000-8000-000000000000", "device": "nope",
           "evidence": "00000000-0000-4000-8000-000000000000",
           "claim": "00000000-0000-4000-8000-000000000000",
           "reminder": "00000000-0000-4000-8000-000000000000",
           "case": "00000000-0000-4000-8000-000000000000",
           "channel": "00000000-0000-4000-8000-000000000000"}
    response = send(client, method, path, ids, auth)
    assert response.status_code == 404


def test_other_account_sees_none_of_my_coverages(client, owned, other_auth):
    assert client.get("/api/v1/coverages", headers=other_auth).get_json()["items"] == []
    exported = client.get("/api/v1/export", headers=other_auth).get_json()
    assert exported["coverages"] == []


def test_cors_allows_extension_origins_only(client):
    ok = client.get("/healthz", headers={"Origin": "chrome-extension://abcdefghijklmnop"})
    api = client.options("/api/v1/coverages", headers={
        "Origin": "chrome-extension://abcdefghijklmnop",
        "Access-Control-Request-Method": "POST"})
    assert api.headers.get("Access-Control-Allow-Origin") == "chrome-extension://abcdefghijklmnop"
    evil = client.options("/api/v1/coverages", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in evil.headers
    assert ok.status_code == 200
