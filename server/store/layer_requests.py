"""What refund cases and repair claims share: the error a request about a layer answers, and
finding a coverage's layer by its public id."""

from __future__ import annotations

from server.db.models import Coverage, CoverageLayer


class LayerRequestError(Exception):
    """A request the store refuses: the status to answer, the field to name, the message."""

    def __init__(self, status: int, field: str, message: str):
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


def layer_by_id(coverage: Coverage, public_id: str) -> CoverageLayer | None:
    return next((row for row in coverage.layers if row.public_id == public_id), None)
