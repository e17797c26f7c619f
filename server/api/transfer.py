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
from server.schemas.transfer import (
    FORMAT,
    VERSION,
    ExportCoverage,
    ExportFile,
    ExportQuery,
    ImportResult,
)
from server.serialize import coverages as serialize
from server.serialize import csv_file as csv_format
from server.store import transfer
from server.store.coverages import check_layers

bp = APIBlueprint("transfer", __name__, tag="Export and import")
CSV = "text/csv"


@bp.get("/export")
@bp.auth_required(auth)
@bp.input(ExportQuery, location="query", arg_name="query", unknown=RAISE)
@bp.output(ExportFile, content_type=JSON)
@bp.doc(summary="Everything in this account, as JSON (lossless) or CSV (one row per layer)")
def export(query):
    items = [serialize.exported(c)
             for c in transfer.account_coverages(db.session(), current_account_id())]
    now = datetime.now(UTC)
    if query["format"] == "csv":
        response = Response(csv_format.to_csv(items), mimetype=CSV)
    else:
        response = reply({"format": FORMAT, "version": VERSION,
                          "exported_at": stamp(now),
                          "coverages": items})
    response.headers["Content-Disposition"] = (
        f'attachment; filename="yanbao-{now:%Y%m%d}.{query["format"]}"')
    return response


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
@bp.input(ExportFile, arg_name="body")
@bp.output(ImportResult)
@bp.doc(summary="Import an export file (JSON or CSV); nothing is imported from a bad file",
        description="Send `Content-Type: text/csv` for CSV. Coverages whose id is already in "
        "this account are replaced, so importing the same file twice does not duplicate.")
def import_data(body):
    return _import(lambda: _dated(body["coverages"]))


def _import(items_from):
    try:
        items = items_from()
    except csv_format.CsvProblem as bad:
        return problem(422, _summary(bad.errors), errors=bad.errors)
    except ValidationError as bad:
        errors = list(flatten(bad.messages))
        return problem(422, _summary(errors), errors=errors)
    session = db.session()
    imported, replaced = transfer.import_coverages(session, current_account_id(), items)
    session.flush()
    return reply({"imported": imported, "replaced": replaced})


def _summary(errors: list[dict]) -> str:
    return f"Nothing was imported. {summary(errors)}"


def _dated(coverages: list[dict]) -> list[dict]:
    for index, item in enumerate(coverages):
        _check_dates(item, f"coverages.{index}")
    return coverages


def _check_dates(item: dict, prefix: str) -> None:
    try:
        check_layers(item)
    except TimelineError as error:
        field = f"{prefix}.{error.field}" if prefix else error.field
        raise ValidationError({field: [error.message]}) from None


def _csv_items() -> list[dict]:
    try:
        text = request.get_data(as_text=False).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise csv_format.CsvProblem([{"row": None, "column": None, "field": "body",
                                      "message": "Save the CSV as UTF-8."}]) from None
    raw_items, origins, errors = csv_format.parse(text)
    schema, loaded = ExportCoverage(), []
    for raw, origin in zip(raw_items, origins, strict=True):
        try:
            item = schema.load(raw)
            _check_dates(item, "")
            loaded.append(item)
        except ValidationError as bad:
            errors.extend(_located(bad.messages, origin))
    if errors:
        raise csv_format.CsvProblem(errors)
    return loaded


def _located(messages, origin) -> list[dict]:
    out = []
    for error in flatten(messages):
        path = [p for p in error["field"].split(".") if p]
        row, column = csv_format.locate(path, origin)
        out.append({"row": row, "column": column, "field": f"row {row}, {column}",
                    "message": error["message"]})
    return out
