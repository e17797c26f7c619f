"""/api/v1/devices: tokens shown once and stored hashed, pairing codes, revocation, limits."""

import hashlib
import os
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from server import create_app, db
from server.db.models import Device, PairingCode

URL = "/api/v1/devices"


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_register_returns_a_token_stored_only_as_a_hash(app, client, devices):
    body = devices.register("Firefox on my laptop")
    token = body["token"]
    assert token.startswith("ybt_") and len(token) > 40
    assert body["device"]["name"] == "Firefox on my laptop" and body["device"]["current"]
    with app.app_context():
        stored = db.session().scalar(select(Device))
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in {str(v) for v in vars(stored).values()}
    listed = client.get(URL, headers=bearer(token)).get_json()["items"]
    assert [d["name"] for d in listed] == ["Firefox on my laptop"]
    assert "token" not in listed[0]


def test_two_registrations_are_two_accounts(client, devices):
    first, second = devices.register("a"), devices.register("b")
    assert first["account_id"] != second["account_id"]
    assert len(client.get(URL, headers=bearer(first["token"])).get_json()["items"]) == 1


def test_pairing_code_joins_the_account_once(client, devices):
    first = devices.register("laptop")
    made = client.post(f"{URL}/pairing-codes", headers=bearer(first["token"]))
    assert made.status_code == 201
    code = made.get_json()["code"]
    assert len(code) == 9 and code[4] == "-"
    second = devices.register("phone", pairing_code=code.lower().replace("-", " "))
    assert second["account_id"] == first["account_id"]
    names = {d["name"]: d["current"] for d in
             client.get(URL, headers=bearer(second["token"])).get_json()["items"]}
    assert names == {"laptop": False, "phone": True}
    again = client.post(URL, json={"name": "tablet", "pairing_code": code})
    assert again.status_code == 422
    assert again.get_json()["errors"][0]["field"] == "pairing_code"


def test_expired_or_wrong_pairing_code_is_refused(app, client, devices):
    first = devices.register("laptop")
    code = client.post(f"{URL}/pairing-codes", headers=bearer(first["token"])).get_json()["code"]
    with app.app_context():
        session = db.session()
        row = session.scalar(select(PairingCode))
        session.execute(update(PairingCode).values(expires_at=row.expires_at - timedelta(hours=1)))
        session.commit()
    for attempt in (code, "AAAA-AAAA"):
        response = client.post(URL, json={"name": "phone", "pairing_code": attempt})
        assert response.status_code == 422
        assert "expired" in response.get_json()["detail"]


def test_revoked_device_token_stops_working(client, devices):
    first = devices.register("laptop")
    code = client.post(f"{URL}/pairing-codes", headers=bearer(first["token"])).get_json()["code"]
    second = devices.register("phone", pairing_code=code)
    gone = client.delete(f"{URL}/{second['device']['id']}", headers=bearer(first["token"]))
    assert gone.status_code == 204
    assert client.get(URL, headers=bearer(second["token"])).status_code == 401
    assert [d["name"] for d in
            client.get(URL, headers=bearer(first["token"])).get_json()["items"]] == ["laptop"]
    assert client.delete(f"{URL}/{second['device']['id']}",
                         headers=bearer(first["token"])).status_code == 404


def test_another_accounts_device_cannot_be_revoked(client, devices):
    mine, theirs = devices.register("mine"), devices.register("theirs")
    response = client.delete(f"{URL}/{theirs['device']['id']}", headers=bearer(mine["token"]))
    assert response.status_code == 404
    assert client.get(URL, headers=bearer(theirs["token"])).status_code == 200


@pytest.mark.parametrize("body, field", [
    ({}, "name"),
    ({"name": ""}, "name"),
    ({"name": "x" * 81}, "name"),
    ({"name": 42}, "name"),
    ({"name": "ok", "pairing_code": "1"}, "pairing_code"),
    ({"name": "ok", "admin": True}, "admin"),
])
def test_bad_registration_is_422_and_creates_nothing(app, client, body, field):
    response = client.post(URL, json=body)
    assert response.status_code == 422
    assert field in {e["field"] for e in response.get_json()["errors"]}
    with app.app_context():
        assert db.session().scalar(select(Device)) is None


def test_registration_needs_json(client):
    response = client.post(URL, data="name=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


@pytest.fixture
def limited_app(database):
    made = []

    def make(storage):
        made.append(create_app({"TESTING": True, "DATABASE_URL": database,
                       "REGISTRATION_RATE_LIMIT": "3 per minute",
                       "RATELIMIT_STORAGE_URI": storage,
                       "RATELIMIT_KEY_PREFIX": f"yanbao-test-{uuid.uuid4().hex}"}))
        return made[-1]

    yield make
    for app in made:
        app.extensions["yanbao.db"].kw["bind"].dispose()


def exhaust(app):
    client = app.test_client()
    codes = [client.post(URL, json={"name": f"d{i}"}).status_code for i in range(4)]
    assert codes == [201, 201, 201, 429]
    response = client.post(URL, json={"name": "late"})
    assert response.mimetype == "application/problem+json"
    assert "Retry-After" in response.headers


def test_registration_is_rate_limited_in_memory(limited_app):
    exhaust(limited_app("memory://"))


def test_registration_is_rate_limited_in_redis(limited_app):
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.skip("TEST_REDIS_URL is not set: Redis rate-limit storage test SKIPPED")
    exhaust(limited_app(redis_url))


def test_revocation_reaches_every_worker_at_once(app, database, devices):
    """Two apps on one database stand in for two gunicorn workers (or two hosts)."""
    other_worker = create_app({"TESTING": True, "DATABASE_URL": database}).test_client()
    first = devices.register("laptop")
    code = devices.client.post(f"{URL}/pairing-codes",
                               headers=bearer(first["token"])).get_json()["code"]
    second = devices.register("phone", pairing_code=code)
    assert other_worker.get(URL, headers=bearer(second["token"])).status_code == 200
    devices.client.delete(f"{URL}/{second['device']['id']}", headers=bearer(first["token"]))
    assert devices.client.get(URL, headers=bearer(second["token"])).status_code == 401
    assert other_worker.get(URL, headers=bearer(second["token"])).status_code == 401
    other_worker.application.extensions["yanbao.page_reader"].close()
    other_worker.application.extensions["yanbao.db"].kw["bind"].dispose()


def test_pairing_codes_die_with_a_revoked_device(client, devices):
    """A revoked device's codes cannot add a device to the account, even one made a moment
    before the revocation."""
    first, second = devices.register("laptop"), None
    code = client.post(f"{URL}/pairing-codes", headers=bearer(first["token"])).get_json()["code"]
    second = devices.register("phone", pairing_code=code)
    minted = client.post(f"{URL}/pairing-codes",
                         headers=bearer(second["token"])).get_json()["code"]
    client.delete(f"{URL}/{second['device']['id']}", headers=bearer(first["token"]))
    joined = client.post(URL, json={"name": "intruder", "pairing_code": minted})
    assert joined.status_code == 422
    listed = client.get(URL, headers=bearer(first["token"])).get_json()["items"]
    assert [d["name"] for d in listed] == ["laptop"]
