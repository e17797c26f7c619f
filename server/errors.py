"""Every error leaves the service as application/problem+json (RFC 9457).

Validation errors carry `errors: [{field, message}]` with dotted paths such as
`layers.2.term_months`, so a client can point at the exact input to fix.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from typing import Any

from apiflask import APIFlask, HTTPError
from flask import Response, json
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from server import i18n

log = logging.getLogger(__name__)
PROBLEM = "application/problem+json"

_DETAILS = {
    400: "The request could not be read; send a JSON body that matches the API document.",
    401: "Send a valid device token: 'Authorization: Bearer <token>' from POST /api/v1/devices.",
    404: "No such object here.",
    405: "This path does not accept that method; see /api/v1/openapi.json.",
    413: "The request body is too large.",
    415: "Send the body as JSON with 'Content-Type: application/json'.",
    429: "Too many requests; wait and try again.",
}


def problem(status: int, detail: str | None = None, *, errors=None, headers=None) -> Response:
    """The one error shape, in the language the request prefers (see server.i18n)."""
    lang = i18n.language()
    detail = detail or _DETAILS.get(status, HTTP_STATUS_CODES.get(status, "Error"))
    if errors:
        translated = [{**e, "message": i18n.translate(e["message"], lang)} for e in errors]
        prefix, _, rest = detail.rpartition(summary(errors))
        detail = (i18n.translate(prefix.strip(), lang) + " " if prefix.strip() else "") + (
            summary(translated, lang) if not rest else i18n.translate(detail, lang))
        errors = translated
    else:
        detail = i18n.translate(detail, lang)
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body, ensure_ascii=False), status, mimetype=PROBLEM)
    response.headers.extend(headers or {})
    response.headers["Content-Language"] = "zh" if lang == "zh" else "en"
    response.vary.add("Accept-Language")
    return response


class Invalid(HTTPError):
    """A request that passed the schema but breaks a domain rule (422 with the field)."""

    def __init__(self, field: str, message: str):
        super().__init__(422, message, detail={"errors": [{"field": field, "message": message}]})


def flatten(messages: Any, prefix: str = "") -> Iterator[dict[str, str]]:
    """Marshmallow's nested {field: {index: {field: [msg]}}} to [{field: 'a.0.b', message}]."""
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            name = prefix if key == "_schema" else f"{prefix}.{key}" if prefix else str(key)
            yield from flatten(value, name)
    elif isinstance(messages, list | tuple):
        for item in messages:
            yield from flatten(item, prefix)
    else:
        yield {"field": prefix or "body", "message": str(messages)}


def _validation_errors(detail: Any) -> list[dict[str, str]]:
    errors = []
    for location, messages in (detail or {}).items():
        if location == "errors":
            return list(messages)
        prefix = "" if location in ("json", "form", "form_and_files", "files") else location
        errors.extend(flatten(messages, prefix))
    return errors


def summary(errors: list[dict[str, str]], lang: str = "en") -> str:
    """The first error as a sentence, and how many more there are."""
    first = errors[0]
    more = i18n.more(len(errors) - 1, lang) if len(errors) > 1 else ""
    return f"{first['field']}: {first['message']}{more}"



def init_app(app: APIFlask) -> None:
    @app.error_processor
    def _http_error(error: HTTPError) -> Response:
        if error.status_code == 422:
            errors = _validation_errors(error.detail)
            return problem(422, summary(errors) if errors else error.message, errors=errors)
        detail = error.message if error.message not in HTTP_STATUS_CODES.values() else None
        return problem(error.status_code, detail, headers=error.headers)

    @app.errorhandler(IntegrityError)
    def _integrity(error: IntegrityError) -> Response:
        log.info("integrity error: %s", error.orig.__class__.__name__)
        return problem(409, "This conflicts with data already stored; nothing was changed.")

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return problem(error.code or 500)
        log.exception("unhandled error")
        return problem(500, "Something went wrong on our side; nothing was changed.")
