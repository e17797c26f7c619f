"""One builder for a coverage as JSON: the API's dated record, the timeline and the export.

The export is the input shape plus ids and timestamps (what an import needs to rebuild the row);
the API's record adds each layer's dates, status and months added, which are always derived from
the stored inputs and never stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from server.db.models import Coverage, CoverageLayer, stamp
from server.domain.money import format_amount
from server.domain.timeline import Segment, added_months, build_rows, summarise
from server.store.coverages import (
    CANCELLATION_COLUMNS,
    LAYER_FIELDS,
    PRODUCT_FIELDS,
    segments_of,
)


def _iso(value) -> str | None:
    return None if value is None else value.isoformat()


def product(coverage: Coverage) -> dict[str, Any]:
    out = {name: getattr(coverage, name) for name in PRODUCT_FIELDS}
    out["price"] = format_amount(coverage.price, coverage.currency)
    return out


def layer(row: CoverageLayer) -> dict[str, Any]:
    """A layer as it was given: what an import reads back."""
    out = {"id": row.public_id, **{name: getattr(row, name) for name in LAYER_FIELDS}}
    out["price"] = format_amount(row.price, row.currency)
    out["end_date"] = _iso(row.end_date)
    out["start_date"] = _iso(row.start_date)
    terms = {key: getattr(row, column) for key, column in CANCELLATION_COLUMNS.items()}
    if any(value is not None for value in terms.values()):
        terms["fee"] = format_amount(row.refund_fee, row.currency)
        out["cancellation"] = terms
    else:
        out["cancellation"] = None
    return out


def dated_layer(row: CoverageLayer, segment: Segment, segments: list[Segment], today: date,
                soon: int) -> dict[str, Any]:
    out = layer(row)
    out["starts_on"] = segment.starts_on.isoformat()
    out["ends_on"] = _iso(segment.ends_on)
    out["status"] = segment.status(today, soon)
    out["days_left"] = segment.days_left(today)
    added = added_months(segment, segments)
    out["added_months"] = None if added is None else str(added)
    return out


def _head(coverage: Coverage) -> dict[str, Any]:
    return {
        "id": coverage.public_id,
        "product": product(coverage),
        "purchase_date": coverage.purchase_date.isoformat(),
        "order_ref": coverage.order_ref,
        "notes": coverage.notes,
        "tags": list(coverage.tags or []),
    }


def _stamps(coverage: Coverage) -> dict[str, Any]:
    return {"created_at": stamp(coverage.created_at), "updated_at": stamp(coverage.updated_at)}


def exported(coverage: Coverage) -> dict[str, Any]:
    """The input shape plus ids and timestamps; no derived dates (an import recomputes them)."""
    return {**_head(coverage), "layers": [layer(row) for row in coverage.layers],
            **_stamps(coverage), "reminders_muted": bool(coverage.reminders_muted)}


def record(coverage: Coverage, today: date, soon: int) -> dict[str, Any]:
    segments = segments_of(coverage)
    summary = summarise(segments)
    return {
        **_head(coverage),
        "status": summary.status(today, soon),
        "covered_from": _iso(summary.covered_from),
        "covered_until": _iso(summary.covered_until),
        "whole_unit_until": _iso(summary.whole_unit_until),
        "layers": [dated_layer(row, seg, segments, today, soon)
                   for row, seg in zip(coverage.layers, segments, strict=True)],
        "reminders_muted": bool(coverage.reminders_muted),
        **_stamps(coverage),
    }


def timeline(coverage: Coverage, today: date, soon: int) -> dict[str, Any]:
    segments = segments_of(coverage)
    summary = summarise(segments)
    ids = [row.public_id for row in coverage.layers]
    layers = {seg.index: dated_layer(row, seg, segments, today, soon)
              for row, seg in zip(coverage.layers, segments, strict=True)}

    def span(s) -> dict:
        return {"starts_on": s.starts_on.isoformat(), "ends_on": _iso(s.ends_on),
                "layers": [ids[i] for i in s.layers]}

    return {
        "id": coverage.public_id,
        "as_of": today.isoformat(),
        "status": summary.status(today, soon),
        "covered_from": _iso(summary.covered_from),
        "covered_until": _iso(summary.covered_until),
        "rows": [{"component": row.component,
                  "segments": [layers[s.index] for s in row.segments],
                  "gaps": [span(g) for g in row.gaps],
                  "overlaps": [span(o) for o in row.overlaps]}
                 for row in build_rows(coverage.purchase_date, segments)],
    }
