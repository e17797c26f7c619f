"""Request bodies: refused in a format the endpoint does not read (415) before any parsing, and
read as JSON in a way that answers every malformed body with a 400 that says what to fix."""

from __future__ import annotations

import json
from collections.abc import Callable

from apiflask import HTTPError
from apiflask.schema_adapters.marshmallow import parser
from flask import Flask, current_app, request
from webargs import core
from webargs.flaskparser import is_json_request

from server.body_buffer import BODY
from server.errors import problem

JSON = "application/json"


def accepts(*mimetypes: str, max_bytes: str | None = None) -> Callable:
    """Mark a view as reading these body types instead of only JSON, and optionally as taking
    bodies up to the size in config key `max_bytes` instead of MAX_CONTENT_LENGTH."""

    def mark(view: Callable) -> Callable:
        view.accepts = frozenset(mimetypes)
        view.max_bytes = max_bytes
        return view

    return mark


def _has_body() -> bool:
    return bool(request.content_length) or request.headers.get("Transfer-Encoding") == "chunked"


def init_app(app: Flask) -> None:
    @app.before_request
    def _check_content_type():
        if request.method not in ("POST", "PUT", "PATCH") or not _has_body():
            return None
        view = current_app.view_functions.get(request.endpoint)
        if getattr(view, "max_bytes", None):
            request.max_content_length = current_app.config[view.max_bytes]
        allowed = getattr(view, "accepts", frozenset({JSON}))
        if request.mimetype not in allowed:
            listed = " or ".join(sorted(allowed))
            return problem(415, f"Send the body as {listed} (Content-Type header), "
                                f"not {request.mimetype or 'without a type'}.")
        return None


@parser.location_loader("json")
def _load_json(req, _schema):
    """APIFlask's JSON loader, without its two ways to a 500: a body nested about a thousand
    levels deep (RecursionError) and a number over 4,300 digits (ValueError)."""
    if not is_json_request(req):
        return core.missing
    raw = req.environ.get(BODY)  # the whole body, read by server.body_buffer
    limit = req.max_content_length
    if raw is None or (limit is not None and len(raw) > limit):
        raw = req.get_data(cache=True)  # werkzeug's stream, which answers 413 over the limit
    try:
        return json.loads(raw)
    except RecursionError:
        raise HTTPError(400, "The JSON is nested too deeply; no request needs more than a few "
                             "levels.") from None
    except UnicodeDecodeError:
        raise HTTPError(400, "The body is not UTF-8; send JSON encoded as UTF-8.") from None
    except json.JSONDecodeError as bad:
        raise HTTPError(400, f"The body is not valid JSON: {bad.msg} at line {bad.lineno}, "
                             f"column {bad.colno}.") from None
    except ValueError:  # Python refuses to convert integers of more than 4,300 digits
        raise HTTPError(400, "A number in the JSON has thousands of digits; send numbers of "
                             "ordinary size.") from None
