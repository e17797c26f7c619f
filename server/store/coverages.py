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


def layer_row(data: dict[str, Any], position: int) -> CoverageLayer:
    row = CoverageLayer(position=position)
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
    if data.get("id"):
        row.public_id = data["id"]
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


def apply_input(coverage: Coverage, data: dict[str, Any]) -> None:
    """Copy validated input onto the row; `layers`, when present, replaces every layer."""
    for name in PRODUCT_FIELDS:
        if name in data.get("product", {}):
            setattr(coverage, name, data["product"][name])
    for name in ("purchase_date", "order_ref", "notes", "tags"):
        if name in data:
            setattr(coverage, name, data[name])
    if "layers" in data:
        coverage.layers = [layer_row(layer, i) for i, layer in enumerate(data["layers"])]
    store_summary(coverage, summarise(segments_of(coverage)))
    coverage.etag = uuid.uuid4().hex
