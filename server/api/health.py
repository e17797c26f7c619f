"""Liveness and readiness: /healthz answers without touching the database, /readyz with it."""

from __future__ import annotations

from apiflask import APIBlueprint
from sqlalchemy import text

from server import db

bp = APIBlueprint("health", __name__, tag="Health")


@bp.get("/healthz")
@bp.doc(summary="The process is up")
def healthz():
    return {"status": "ok"}


@bp.get("/readyz")
@bp.doc(summary="The database answers")
def readyz():
    db.session().execute(text("SELECT 1"))
    return {"status": "ready"}
