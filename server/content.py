"""Refuse bodies in a format the endpoint does not read (415) before any parsing happens."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, request

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
