"""The served OpenAPI document, checked by schemathesis with all of its checks: every generated
request, valid or not, gets an answer the document describes, and never a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from server import create_app
from server.db.cli import upgrade

_folder = Path(tempfile.mkdtemp(prefix="yanbao-contract-"))
_url = f"sqlite:///{_folder / 'contract.db'}"
upgrade(_url)
app = create_app({"TESTING": True, "DATABASE_URL": _url,
                  "REGISTRATION_RATE_LIMIT": "100000 per minute"})
_token = app.test_client().post("/api/v1/devices", json={"name": "contract"}).get_json()["token"]
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@schema.parametrize()
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_the_document_describes_every_answer(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {_token}"})
