"""Export and import of an account's coverages (JSON and CSV).

Import is all-or-nothing: the whole file is validated first, then written in one transaction.
Ids in the file are kept when they are free or already this account's (so re-importing a file
replaces instead of duplicating); an id that belongs to someone else gets a fresh one.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Coverage, CoverageLayer, stamp, utcnow
from server.domain.money import format_amount
from server.store import records
from server.store.records import CANCELLATION_COLUMNS, LAYER_FIELDS, PRODUCT_FIELDS


def export_coverage(coverage: Coverage) -> dict[str, Any]:
    """The input shape plus ids and timestamps; no derived dates (they are recomputed)."""
    product = {name: getattr(coverage, name) for name in PRODUCT_FIELDS}
    product["price"] = format_amount(coverage.price, coverage.currency)
    return {
        "id": coverage.public_id,
        "product": product,
        "purchase_date": coverage.purchase_date.isoformat(),
        "order_ref": coverage.order_ref,
        "notes": coverage.notes,
        "tags": list(coverage.tags or []),
        "layers": [export_layer(layer) for layer in coverage.layers],
        "created_at": stamp(coverage.created_at),
        "updated_at": stamp(coverage.updated_at),
    }


def export_layer(layer: CoverageLayer) -> dict[str, Any]:
    out = {"id": layer.public_id, **{name: getattr(layer, name) for name in LAYER_FIELDS}}
    out["price"] = format_amount(layer.price, layer.currency)
    for name in ("end_date", "start_date"):
        out[name] = out[name] and out[name].isoformat()
    cancellation = {key: getattr(layer, col) for key, col in CANCELLATION_COLUMNS.items()}
    cancellation["fee"] = format_amount(layer.refund_fee, layer.currency)
    has_terms = any(v is not None for v in cancellation.values())
    out["cancellation"] = cancellation if has_terms else None
    return out


def account_coverages(session: Session, account_id: int) -> list[Coverage]:
    stmt = select(Coverage).where(Coverage.account_id == account_id).order_by(Coverage.id)
    return list(session.scalars(stmt))


def import_coverages(session: Session, account_id: int, items: list[dict]) -> tuple[int, int]:
    """Write validated items; the caller commits (or rolls back on any error)."""
    wanted = [str(item["id"]) for item in items if item.get("id")]
    taken = _existing(session, wanted)
    replaced = 0
    for item in items:
        public_id = str(item["id"]) if item.get("id") else None
        coverage = taken.get(public_id)
        if coverage is not None and coverage.account_id == account_id:
            replaced += 1
        else:
            coverage = Coverage(account_id=account_id)
            if public_id and public_id not in taken:
                coverage.public_id = public_id
        _fill(session, coverage, item)
        session.add(coverage)
    return len(items) - replaced, replaced


def _existing(session: Session, public_ids: list[str]) -> dict[str, Coverage]:
    found = {}
    for start in range(0, len(public_ids), 500):
        chunk = public_ids[start : start + 500]
        for row in session.scalars(select(Coverage).where(Coverage.public_id.in_(chunk))):
            found[row.public_id] = row
    return found


def _fill(session: Session, coverage: Coverage, item: dict) -> None:
    if coverage.id is not None:
        coverage.layers.clear()
        session.flush()  # old layers go before new ones may reuse their ids
    with session.no_autoflush:
        layers = [dict(layer, id=_free_layer_id(session, coverage, layer))
                  for layer in item["layers"]]
    records.apply_input(coverage, {**item, "layers": layers})
    now = utcnow()
    coverage.created_at = item.get("created_at") or coverage.created_at or now
    coverage.updated_at = item.get("updated_at") or now


def _free_layer_id(session: Session, coverage: Coverage, layer: dict) -> str:
    wanted = str(layer["id"]) if layer.get("id") else None
    if wanted is None:
        return str(uuid.uuid4())
    owner = session.scalar(select(CoverageLayer.coverage_id).where(
        CoverageLayer.public_id == wanted))
    return wanted if owner is None or owner == coverage.id else str(uuid.uuid4())
