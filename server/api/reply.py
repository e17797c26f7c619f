"""Views build their JSON themselves (fast, and checked against the schemas by a test); a
Response object tells APIFlask to skip its own serialisation while @output still documents."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify


def reply(body: Any, status: int = 200) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response


def no_content() -> Response:
    return Response(status=204)
