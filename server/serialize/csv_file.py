"""CSV export and import: one row per layer, the coverage's columns repeated on each row.

Rows with the same `coverage_id` form one coverage (a coverage without layers has one row with
empty layer columns). Cells that a spreadsheet would run as a formula are written with a
leading apostrophe, which the importer strips again, so a round trip loses nothing.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterable
from typing import Any

from server.store.coverages import PRODUCT_FIELDS

COVERAGE_COLUMNS = ("coverage_id", "title", "site", "url", "item_id", "brand", "model", "serial",
                    "category", "subcategory", "price", "currency", "purchase_date", "order_ref",
                    "notes", "tags", "created_at", "updated_at")
LAYER_COLUMNS = ("layer_id", "kind", "component", "provider", "name", "plan_kind", "term_months",
                 "end_date", "lifetime", "starts", "start_date", "layer_price", "layer_currency",
                 "full_refund_days", "refund_after", "refund_fee", "refund_less_claims", "state",
                 "layer_notes")
COLUMNS = COVERAGE_COLUMNS + LAYER_COLUMNS
PRODUCT = PRODUCT_FIELDS
_RENAMED = {"layer_id": "id", "layer_price": "price", "layer_currency": "currency",
            "layer_notes": "notes"}
_CANCELLATION = {"full_refund_days": "full_refund_days", "refund_after": "after",
                 "refund_fee": "fee", "refund_less_claims": "less_claims"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
TAG_SEPARATOR = ";"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def to_csv(coverages: Iterable[dict[str, Any]]) -> str:
    """From export-shaped coverages (server.serialize.coverages.exported) to CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in coverages:
        head = [item["id"], *(item["product"][n] for n in PRODUCT), item["purchase_date"],
                item["order_ref"], item["notes"], TAG_SEPARATOR.join(item["tags"]),
                item["created_at"], item["updated_at"]]
        for layer in item["layers"] or [None]:
            writer.writerow([_cell(v) for v in head + _layer_cells(layer)])
    return out.getvalue()


def _layer_cells(layer: dict | None) -> list[Any]:
    if layer is None:
        return [None] * len(LAYER_COLUMNS)
    cancellation = layer.get("cancellation") or {}
    cells = []
    for column in LAYER_COLUMNS:
        if column in _CANCELLATION:
            cells.append(cancellation.get(_CANCELLATION[column]))
        else:
            cells.append(layer.get(_RENAMED.get(column, column)))
    return cells


class CsvProblem(ValueError):
    def __init__(self, errors: list[dict[str, Any]]):
        super().__init__(errors[0]["message"])
        self.errors = errors


def parse(text: str) -> tuple[list[dict[str, Any]], list[tuple[int, list[int]]], list[dict]]:
    """CSV text to export-shaped items, where each came from (first row, layer rows), and the
    rows that contradict their coverage's first row.

    Values stay strings; the export schema validates them and its error paths are mapped
    back to a row and column with `locate`.
    """
    try:
        return _parse(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as bad:  # a stray NUL or carriage return, a cell beyond the csv limit
        raise CsvProblem([{"row": None, "column": None, "field": "body",
                           "message": f"The file is not readable CSV ({bad}); save it again "
                                      "from a spreadsheet as CSV UTF-8."}]) from None


def _parse(reader) -> tuple[list[dict[str, Any]], list[tuple[int, list[int]]], list[dict]]:
    header = next(reader, None)
    if header is None:
        raise CsvProblem([{"row": 1, "column": None, "field": "row 1",
                           "message": "The file is empty; the first row must name the columns."}])
    _check_header([h.strip() for h in header])
    columns = [h.strip() for h in header]
    groups: dict[str, dict[str, Any]] = {}
    origins: dict[str, list[int]] = {}
    problems: list[dict[str, Any]] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {c: _uncell(v) for c, v in zip(columns, cells, strict=False)}
        key = row.get("coverage_id") or f"row-{number}"
        if key not in groups:
            groups[key] = _coverage(row)
            origins[key] = [number]
        else:
            problems += _contradictions(groups[key], row, number, origins[key][0])
        if row.get("kind"):
            groups[key]["layers"].append(_layer(row))
            origins[key].append(number)
    return list(groups.values()), [(o[0], o[1:]) for o in origins.values()], problems


def _check_header(columns: list[str]) -> None:
    unknown = [c for c in columns if c not in COLUMNS]
    missing = [c for c in ("title", "purchase_date") if c not in columns]
    if unknown or missing:
        what = (f"unknown columns {', '.join(unknown)}" if unknown else
                f"missing columns {', '.join(missing)}")
        raise CsvProblem([{"row": 1, "column": None, "field": "row 1",
                           "message": f"The header row has {what}; use the columns of an export: "
                                      f"{', '.join(COLUMNS)}."}])


def _blank_to_none(value: str | None) -> str | None:
    return None if value is None or value == "" else value


def _uuid_or_none(value: str | None) -> str | None:
    """A coverage_id that is not a UUID only groups rows (a hand-written file); it is no id."""
    try:
        return str(uuid.UUID(value)) if value else None
    except ValueError:
        return None


def _coverage(row: dict[str, str]) -> dict[str, Any]:
    item: dict[str, Any] = {"product": {n: _blank_to_none(row.get(n)) for n in PRODUCT}}
    for name in ("purchase_date", "order_ref", "notes", "created_at", "updated_at"):
        item[name] = _blank_to_none(row.get(name))
    item["id"] = _uuid_or_none(row.get("coverage_id"))
    tags = row.get("tags") or ""
    item["tags"] = [t.strip() for t in tags.split(TAG_SEPARATOR) if t.strip()]
    item["layers"] = []
    return item


def _contradictions(item: dict[str, Any], row: dict[str, str], number: int,
                    first: int) -> list[dict[str, Any]]:
    again = _coverage(row)
    changed = [n for n, v in again["product"].items() if v != item["product"][n]]
    changed += [n for n in ("purchase_date", "order_ref", "notes", "tags") if again[n] != item[n]]
    return [_mismatch(number, name, first) for name in changed]


def _mismatch(number: int, column: str, first: int) -> dict[str, Any]:
    return {"row": number, "column": column, "field": f"row {number}, {column}",
            "message": f"Differs from row {first}, which has the same coverage_id; a coverage's "
                       f"columns must repeat unchanged on each of its layer rows."}


_WHOLE_NUMBERS = frozenset({"term_months", "full_refund_days"})
_BOOLEANS = frozenset({"lifetime", "refund_less_claims"})
_WHOLE = re.compile(r"^-?\d{1,9}$")


def _typed(column: str, value: str | None) -> Any:
    """CSV cells are text; the schema takes JSON types, strictly. A cell that does not convert
    stays text, so the schema names it with its row and column."""
    if value is None:
        return None
    if column in _WHOLE_NUMBERS and _WHOLE.match(value.strip()):
        return int(value)
    if column in _BOOLEANS and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return value


def _layer(row: dict[str, str]) -> dict[str, Any]:
    layer: dict[str, Any] = {}
    for column in LAYER_COLUMNS:
        value = _typed(column, _blank_to_none(row.get(column)))
        if column in _CANCELLATION:
            continue
        if value is not None:
            layer[_RENAMED.get(column, column)] = value
    cancellation = {key: _typed(col, _blank_to_none(row.get(col)))
                    for col, key in _CANCELLATION.items()}
    if any(v is not None for v in cancellation.values()):
        layer["cancellation"] = {k: v for k, v in cancellation.items() if v is not None}
    return layer


_LAYER_FIELD_TO_COLUMN = {v: k for k, v in _RENAMED.items()}
_CANCELLATION_FIELD_TO_COLUMN = {v: k for k, v in _CANCELLATION.items()}


def locate(path: list[str], origin: tuple[int, list[int]]) -> tuple[int, str]:
    """Maps a schema error path (e.g. ['layers', '1', 'term_months']) to (row, column)."""
    first, layer_rows = origin
    if path[:1] == ["product"] and len(path) > 1:
        return first, path[1]
    if path[:1] == ["layers"] and len(path) > 1 and path[1].isdigit():
        row = layer_rows[int(path[1])] if int(path[1]) < len(layer_rows) else first
        if len(path) > 3 and path[2] == "cancellation":
            return row, _CANCELLATION_FIELD_TO_COLUMN.get(path[3], path[3])
        field = path[2] if len(path) > 2 else "kind"
        return row, _LAYER_FIELD_TO_COLUMN.get(field, field)
    if path[:1] == ["id"]:
        return first, "coverage_id"
    return first, path[0] if path else "coverage_id"
