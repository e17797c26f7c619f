"""Views build their JSON themselves (fast, and checked against the schemas by a test); a
Response object tells APIFlask to skip its own serialisation while @output still documents."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify

from server.errors import Invalid, problem
from server.store.layer_requests import LayerRequestError


def reply(body: Any, status: int = 200) -> Response:
    response = jsonify(body)
    response.status_code = status
    return response


def no_content() -> Response:
    return Response(status=204)


def refused(error: LayerRequestError) -> Response:
    """A refund-case or claim request the store refused: a 422 through the usual field errors,
    any other status as a problem naming the field."""
    if error.status == 422:
        raise Invalid(error.field, error.message)
    return problem(error.status, error.message,
                   errors=[{"field": error.field, "message": error.message}])
