"""The OpenAPI document is served, describes every route, and matches what views return."""

import re

import pytest
from payloads import ISSUE_EXAMPLE

from server.schemas.coverages import CoverageOut, TimelineOut
from server.schemas.devices import RegisterOut


def test_openapi_document_describes_every_api_route(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.") and spec["info"]["title"] == "Yanbao API"
    documented = {(path, method.upper()) for path, item in spec["paths"].items()
                  for method in item}
    for rule in app.url_map.iter_rules():
        if (not rule.rule.startswith("/api/v1/") or rule.endpoint.startswith("openapi")
                or rule.rule.startswith("/api/v1/docs")):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented
    create = spec["paths"]["/api/v1/coverages"]["post"]
    assert "requestBody" in create and "201" in create["responses"]
    assert "BearerAuth" in str(spec["components"]["securitySchemes"]) or spec["components"][
        "securitySchemes"]


def test_docs_page_is_browsable(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200 and b"openapi.json" in page.data


def keys_match(schema, body, where="body"):
    """Every key the view returned is declared by its output schema, recursively."""
    declared = schema.fields
    assert set(body) == set(declared), f"{where}: {set(body) ^ set(declared)}"
    for name, field in declared.items():
        nested = getattr(field, "inner", field)
        if hasattr(nested, "schema") and body[name] is not None:
            values = body[name] if isinstance(body[name], list) else [body[name]]
            for value in values:
                keys_match(nested.schema, value, f"{where}.{name}")


def test_views_return_what_the_schemas_document(client, devices):
    registered = devices.register()
    keys_match(RegisterOut(), registered)
    auth = {"Authorization": f"Bearer {registered['token']}"}
    record = client.post("/api/v1/coverages", json=ISSUE_EXAMPLE, headers=auth).get_json()
    keys_match(CoverageOut(), record)
    timeline = client.get(f"/api/v1/coverages/{record['id']}/timeline", headers=auth).get_json()
    keys_match(TimelineOut(), timeline)


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.get_json()["status"] in ("ok", "ready")


def test_unknown_path_and_method_are_problems(client):
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    wrong = client.put("/api/v1/devices", json={})
    assert wrong.status_code == 405 and wrong.mimetype == "application/problem+json"


def test_every_error_is_documented_as_a_problem(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], (
                        path, method, status)
            if "requestBody" in operation:
                assert {"400", "413", "415"} <= set(operation["responses"]), (path, method)
    assert "429" in spec["paths"]["/api/v1/devices"]["post"]["responses"]


def test_options_lists_only_the_methods_a_path_has(client):
    allowed = client.options("/api/v1/devices/pairing-codes").headers["Allow"]
    assert set(allowed.split(", ")) == {"OPTIONS", "POST"}


def test_the_docs_page_loads_nothing_from_elsewhere(client):
    """Offline, or where the usual CDN is blocked, the docs page still works."""
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert len(assets) >= 3
    for url in assets:
        assert url.startswith("/api/v1/docs/assets/"), url
        response = client.get(url)
        assert response.status_code == 200 and response.get_data(), url
        response.close()
