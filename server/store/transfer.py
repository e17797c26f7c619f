"""Export and import of an account's coverages (JSON and CSV).

Import is all-or-nothing: the whole file is validated first, then written in one transaction.
Ids in the file are kept when they are free or already this account's (so re-importing a file
replaces instead of duplicating); an id that belongs to someone else gets a fresh one.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Coverage, CoverageLayer, utcnow
from server.store.coverages import apply_input


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
    apply_input(coverage, {**item, "layers": layers})
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
