"""Export and import of an account's coverages (JSON and CSV).

Import is all-or-nothing and built for whole households and shops' exports (100,000 coverages):
every item is validated and dated first (`Preparer`), without touching the database; then a
handful of queries decide which rows each item replaces and which ids are free, and the rows are
written in bulk (server.store.bulk_write: COPY on PostgreSQL, executemany on SQLite) in the
caller's one transaction. A replaced coverage is updated in place, never deleted and inserted
again: its row id, idempotency key and anything that points at it stay; its layers are
replaced.

Ids: a coverage whose id is already this account's (as its id, or as the id it was imported
under) is replaced, so importing the same file twice never duplicates. An id that is free is
kept; an id that belongs to another account gets a fresh one, and the file's id is kept as the
coverage's `source_id` so that the next import of that file finds it. Layer ids are kept when
free (or when they belong to a coverage being replaced), else renewed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Coverage, CoverageLayer, utcnow
from server.domain.timeline import Summary, normalise_component, place_layers, summarise
from server.store.bulk_write import BulkWriter
from server.store.coverages import (
    CANCELLATION_COLUMNS,
    LAYER_FIELDS,
    PRODUCT_FIELDS,
    default_starts,
    domain_layer,
    store_summary,
)

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


class Preparer:
    """Dates items for import. A file repeats the same purchase dates and layer terms many
    times, and an item's summary depends on those alone, so summaries are remembered by them
    (errors are not: each bad item is dated, and named, on its own)."""

    MEMO_SIZE = 100_000

    def __init__(self):
        self._summaries: dict[tuple, Summary] = {}

    def __call__(self, item: dict[str, Any]) -> Prepared:
        """Raises TimelineError (with a `layers.N.field` path) when the layers cannot be
        dated."""
        layers = [layer_values(layer, position) for position, layer in enumerate(item["layers"])]
        key = (item["purchase_date"], *(tuple(v[n] for n in _DATING) for v in layers))
        summary = self._summaries.get(key)
        if summary is None:
            segments = place_layers(item["purchase_date"],
                                    [domain_layer(SimpleNamespace(**v)) for v in layers])
            summary = summarise(segments)
            if len(self._summaries) < self.MEMO_SIZE:
                self._summaries[key] = summary
        file_id = str(item["id"]) if item.get("id") else None
        return Prepared(item, layers, summary, file_id)


_DATING = ("kind", "component", "term_months", "end_date", "lifetime", "starts", "start_date",
           "state", "plan_kind")  # what server.store.coverages.domain_layer reads


def layer_values(data: dict[str, Any], position: int) -> dict[str, Any]:
    """The columns server.store.coverages.layer_row sets."""
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


# Columns an import writes. A replaced coverage keeps its row (other tables may point at it),
# its public and source ids, its idempotency key, and its created_at unless the file has one.
VALUE_COLUMNS = (*PRODUCT_FIELDS, "purchase_date", "order_ref", "notes", "tags", "etag",
                 "created_at", "updated_at", "cover_state", "covered_from", "covered_until",
                 "reminders_muted")
NEW_COLUMNS = ("account_id", "public_id", "source_id", *VALUE_COLUMNS)
LAYER_COLUMNS = ("coverage_id", "public_id", "position", *LAYER_FIELDS,
                 *CANCELLATION_COLUMNS.values())


def import_coverages(session: Session, account_id: int, prepared: Sequence[Prepared],
                     pause: Callable[[], None] = lambda: None) -> tuple[int, int]:
    """Write prepared items; the caller commits (or rolls back on any error)."""
    bulk = BulkWriter(session, pause)
    mine, taken = _resolve(bulk, account_id, [p.file_id for p in prepared if p.file_id])
    free_layer_ids = _free_layer_ids(bulk, prepared, set(mine.values()))
    now, fresh = utcnow(), _FreshIds()
    updates, inserts, inserted_layers, layer_rows = [], [], [], []
    for p in prepared:
        row_id = mine.get(p.file_id)
        values = _coverage_values(p, now, replacing=row_id is not None, etag=fresh.hex())
        layers = [_layer_row(v, p, free_layer_ids, fresh) for v in p.layers]
        if row_id is not None:
            updates.append([row_id, *values])
            for layer in layers:
                layer[0] = row_id
            layer_rows += layers
        else:
            public_id = p.file_id if p.file_id and p.file_id not in taken else fresh()
            source_id = p.file_id if p.file_id and p.file_id in taken else None
            inserts.append([account_id, public_id, source_id, *values])
            inserted_layers.append(layers)
    pause()
    bulk.delete_where(_LAYERS, "coverage_id", list(mine.values()))
    bulk.update(_COVERAGES, VALUE_COLUMNS, updates, keep_when_null=("created_at",))
    if inserts:
        ids = _insert_coverages(bulk, inserts)
        for row_id, layers in zip(ids, inserted_layers, strict=True):
            for layer in layers:
                layer[0] = row_id
            layer_rows += layers
    bulk.insert(_LAYERS, LAYER_COLUMNS, layer_rows)
    return len(inserts), len(updates)


def _insert_coverages(bulk: BulkWriter, rows: list[list]) -> list[int]:
    """Row ids of the inserted coverages, in order: drawn beforehand on PostgreSQL, looked up
    by public id on SQLite (RETURNING with ordered rows would insert one at a time)."""
    ids = bulk.new_ids(_COVERAGES, len(rows))
    if ids is not None:
        bulk.insert(_COVERAGES, ("id", *NEW_COLUMNS), [[i, *row] for i, row in zip(
            ids, rows, strict=True)])
        return ids
    public_ids = [row[1] for row in rows]
    bulk.insert(_COVERAGES, NEW_COLUMNS, rows)
    found = dict(bulk.select_in(_COVERAGES, ("public_id", "id"), "public_id", public_ids))
    return [found[public_id] for public_id in public_ids]


def _resolve(bulk: BulkWriter, account_id: int, file_ids: list[str]):
    """This account's row ids that the file's ids name, and the ids other accounts hold.

    Two indexed lookups (public ids; this account's source ids): one query with an OR of both
    made SQLite scan the account's rows once per chunk."""
    by_public = {public_id: (row_id, owner) for row_id, public_id, owner in bulk.select_in(
        _COVERAGES, ("id", "public_id", "account_id"), "public_id", file_ids)}
    by_source = dict(bulk.select_in(_COVERAGES, ("source_id", "id"), "source_id", file_ids,
                                    "account_id = ?", [account_id]))
    mine, taken = {}, set()
    for file_id in file_ids:
        row = by_public.get(file_id)
        if row is not None and row[1] == account_id:
            mine[file_id] = row[0]
        elif file_id in by_source:
            mine[file_id] = by_source[file_id]
        elif row is not None:
            taken.add(file_id)
    return mine, taken


def _free_layer_ids(bulk: BulkWriter, prepared: Sequence[Prepared],
                    replaced: set[int]) -> set[str]:
    wanted = [str(layer["id"]) for p in prepared for layer in p.item["layers"] if layer.get("id")]
    held = {public_id for public_id, coverage_id in bulk.select_in(
        _LAYERS, ("public_id", "coverage_id"), "public_id", wanted)
        if coverage_id not in replaced}
    return set(wanted) - held


def _layer_row(values: dict, p: Prepared, free: set[str], fresh: _FreshIds) -> list:
    """[coverage_id (set later), public_id, *the rest of LAYER_COLUMNS]."""
    wanted = p.item["layers"][values["position"]].get("id")
    public_id = str(wanted) if wanted and str(wanted) in free else fresh()
    return [None, public_id, *(values[name] for name in LAYER_COLUMNS[2:])]


def _coverage_values(p: Prepared, now: datetime, replacing: bool, etag: str) -> list:
    """VALUE_COLUMNS in order. A replaced row's created_at is kept unless the file has one."""
    item, product, summary = p.item, p.item["product"], p.summary
    dated = SimpleNamespace(purchase_date=item["purchase_date"])
    store_summary(dated, summary)
    created_at = item.get("created_at") or (None if replacing else now)
    return [*(product.get(name) for name in PRODUCT_FIELDS), item["purchase_date"],
            item.get("order_ref"), item.get("notes"), list(item.get("tags") or []), etag,
            created_at, item.get("updated_at") or now, dated.cover_state, dated.covered_from,
            dated.covered_until, bool(item.get("reminders_muted"))]


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
