"""An Idempotency-Key replays its record only for the same body (issue 12, defect 8)."""

import json

from payloads import ISSUE_EXAMPLE, coverage
from sqlalchemy import update

from server.db.models import Coverage

URL = "/api/v1/coverages"


def count(client, auth) -> int:
    return len(client.get(URL, headers=auth).get_json()["items"])


def test_the_same_key_with_another_body_is_refused_naming_the_key(client, auth):
    headers = {**auth, "Idempotency-Key": "order-42"}
    first = client.post(URL, json=ISSUE_EXAMPLE, headers=headers)
    assert first.status_code == 201
    second_purchase = coverage(purchase_date="2025-06-01")
    refused = client.post(URL, json=second_purchase, headers=headers)
    assert refused.status_code == 422
    assert refused.mimetype == "application/problem+json"
    error = refused.get_json()["errors"][0]
    assert error["field"] == "Idempotency-Key" and "order-42" in error["message"]
    assert count(client, auth) == 1
    # The same body, even with its keys in another order and other spacing, still replays.
    reordered = json.dumps(dict(reversed(list(ISSUE_EXAMPLE.items()))), indent=2)
    again = client.post(URL, data=reordered, headers=headers, content_type="application/json")
    assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"]
    assert client.post(URL, json=second_purchase, headers={
        **auth, "Idempotency-Key": "order-43"}).status_code == 201
    assert count(client, auth) == 2


def test_a_key_stored_before_digests_replays_as_it_did(app, client, auth):
    headers = {**auth, "Idempotency-Key": "old-key"}
    first = client.post(URL, json=ISSUE_EXAMPLE, headers=headers).get_json()
    engine = app.extensions["yanbao.db"].kw["bind"]
    with engine.begin() as connection:
        connection.execute(update(Coverage).values(idempotency_digest=None))
    again = client.post(URL, json=coverage(purchase_date="2025-06-01"), headers=headers)
    assert again.status_code == 200 and again.get_json()["id"] == first["id"]
