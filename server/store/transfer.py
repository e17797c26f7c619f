"""Export and import of an account's coverages (JSON and CSV).

Import is all-or-nothing and built for whole households and shops' exports (100,000 coverages):
every item is validated and dated first (`prepare`), without touching the database; then a
handful of queries decide which rows each item replaces and which ids are free, and the rows are
written with executemany statements in the caller's one transaction.

Ids: a coverage whose id is already this account's (as its id, or as the id it was imported
under) is replaced, so importing the same file twice never duplicates. An id that is free is
kept; an id that belongs to another account gets a fresh one, and the file's id is kept as the
coverage's `source_id` so that the next import of that file finds it. Layer ids are kept when
free (or when they belong to a coverage being replaced), else renewed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from server.db.models import Coverage, CoverageLayer, utcnow
from server.domain.timeline import Summary, normalise_component, place_layers, summarise
from server.store.coverages import (
    CANCELLATION_COLUMNS,
    LAYER_FIELDS,
    PRODUCT_FIELDS,
    default_starts,
    domain_layer,
    store_summary,
)

CHUNK = 500  # ids per IN (...) list: far below SQLite's and PostgreSQL's parameter limits
_COVERAGES, _LAYERS = Coverage.__table__, CoverageLayer.__table__


def account_coverages(session: Session, account_id: int) -> list[Coverage]:
    stmt = select(Coverage).where(Coverage.account_id == account_id).order_by(Coverage.id)
    return list(session.scalars(stmt))


@dataclass
class Prepared:
    """A validated item with its layers' column values and its dated summary."""

    item: dict[str, Any]
    layers: list[dict[str, Any]]
    summary: Summary
    file_id: str | None  # the coverage's id in the file, if it has one


def prepare(item: dict[str, Any]) -> Prepared:
    """Raises TimelineError (with a `layers.N.field` path) when the layers cannot be dated."""
    layers = [layer_values(layer, position) for position, layer in enumerate(item["layers"])]
    segments = place_layers(item["purchase_date"],
                            [domain_layer(SimpleNamespace(**values)) for values in layers])
    file_id = str(item["id"]) if item.get("id") else None
    return Prepared(item, layers, summarise(segments), file_id)


def layer_values(data: dict[str, Any], position: int) -> dict[str, Any]:
    """The columns server.store.coverages.layer_row sets, as a dict for executemany."""
    values = {name: data.get(name) for name in LAYER_FIELDS}
    kind = data["kind"]
    values.update(position=position, component=normalise_component(data.get("component")),
                  starts=data.get("starts") or default_starts(kind),
                  plan_kind=data.get("plan_kind") or ("extended" if kind == "plan" else None),
                  lifetime=bool(data.get("lifetime")), state=data.get("state") or "in_force")
    cancellation = data.get("cancellation") or {}
    for key, column in CANCELLATION_COLUMNS.items():
        values[column] = cancellation.get(key)
    return values


def duplicates(items: Sequence[dict[str, Any]]) -> Iterator[tuple[int, str, str]]:
    """(item index, path in the item, message) for each id used a second time in one file."""
    seen: dict[str, int] = {}
    layers_seen: dict[str, tuple[int, int]] = {}
    for index, item in enumerate(items):
        if item.get("id"):
            first = seen.setdefault(str(item["id"]), index)
            if first != index:
                yield index, "id", _twice("coverage", first)
        for position, layer in enumerate(item["layers"]):
            if layer.get("id"):
                first_layer = layers_seen.setdefault(str(layer["id"]), (index, position))
                if first_layer != (index, position):
                    yield index, f"layers.{position}.id", _twice("layer", first_layer[0])


def _twice(what: str, first: int) -> str:
    return (f"This {what} id is used more than once in the file (first by coverage "
            f"{first + 1}); each {what} needs its own id, or none.")


def import_coverages(session: Session, account_id: int,
                     prepared: Sequence[Prepared]) -> tuple[int, int]:
    """Write prepared items; the caller commits (or rolls back on any error)."""
    mine, taken = _resolve(session, account_id, [p.file_id for p in prepared if p.file_id])
    replaced_ids = [row.id for row in mine.values()]
    free_layer_ids = _free_layer_ids(session, prepared, set(replaced_ids))
    now, fresh = utcnow(), _FreshIds()
    updates, inserts, inserted_layers, layer_rows = [], [], [], []
    for p in prepared:
        row = mine.get(p.file_id)
        values = _coverage_values(p, now, row.created_at if row else None, fresh.hex())
        layers = [dict(v, public_id=_layer_id(v, p, free_layer_ids, fresh)) for v in p.layers]
        if row is not None:
            updates.append({"id": row.id, **values})
            layer_rows += [dict(layer, coverage_id=row.id) for layer in layers]
        else:
            public_id = p.file_id if p.file_id and p.file_id not in taken else fresh()
            source_id = p.file_id if p.file_id and p.file_id in taken else None
            inserts.append({"account_id": account_id, "public_id": public_id,
                            "source_id": source_id, **values})
            inserted_layers.append(layers)
    _write(session, replaced_ids, updates, layer_rows, inserts, inserted_layers)
    return len(inserts), len(updates)


def _resolve(session: Session, account_id: int, file_ids: list[str]):
    """This account's rows that the file's ids name, and the ids other accounts hold.

    Two indexed lookups per chunk (public ids; this account's source ids): one query with an OR
    of both made SQLite scan the account's rows once per chunk."""
    columns = (Coverage.id, Coverage.public_id, Coverage.source_id, Coverage.created_at,
               Coverage.account_id)
    by_public: dict[str, Any] = {}
    by_source: dict[str, Any] = {}
    for chunk in _chunks(file_ids):
        for row in session.execute(select(*columns).where(Coverage.public_id.in_(chunk))):
            by_public[row.public_id] = row
        for row in session.execute(select(*columns).where(
                Coverage.account_id == account_id, Coverage.source_id.in_(chunk))):
            by_source[row.source_id] = row
    mine, taken = {}, set()
    for file_id in file_ids:
        row = by_public.get(file_id)
        if row is not None and row.account_id == account_id:
            mine[file_id] = row
        elif file_id in by_source:
            mine[file_id] = by_source[file_id]
        elif row is not None:
            taken.add(file_id)
    return mine, taken


def _free_layer_ids(session: Session, prepared: Sequence[Prepared],
                    replaced: set[int]) -> set[str]:
    wanted = [str(layer["id"]) for p in prepared for layer in p.item["layers"] if layer.get("id")]
    held = set()
    for chunk in _chunks(wanted):
        for public_id, coverage_id in session.execute(select(
                CoverageLayer.public_id, CoverageLayer.coverage_id).where(
                CoverageLayer.public_id.in_(chunk))):
            if coverage_id not in replaced:
                held.add(public_id)
    return set(wanted) - held


def _layer_id(values: dict, p: Prepared, free: set[str], fresh: _FreshIds) -> str:
    wanted = p.item["layers"][values["position"]].get("id")
    return str(wanted) if wanted and str(wanted) in free else fresh()


def _coverage_values(p: Prepared, now: datetime, created_at: datetime | None,
                     etag: str) -> dict[str, Any]:
    item = p.item
    values: dict[str, Any] = {name: item["product"].get(name) for name in PRODUCT_FIELDS}
    values.update(purchase_date=item["purchase_date"], order_ref=item.get("order_ref"),
                  notes=item.get("notes"), tags=list(item.get("tags") or []),
                  etag=etag, created_at=item.get("created_at") or created_at or now,
                  updated_at=item.get("updated_at") or now)
    summary = SimpleNamespace(purchase_date=item["purchase_date"])
    store_summary(summary, p.summary)
    values.update(cover_state=summary.cover_state, covered_from=summary.covered_from,
                  covered_until=summary.covered_until)
    return values


def _write(session: Session, replaced_ids: list[int], updates: list[dict],
           layer_rows: list[dict], inserts: list[dict],
           inserted_layers: list[list[dict]]) -> None:
    for chunk in _chunks(replaced_ids):
        session.execute(delete(_LAYERS).where(_LAYERS.c.coverage_id.in_(chunk)))
    if updates:
        _update_many(session, _COVERAGES, updates)
    if inserts:
        _insert_many(session, _COVERAGES, inserts)
        ids = _row_ids(session, [row["public_id"] for row in inserts])
        layer_rows += [dict(layer, coverage_id=ids[row["public_id"]])
                       for row, layers in zip(inserts, inserted_layers, strict=True)
                       for layer in layers]
    if layer_rows:
        _insert_many(session, _LAYERS, layer_rows)


def _insert_many(session: Session, table, rows: list[dict]) -> None:
    names = list(rows[0])
    _execute_many(session, insert(table).values({n: bindparam(n) for n in names}), table, rows)


def _update_many(session: Session, table, rows: list[dict]) -> None:
    """Rows by primary key (`id`); every other key is a column to set."""
    names = [name for name in rows[0] if name != "id"]
    statement = update(table).where(table.c.id == bindparam("row_id")).values(
        {name: bindparam(name) for name in names})
    _execute_many(session, statement, table, [{**row, "row_id": row["id"]} for row in rows])


def _execute_many(session: Session, statement, table, rows: list[dict]) -> None:
    """One executemany with each column's own bind processor (the type's public conversion,
    e.g. UTC timestamps, JSON tags) applied in a single loop. SQLAlchemy's generic per-row
    parameter handling took a third of a large import's write time."""
    connection = session.connection()
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect)
    names = list(compiled.positiontup) if compiled.positional else list(compiled.binds)
    convert = [(name, _processor(table, name, dialect)) for name in names]
    if compiled.positional:
        params = [tuple(row[name] if f is None or row[name] is None else f(row[name])
                        for name, f in convert) for row in rows]
    else:
        params = [{name: row[name] if f is None or row[name] is None else f(row[name])
                   for name, f in convert} for row in rows]
    connection.exec_driver_sql(compiled.string, params)


def _processor(table, name: str, dialect):
    column = table.c.id if name == "row_id" else table.c[name]
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def _row_ids(session: Session, public_ids: list[str]) -> dict[str, int]:
    """Row ids of inserted coverages (RETURNING with ordered rows would insert one at a time
    on SQLite)."""
    ids = {}
    for chunk in _chunks(public_ids):
        ids.update(session.execute(select(Coverage.public_id, Coverage.id).where(
            Coverage.public_id.in_(chunk))).all())
    return ids


class _FreshIds:
    """Fresh ids and etags, with random bits from the OS in batches (uuid4() makes a system
    call and an object per id, which cost a large import more than a second).

    Ids are version-7 UUIDs: the time in milliseconds, then 74 random bits. Ids made together
    sort together, so a large import adds to one end of the unique indexes instead of all over
    them (half the insert time on SQLite).
    """

    def __init__(self, batch: int = 4096):
        self._batch, self._pool, self._at = batch, "", 0

    def hex(self) -> str:
        if self._at >= len(self._pool):
            self._pool, self._at = os.urandom(16 * self._batch).hex(), 0
        self._at += 32
        return self._pool[self._at - 32 : self._at]

    def __call__(self) -> str:
        h, ms = self.hex(), f"{time.time_ns() // 1_000_000:012x}"
        return f"{ms[:8]}-{ms[8:]}-7{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"


_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def _chunks(values: list) -> Iterator[list]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]
