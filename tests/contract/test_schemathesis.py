"""The served OpenAPI document, checked by schemathesis with all of its checks: every generated
request, valid or not, gets an answer the document describes, and never a 5xx."""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from server import create_app
from server.db.cli import upgrade

_folder = Path(tempfile.mkdtemp(prefix="yanbao-contract-"))
_url = f"sqlite:///{_folder / 'contract.db'}"
upgrade(_url)
# PUSH_SENDING off: a generated channel URL (ntfy://x reaches ntfy.sh) must never be sent to;
# the test-send route then answers `sent: false` with the reason, as documented.
app = create_app({"TESTING": True, "DATABASE_URL": _url, "PUSH_SENDING": False,
                  "EVIDENCE_DIR": str(_folder / "evidence"),
                  "REGISTRATION_RATE_LIMIT": "100000 per minute"})
_token = app.test_client().post("/api/v1/devices", json={"name": "contract"}).get_json()["token"]
os.environ["YANBAO_CONTRACT_TOKEN"] = _token  # schemathesis.toml's [auth.openapi.BearerAuth]
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
ANSWERS: defaultdict[tuple[str, str], set[int]] = defaultdict(set)


@schema.parametrize()
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_the_document_describes_every_answer(case):
    response = case.call_and_validate()
    ANSWERS[(case.method, case.path)].add(response.status_code)


def test_the_token_reached_the_service():
    """Runs after the cases above: authenticated operations were answered, not only refused."""
    answered = {op for op, statuses in ANSWERS.items() if any(s < 300 for s in statuses)}
    assert ("GET", "/api/v1/coverages") in answered and ("POST", "/api/v1/quotes") in answered
