"""Coverages: one record per product bought, with its layers of cover, and its timeline."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

from apiflask import APIBlueprint, abort
from flask import Response, current_app, request
from marshmallow import RAISE, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from server import db
from server.api.reply import no_content, reply
from server.auth import auth, current_account_id
from server.db.models import Coverage, utcnow
from server.domain.timeline import TimelineError
from server.errors import Invalid
from server.schemas import examples
from server.schemas.coverages import (
    AsOfQuery,
    CoverageIn,
    CoverageList,
    CoverageOut,
    CoveragePatch,
    ListQuery,
    TimelineOut,
    check_product_money,
)
from server.serialize import cache
from server.serialize import coverages as serialize
from server.store import evidence, reminders
from server.store.coverages import PRODUCT_FIELDS, apply_input
from server.store.listing import BadCursor, Filters, list_page

bp = APIBlueprint("coverages", __name__, tag="Coverages")
IDEMPOTENCY_HEADER = "Idempotency-Key"


def today(as_of: date | None = None) -> date:
    return as_of or datetime.now(UTC).date()


def soon_days() -> int:
    return current_app.config["ENDING_SOON_DAYS"]


def owned(coverage_id: str) -> Coverage:
    """Another account's coverage answers 404 exactly like a missing one."""
    coverage = db.session().scalar(select(Coverage).where(
        Coverage.public_id == coverage_id, Coverage.account_id == current_account_id()))
    if coverage is None:
        abort(404, "No coverage with this id in your account.")
    return coverage


def apply(coverage: Coverage, data: dict) -> None:
    try:
        apply_input(coverage, data)
    except TimelineError as error:
        db.session().rollback()
        raise Invalid(error.field, error.message) from None


def respond(coverage: Coverage, status: int = 200):
    body = cache.records().one(coverage, today(), soon_days())
    return Response(body, status, mimetype="application/json")


def _idempotency_key() -> tuple[str | None, str | None]:
    """The request's key and the SHA-256 of its body (as canonical JSON: key order and spacing
    do not count), or (None, None)."""
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is not None and not 1 <= len(key.strip()) <= 100:
        raise Invalid(IDEMPOTENCY_HEADER, "Use a key of 1 to 100 characters, e.g. a UUID.")
    if not key:
        return None, None
    body = json.dumps(request.get_json(silent=True), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return key.strip(), hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def _replayed(key: str | None, digest: str | None) -> Coverage | None:
    """The record a key made, when the body is the same; another body with it is refused, as
    payment APIs do, rather than answered with a record that is not what was sent. Records
    made before digests were kept replay for any body."""
    if key is None:
        return None
    existing = db.session().scalar(select(Coverage).where(
        Coverage.account_id == current_account_id(), Coverage.idempotency_key == key))
    if existing is not None and existing.idempotency_digest not in (None, digest):
        raise Invalid(IDEMPOTENCY_HEADER, f"The key '{key}' was already used with a different "
                      "request body. Send a new key for a new purchase, or the first body again "
                      "to get its record.")
    return existing


@bp.post("/coverages")
@bp.auth_required(auth)
@bp.input(CoverageIn, arg_name="body", example=examples.COVERAGE)
@bp.output(CoverageOut, status_code=201)
@bp.doc(summary="Record a purchase and its layers of cover",
        description=f"Send an `{IDEMPOTENCY_HEADER}` header to make retries safe: a repeat with "
        "the same key and the same body answers the stored record (200) instead of creating "
        "another; the same key with a different body answers 422.")
def create(body):
    key, digest = _idempotency_key()
    if (existing := _replayed(key, digest)) is not None:
        return respond(existing)
    session = db.session()
    coverage = Coverage(account_id=current_account_id(), idempotency_key=key,
                        idempotency_digest=digest, reminders_muted=False)
    apply(coverage, body)
    session.add(coverage)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        if (existing := _replayed(key, digest)) is None:
            raise
        return respond(existing)
    reminders.reschedule(session, coverage)
    return respond(coverage, 201)


@bp.get("/coverages")
@bp.auth_required(auth)
@bp.input(ListQuery, location="query", arg_name="query", unknown=RAISE)
@bp.output(CoverageList)
@bp.doc(summary="List coverages with filters, a sort order and cursor pagination")
def list_coverages(query):
    day = today(query["as_of"])
    filters = Filters(query["status"], query["site"], query["category"], query["subcategory"],
                      query["ending_before"], query["q"])
    try:
        rows, next_cursor = list_page(
            db.read_all, current_account_id(), filters, sort=query["sort"],
            limit=query["limit"], cursor=query["cursor"], today=day, soon_days=soon_days())
    except BadCursor as bad:
        raise Invalid("cursor", str(bad)) from None
    fragments = cache.records().many(db.session, rows, day, soon_days())
    return Response(cache.join_list(fragments, next_cursor), mimetype="application/json")


@bp.get("/coverages/<coverage_id>")
@bp.auth_required(auth)
@bp.output(CoverageOut)
@bp.doc(summary="One coverage with its dated layers")
def get_coverage(coverage_id: str):
    return respond(owned(coverage_id))


@bp.get("/coverages/<coverage_id>/timeline")
@bp.auth_required(auth)
@bp.input(AsOfQuery, location="query", arg_name="query", unknown=RAISE)
@bp.output(TimelineOut)
@bp.doc(summary="Rows per component with each layer's segment, the gaps and the overlaps")
def get_timeline(coverage_id: str, query):
    coverage = owned(coverage_id)
    return reply(serialize.timeline(coverage, today(query["as_of"]), soon_days()))


@bp.put("/coverages/<coverage_id>")
@bp.auth_required(auth)
@bp.input(CoverageIn, arg_name="body")
@bp.output(CoverageOut)
@bp.doc(summary="Replace a coverage (every field; omitted optional fields are cleared)")
def replace(coverage_id: str, body):
    return _update(owned(coverage_id), body)


@bp.patch("/coverages/<coverage_id>")
@bp.auth_required(auth)
@bp.input(CoveragePatch, arg_name="body")
@bp.output(CoverageOut)
@bp.doc(summary="Change some fields; `layers`, when given, replaces all layers",
        description="`reminders_muted: true` silences the coverage's reminders (they stay "
        "scheduled, and come back as they were with false).")
def patch(coverage_id: str, body):
    coverage = owned(coverage_id)
    if "reminders_muted" in body:
        coverage.reminders_muted = body.pop("reminders_muted")
    if "product" in body:
        merged = {name: getattr(coverage, name) for name in PRODUCT_FIELDS}
        merged.update(body["product"])
        try:
            check_product_money(merged)
        except ValidationError as bad:
            field = f"product.{bad.field_name}" if bad.field_name != "_schema" else "product"
            raise Invalid(field, bad.messages[0]) from None
        body["product"] = merged
    return _update(coverage, body)


def _update(coverage: Coverage, body: dict):
    apply(coverage, body)
    coverage.updated_at = utcnow()
    session = db.session()
    session.flush()
    reminders.reschedule(session, coverage)  # same unit of work: no stale reminder survives
    return respond(coverage)


@bp.delete("/coverages/<coverage_id>")
@bp.auth_required(auth)
@bp.output({}, status_code=204)
@bp.doc(summary="Delete a coverage and its layers")
def delete(coverage_id: str):
    session = db.session()
    coverage = owned(coverage_id)
    files = evidence.stored_names_of_coverage(session, coverage.id)
    reminders.forget(session, coverage.id)
    session.delete(coverage)
    session.flush()
    if files:  # the rows go with the coverage; their files only once that is committed
        session.commit()
        evidence.unlink_all(Path(current_app.config["EVIDENCE_DIR"]), files)
    return no_content()
