"""The OpenAPI document says what the service really answers: every error is
application/problem+json with one schema, and the statuses a request can meet before any view
runs (400 unreadable body, 408/413 body too slow or too large, 415 wrong type, 429 rate limit)
are listed on the operations they apply to. The docs page's Swagger UI is served from the
swagger-ui-bundle package, so it works offline and where the usual CDN is blocked."""

from __future__ import annotations

from typing import Any

import swagger_ui_bundle
from apiflask import APIFlask
from flask import send_from_directory

from server.errors import PROBLEM

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "example": "about:blank"},
        "title": {"type": "string", "example": "Unprocessable Entity"},
        "status": {"type": "integer", "example": 422},
        "detail": {"type": "string", "description": "What went wrong and what to fix."},
        "errors": {
            "type": "array",
            "description": "For invalid input: one entry per field to fix.",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": "string", "example": "layers.2.term_months"},
                    "message": {"type": "string"},
                    "row": {"type": "integer", "nullable": True,
                            "description": "CSV imports: the row."},
                    "column": {"type": "string", "nullable": True,
                               "description": "CSV imports: the column."},
                },
            },
        },
    },
}
_WITH_BODY = {
    "400": "The body could not be read: not UTF-8, not valid JSON, nested too deeply.",
    "408": "The body did not arrive in time.",
    "413": "The body is larger than this endpoint takes.",
    "415": "The body is not in a format this endpoint reads (see Content-Type).",
}
# Answers in a second format, which @output (one schema, one type) cannot state.
_ALSO = {("/api/v1/export", "get", "200"): {
    "text/csv": {"schema": {"type": "string", "description": "?format=csv: one row per layer."}}}}
_RATE_LIMITED = {("/api/v1/devices", "post"): "Too many registrations from this address; "
                 "see the Retry-After header."}


ASSETS = "/api/v1/docs/assets"


def init_app(app: APIFlask) -> None:
    app.config.update(
        VALIDATION_ERROR_SCHEMA=PROBLEM_SCHEMA, HTTP_ERROR_SCHEMA=PROBLEM_SCHEMA,
        OPENAPI_VERSION="3.0.3",  # what the packaged Swagger UI (4.x) renders
        SWAGGER_UI_CSS=f"{ASSETS}/swagger-ui.css",
        SWAGGER_UI_BUNDLE_JS=f"{ASSETS}/swagger-ui-bundle.js",
        SWAGGER_UI_STANDALONE_PRESET_JS=f"{ASSETS}/swagger-ui-standalone-preset.js",
        DOCS_FAVICON=f"{ASSETS}/favicon-32x32.png",
    )

    @app.get(f"{ASSETS}/<path:name>")
    @app.doc(hide=True)
    def docs_asset(name: str):
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, name, max_age=86400)

    @app.spec_processor
    def _errors_as_problems(spec: dict[str, Any]) -> dict[str, Any]:
        spec.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        for path, operations in spec.get("paths", {}).items():
            for method, operation in operations.items():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                _document(operation, path, method)
        return spec


def _document(operation: dict, path: str, method: str) -> None:
    responses = operation["responses"]
    extra = dict(_WITH_BODY) if "requestBody" in operation else {}
    if (path, method) in _RATE_LIMITED:
        extra["429"] = _RATE_LIMITED[(path, method)]
    for status, description in extra.items():
        responses.setdefault(status, {"description": description})
    for status, response in responses.items():
        response.setdefault("content", {}).update(_ALSO.get((path, method, status), {}))
        if status.isdigit() and int(status) >= 400:
            response["content"] = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
