"""CSV export and import: one row per layer, the coverage's columns repeated on each row.

Rows with the same `coverage_id` form one coverage (a coverage without layers has one row with
empty layer columns). A round trip loses nothing, by these rules:

- An empty cell is no value (null). An empty text is written as a lone apostrophe.
- A cell that a spreadsheet would run as a formula (starting with = + - @, a tab, a carriage
  return or an apostrophe) is written with a leading apostrophe, which the importer strips.
- Tags share one cell, separated by `;`. Inside a tag, `\\` and `;` are escaped with a
  backslash. A spreadsheet set to `;` as its separator splits the cell at every `;`, so each
  tag, and each part of a tag after a `;`, that would start a formula gets its own apostrophe.
- `starts_on` and `ends_on` are each layer's computed dates, for reading; an import ignores them.
- The file starts with a UTF-8 byte order mark, which Excel needs to read Chinese text.
- A row with more (non-empty) cells than the header has columns, and a cell longer than any
  field can hold, are errors with their row and column, never dropped or cut.
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
                    "notes", "tags", "created_at", "updated_at", "reminders_muted")
LAYER_COLUMNS = ("layer_id", "kind", "component", "provider", "name", "plan_kind", "term_months",
                 "end_date", "lifetime", "starts", "start_date", "layer_price", "layer_currency",
                 "full_refund_days", "refund_after", "refund_fee", "refund_less_claims", "state",
                 "layer_notes")
COMPUTED_COLUMNS = ("starts_on", "ends_on")  # written for reading, ignored by the importer
COLUMNS = COVERAGE_COLUMNS + LAYER_COLUMNS + COMPUTED_COLUMNS
PRODUCT = PRODUCT_FIELDS
_RENAMED = {"layer_id": "id", "layer_price": "price", "layer_currency": "currency",
            "layer_notes": "notes"}
_CANCELLATION = {"full_refund_days": "full_refund_days", "refund_after": "after",
                 "refund_fee": "fee", "refund_less_claims": "less_claims"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
TAG_SEPARATOR = ";"
BOM = "\ufeff"
_WHOLE_NUMBERS = frozenset({"term_months", "full_refund_days"})
_BOOLEANS = frozenset({"lifetime", "refund_less_claims", "reminders_muted"})
_TYPED_COLUMNS = _WHOLE_NUMBERS | _BOOLEANS
_WHOLE = re.compile(r"^-?\d{1,9}$")
# The csv module refuses fields over 131,072 characters with csv.Error; the importer reads any
# cell and refuses one longer than the longest field itself, naming its row and column. The
# limit is process-wide; raising it only lets other readers take longer fields.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text == "" or text.startswith(_FORMULA_START) else text


def tags_cell(tags: list[str]) -> str:
    return TAG_SEPARATOR.join(_tag(tag) for tag in tags)


def _tag(tag: str) -> str:
    """Every piece a `;`-splitting spreadsheet could see as a cell is guarded: the tag's start
    and whatever follows a `;` inside it."""
    parts = (_guarded(part.replace("\\", "\\\\")) for part in tag.split(TAG_SEPARATOR))
    return ("\\" + TAG_SEPARATOR).join(parts)


def _guarded(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def parse_tags(cell: str) -> list[str]:
    """The inverse of tags_cell. Empty pieces are no tags (a tag is never empty)."""
    if "\\" not in cell and "'" not in cell:
        return [tag for tag in cell.split(TAG_SEPARATOR) if tag]
    tags: list[str] = []
    current: list[str] = []
    guard_may_follow, position = True, 0
    while position < len(cell):
        char = cell[position]
        position += 1
        if guard_may_follow and char == "'":
            guard_may_follow = False
        elif char == "\\" and position < len(cell):
            current.append(cell[position])
            guard_may_follow = cell[position] == TAG_SEPARATOR
            position += 1
        elif char == TAG_SEPARATOR:
            tags += ["".join(current)] if current else []
            current, guard_may_follow = [], True
        else:
            current.append(char)
            guard_may_follow = False
    return tags + (["".join(current)] if current else [])


def to_csv(coverages: Iterable[dict[str, Any]]) -> str:
    """From export-shaped coverages (server.serialize.coverages.exported), whose layers may
    carry their computed `starts_on` and `ends_on`, to CSV text with a byte order mark."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    tags_at = COLUMNS.index("tags")
    for item in coverages:
        head = [item["id"], *(item["product"][n] for n in PRODUCT), item["purchase_date"],
                item["order_ref"], item["notes"], None, item["created_at"], item["updated_at"],
                item.get("reminders_muted", False)]
        for layer in item["layers"] or [None]:
            row = [_cell(v) for v in head + _layer_cells(layer)]
            row[tags_at] = tags_cell(item["tags"])
            writer.writerow(row)
    return out.getvalue()


def _layer_cells(layer: dict | None) -> list[Any]:
    if layer is None:
        return [None] * (len(LAYER_COLUMNS) + len(COMPUTED_COLUMNS))
    cancellation = layer.get("cancellation") or {}
    cells = []
    for column in LAYER_COLUMNS:
        if column in _CANCELLATION:
            cells.append(cancellation.get(_CANCELLATION[column]))
        else:
            cells.append(layer.get(_RENAMED.get(column, column)))
    return cells + [layer.get(column) for column in COMPUTED_COLUMNS]


class CsvProblem(ValueError):
    def __init__(self, errors: list[dict[str, Any]]):
        super().__init__(errors[0]["message"])
        self.errors = errors


def parse(text: str, longest: int) -> tuple[list[dict[str, Any]], list[tuple[int, list[int]]],
                                           list[dict]]:
    """CSV text to export-shaped items, where each came from (first row, layer rows), and the
    problems found in the rows themselves (extra cells, cells over `longest` characters, rows
    that contradict their coverage's first row).

    Values stay text, except whole numbers and true/false in the columns that hold them; the
    export schema validates them and its error paths are mapped back to a row and column with
    `locate`.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _parse(reader, longest)
    except csv.Error as bad:  # e.g. a quote left open at the end of the file
        raise CsvProblem([_problem(reader.line_num, None, f"The file is not readable CSV "
                                   f"({bad}); save it again from a spreadsheet as CSV UTF-8.")]
                         ) from None


def _parse(reader, longest: int):
    header = next(reader, None)
    if header is None:
        raise CsvProblem([_problem(1, None, "The file is empty; the first row must name the "
                                            "columns.")])
    columns = [h.strip() for h in header]
    _check_header(columns)
    groups: dict[str, dict[str, Any]] = {}
    origins: dict[str, list[int]] = {}
    problems: list[dict[str, Any]] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        found = _bad_cells(cells, columns, number, longest)
        if found:
            problems += found
            continue
        row = _row(columns, cells)
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


def _problem(row: int | None, column: str | None, message: str) -> dict[str, Any]:
    field = "body" if row is None else f"row {row}" if column is None else f"row {row}, {column}"
    return {"row": row, "column": column, "field": field, "message": message}


def _bad_cells(cells: list[str], columns: list[str], number: int,
               longest: int) -> list[dict[str, Any]]:
    if len(cells) <= len(columns) and max(map(len, cells), default=0) <= longest + 1:
        return []  # the usual row, checked at C speed
    problems = [_problem(number, f"cell {position}", f"This row has a value in cell "
                         f"{position}, beyond the {len(columns)} columns of the header; remove "
                         f"it or name its column in the header.")
                for position, cell in enumerate(cells[len(columns):], start=len(columns) + 1)
                if cell.strip()]
    problems += [_problem(number, column, f"This cell has {len(cell):,} characters; no field "
                          f"holds more than {longest:,}.")
                 for column, cell in zip(columns, cells, strict=False)
                 if len(cell) > longest + 1]  # one more for a formula guard's apostrophe
    return problems


def _row(columns: list[str], cells: list[str]) -> dict[str, Any]:
    """Cells to values, the inverse of _cell: empty is null, a leading apostrophe goes."""
    row: dict[str, Any] = {column: None if not cell else cell[1:] if cell[0] == "'" else cell
                           for column, cell in zip(columns, cells, strict=False)}
    for column in _TYPED_COLUMNS.intersection(row):
        row[column] = _typed(column, row[column])
    if "tags" in row:
        row["tags"] = parse_tags(cells[columns.index("tags")])
    for column in COMPUTED_COLUMNS:
        row.pop(column, None)
    return row


def _typed(column: str, value: str | None) -> Any:
    """CSV cells are text; the schema takes JSON types. A cell that does not convert stays
    text, so the schema names it with its row and column."""
    if value is None:
        return None
    if column in _WHOLE_NUMBERS and _WHOLE.match(value.strip()):
        return int(value)
    if column in _BOOLEANS and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return value


def _check_header(columns: list[str]) -> None:
    unknown = [c for c in columns if c not in COLUMNS]
    missing = [c for c in ("title", "purchase_date") if c not in columns]
    twice = sorted({c for c in columns if columns.count(c) > 1})
    if unknown or missing or twice:
        what = (f"unknown columns {', '.join(unknown)}" if unknown else
                f"missing columns {', '.join(missing)}" if missing else
                f"columns named twice: {', '.join(twice)}")
        raise CsvProblem([_problem(1, None, f"The header row has {what}; use the columns of an "
                                            f"export: {', '.join(COLUMNS)}.")])


def _uuid_or_none(value: str | None) -> str | None:
    """A coverage_id that is not a UUID only groups rows (a hand-written file); it is no id."""
    try:
        return str(uuid.UUID(value)) if value else None
    except ValueError:
        return None


def _coverage(row: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {"product": {n: row.get(n) for n in PRODUCT}}
    for name in ("purchase_date", "order_ref", "notes", "created_at", "updated_at"):
        item[name] = row.get(name)
    item["id"] = _uuid_or_none(row.get("coverage_id"))
    item["tags"] = row.get("tags") or []
    if row.get("reminders_muted") is not None:  # an empty cell, or no column: not muted
        item["reminders_muted"] = row["reminders_muted"]
    item["layers"] = []
    return item


def _contradictions(item: dict[str, Any], row: dict[str, Any], number: int,
                    first: int) -> list[dict[str, Any]]:
    again = _coverage(row)
    changed = [n for n, v in again["product"].items() if v != item["product"][n]]
    changed += [n for n in ("purchase_date", "order_ref", "notes", "tags") if again[n] != item[n]]
    changed += [n for n in ("reminders_muted",) if again.get(n) != item.get(n)]
    return [_mismatch(number, name, first) for name in changed]


def _mismatch(number: int, column: str, first: int) -> dict[str, Any]:
    return _problem(number, column, f"Differs from row {first}, which has the same coverage_id; "
                                    f"a coverage's columns must repeat unchanged on each of its "
                                    f"layer rows.")


def _layer(row: dict[str, Any]) -> dict[str, Any]:
    layer: dict[str, Any] = {}
    for column in LAYER_COLUMNS:
        value = row.get(column)
        if column not in _CANCELLATION and value is not None:
            layer[_RENAMED.get(column, column)] = value
    cancellation = {key: row.get(col) for col, key in _CANCELLATION.items()}
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
