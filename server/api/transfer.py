"""Export all of an account's coverages as JSON or CSV, and import them back."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import wraps

from apiflask import APIBlueprint
from flask import Response, request
from marshmallow import RAISE, ValidationError

from server import db
from server.api.reply import reply
from server.auth import auth, current_account_id
from server.content import JSON, accepts
from server.db.models import stamp
from server.domain.timeline import TimelineError
from server.errors import flatten, problem, summary
from server.schemas.lean import BulkLoad
from server.schemas.transfer import (
    FORMAT,
    LONGEST_TEXT,
    MAX_BAD,
    MAX_COVERAGES,
    TOO_MANY,
    TOO_MANY_BAD,
    VERSION,
    ExportCoverage,
    ExportFile,
    ExportQuery,
    ImportResult,
    load_export_file,
)
from server.serialize import coverages as serialize
from server.serialize import csv_file as csv_format
from server.store import cooperate, reminders, transfer
from server.store.coverages import segments_of

bp = APIBlueprint("transfer", __name__, tag="Export and import")
CSV = "text/csv"


@bp.get("/export")
@bp.auth_required(auth)
@bp.input(ExportQuery, location="query", arg_name="query", unknown=RAISE)
@bp.output(ExportFile, content_type=JSON)
@bp.doc(summary="Everything in this account, as JSON (lossless) or CSV (one row per layer)")
def export(query):
    coverages = transfer.account_coverages(db.session(), current_account_id())
    now = datetime.now(UTC)
    if query["format"] == "csv":
        dated = (_with_dates(c) for c in coverages)
        response = Response(csv_format.to_csv(dated), mimetype=CSV)
    else:
        items = [serialize.exported(c) for c in coverages]
        response = reply({"format": FORMAT, "version": VERSION,
                          "exported_at": stamp(now),
                          "coverages": items})
    response.headers["Content-Disposition"] = (
        f'attachment; filename="yanbao-{now:%Y%m%d}.{query["format"]}"')
    return response


def _with_dates(coverage) -> dict:
    """The export shape plus each layer's computed dates, which CSV shows for reading."""
    item = serialize.exported(coverage)
    for layer, segment in zip(item["layers"], segments_of(coverage), strict=True):
        layer["starts_on"] = segment.starts_on.isoformat()
        layer["ends_on"] = None if segment.ends_on is None else segment.ends_on.isoformat()
    return item


def _csv_goes_elsewhere(view):
    """CSV needs errors by row and column, which only its own parser can give; JSON bodies go on
    to the view, validated by @bp.input like every other endpoint."""

    @wraps(view)
    def dispatch(*args, **kwargs):
        if request.mimetype == CSV:
            return _import(_csv_items)
        return view(*args, **kwargs)

    return dispatch


@bp.post("/import")
@accepts(JSON, CSV, max_bytes="MAX_IMPORT_BYTES")
@bp.auth_required(auth)
@_csv_goes_elsewhere
@bp.input(ExportFile, arg_name="body", validation=False)  # documented here, loaded in bulk below
@bp.output(ImportResult)
@bp.doc(summary="Import an export file (JSON or CSV); nothing is imported from a bad file",
        description="Send `Content-Type: text/csv` for CSV. Coverages whose id is already in "
        "this account, or that an earlier import of the same file created, are replaced, so "
        "importing the same file twice does not duplicate. Up to 100,000 coverages per file. "
        "A file with errors imports nothing; the answer names every bad field of the first "
        "100 bad coverages.")
def import_data(body):
    return _import(lambda: _json_items(body))


def _import(items_from):
    """items_from() gives validated items and a function that names an item's bad field."""
    with cooperate.no_collection():
        return _import_items(items_from)


def _import_items(items_from):
    try:
        items, where = items_from()
    except csv_format.CsvProblem as bad:
        return problem(422, _summary(bad.errors), errors=bad.errors)
    except ValidationError as bad:
        errors = list(flatten(bad.messages))
        return problem(422, _summary(errors), errors=errors)
    prepared, errors, prepare, pause = [], [], transfer.Preparer(), cooperate.Every(1000)
    for index, item in enumerate(items):
        try:
            prepared.append(prepare(item))
        except TimelineError as error:
            errors.append(where(index, error.field, error.message))
        pause()
    errors += [where(index, path, message)
               for index, path, message in transfer.duplicates(items)]
    if errors:
        return problem(422, _summary(errors), errors=errors)
    session = db.session()
    imported, replaced = transfer.import_coverages(session, current_account_id(), prepared,
                                                   cooperate.pause)
    session.flush()
    # Imported and replaced coverages get their schedules in the same unit of work.
    reminders.reschedule_account(session, current_account_id())
    return reply({"imported": imported, "replaced": replaced})


def _summary(errors: list[dict]) -> str:
    return f"Nothing was imported. {summary(errors)}"


def _json_items(body):
    if not isinstance(body, dict):
        raise ValidationError({"body": ["Send an export file: a JSON object with format, "
                                        "version and coverages."]})
    if isinstance(body.get("coverages"), list) and len(body["coverages"]) > MAX_COVERAGES:
        raise ValidationError({"coverages": [TOO_MANY]})  # before loading them all
    items = load_export_file(body, BulkLoad(ExportCoverage()), cooperate.Every(1000), MAX_BAD)

    def where(index: int, path: str, message: str) -> dict:
        return {"field": f"coverages.{index}.{path}", "message": message}

    return items, where


def _csv_items():
    try:
        text = request.get_data(as_text=False).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise csv_format.CsvProblem([{"row": None, "column": None, "field": "body",
                                      "message": "Save the CSV as UTF-8."}]) from None
    raw_items, origins, errors = csv_format.parse(text, LONGEST_TEXT)
    if len(raw_items) > MAX_COVERAGES:
        row = origins[MAX_COVERAGES][0]
        raise csv_format.CsvProblem([{"row": row, "column": "coverage_id",
                                      "field": f"row {row}, coverage_id", "message": TOO_MANY}])
    schema, loaded = BulkLoad(ExportCoverage()), []
    pause, bad_items = cooperate.Every(1000), 0
    for raw, origin in zip(raw_items, origins, strict=True):
        try:
            loaded.append(schema.load(raw))
        except ValidationError as bad:
            errors.extend(_located(bad.messages, origin))
            bad_items += 1
            if bad_items >= MAX_BAD:
                errors.append({"row": None, "column": None, "field": "body",
                               "message": TOO_MANY_BAD.format(MAX_BAD)})
                break
        pause()
    if errors:
        raise csv_format.CsvProblem(errors)

    def where(index: int, path: str, message: str) -> dict:
        return _at(path, origins[index], message)

    return loaded, where


def _located(messages, origin) -> list[dict]:
    return [_at(error["field"], origin, error["message"]) for error in flatten(messages)]


def _at(field: str, origin, message: str) -> dict:
    row, column = csv_format.locate([p for p in field.split(".") if p], origin)
    return {"row": row, "column": column, "field": f"row {row}, {column}", "message": message}
