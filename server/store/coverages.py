"""Coverage rows from validated input, and their layers placed on the calendar.

Only the inputs are stored, plus the purchase-level summary that lists filter and sort on; each
layer's dates are derived from them by server.domain.timeline whenever they are needed, so a
change to the rules never leaves stale dates behind in the database. Turning rows into JSON or
CSV is server.serialize's job.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from server.db.models import Coverage, CoverageLayer
from server.domain.timeline import (
    WHOLE_UNIT,
    Layer,
    Segment,
    Summary,
    TimelineError,
    normalise_component,
    place_layers,
    summarise,
)

PRODUCT_FIELDS = ("title", "site", "url", "item_id", "brand", "model", "serial", "category",
                  "subcategory", "price", "currency")
LAYER_FIELDS = ("kind", "component", "provider", "name", "plan_kind", "term_months", "end_date",
                "lifetime", "starts", "start_date", "price", "currency", "state", "notes")
CANCELLATION_COLUMNS = {"full_refund_days": "full_refund_days", "after": "refund_after",
                        "fee": "refund_fee", "less_claims": "refund_less_claims"}
FAR_FUTURE = date(9999, 12, 31)


def default_starts(kind: str) -> str:
    """A card's benefit extends the manufacturer warranty; everything else runs from purchase."""
    return "after_manufacturer" if kind == "card" else "purchase"


def layer_row(data: dict[str, Any], position: int,
              row: CoverageLayer | None = None) -> CoverageLayer:
    """A layer row from validated input: a new one, or `row` (an existing layer, which keeps
    its id) rewritten."""
    row = row if row is not None else CoverageLayer()
    row.position = position
    for name in LAYER_FIELDS:
        setattr(row, name, data.get(name))
    row.component = normalise_component(data.get("component"))
    row.starts = data.get("starts") or default_starts(data["kind"])
    row.plan_kind = data.get("plan_kind") or ("extended" if data["kind"] == "plan" else None)
    row.lifetime = bool(data.get("lifetime"))
    row.state = data.get("state") or "in_force"
    cancellation = data.get("cancellation") or {}
    for key, column in CANCELLATION_COLUMNS.items():
        setattr(row, column, cancellation.get(key))
    return row


def domain_layer(row: CoverageLayer) -> Layer:
    return Layer(kind=row.kind, component=row.component or WHOLE_UNIT,
                 term_months=row.term_months, end_date=row.end_date, lifetime=row.lifetime,
                 starts=row.starts, start_date=row.start_date, state=row.state,
                 plan_kind=row.plan_kind)


def segments_of(coverage: Coverage) -> list[Segment]:
    """Raises TimelineError (with a `layers.N.field` path) when the layers cannot be dated."""
    return place_layers(coverage.purchase_date, [domain_layer(r) for r in coverage.layers])


def store_summary(coverage: Coverage, summary: Summary) -> None:
    coverage.cover_state = summary.state
    coverage.covered_from = summary.covered_from or coverage.purchase_date
    if summary.state != "dated":
        coverage.covered_until = coverage.purchase_date
    else:
        coverage.covered_until = summary.covered_until or FAR_FUTURE


def check_layers(data: dict[str, Any]) -> None:
    """Raises TimelineError when validated input's layers cannot be dated."""
    rows = [layer_row(layer, i) for i, layer in enumerate(data.get("layers") or [])]
    place_layers(data["purchase_date"], [domain_layer(r) for r in rows])


def merged_layers(coverage: Coverage, given: list[dict[str, Any]]) -> list[CoverageLayer]:
    """The coverage's layers after an edit, keeping the ids (and rows) of the layers that stay,
    so refund cases and repair claims, which name their layer by id, keep it.

    A layer sent with its `id` is that layer; one sent without is the layer that stood at the
    same position with the same kind, unless that one was named elsewhere; the rest are new.
    Layers not matched are removed. Raises TimelineError for an id that is not one of this
    coverage's layers, or that is given twice."""
    existing = {row.public_id: row for row in coverage.layers}
    named: set[str] = set()
    for index, layer in enumerate(given):
        public_id = layer.get("id")
        if public_id is None:
            continue
        if public_id not in existing:
            raise TimelineError(f"layers.{index}.id", "No layer with this id on this coverage; "
                                "leave id out to add a new layer.")
        if public_id in named:
            raise TimelineError(f"layers.{index}.id", "This layer id is given twice; send each "
                                "layer once.")
        named.add(public_id)
    before = list(coverage.layers)
    rows = []
    for index, layer in enumerate(given):
        public_id = layer.get("id")
        if public_id is None and index < len(before):
            same_place = before[index]
            if same_place.public_id not in named and same_place.kind == layer["kind"]:
                public_id = same_place.public_id
                named.add(public_id)
        rows.append(layer_row(layer, index, existing.get(public_id) if public_id else None))
    return rows


def apply_input(coverage: Coverage, data: dict[str, Any]) -> None:
    """Copy validated input onto the row; `layers`, when present, replaces every layer."""
    for name in PRODUCT_FIELDS:
        if name in data.get("product", {}):
            setattr(coverage, name, data["product"][name])
    for name in ("purchase_date", "order_ref", "notes", "tags"):
        if name in data:
            setattr(coverage, name, data[name])
    if "layers" in data:
        coverage.layers = merged_layers(coverage, data["layers"])
    store_summary(coverage, summarise(segments_of(coverage)))
    coverage.etag = uuid.uuid4().hex
