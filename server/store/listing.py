"""Listing an account's coverages: filters, sort orders and keyset (cursor) pagination.

Keyset pagination keeps every page as cheap as the first, and a cursor stays valid while rows
are added or removed around it. The cursor is opaque to clients: base64url JSON of the sort
key and row id of the last item, plus the sort it belongs to.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, or_, select, tuple_
from sqlalchemy.orm import Session

from server.db.models import Coverage

_COLUMNS = {
    "purchase_date": Coverage.purchase_date,
    "covered_until": Coverage.covered_until,
    "created_at": Coverage.created_at,
    "title": Coverage.title,
}
_PARSE = {
    "purchase_date": date.fromisoformat,
    "covered_until": date.fromisoformat,
    "created_at": datetime.fromisoformat,
    "title": str,
}


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    site: str | None = None
    category: str | None = None
    ending_before: date | None = None
    q: str | None = None


def encode_cursor(sort: str, row) -> str:
    value = getattr(row, sort.lstrip("-"))
    raw = json.dumps([sort, value if isinstance(value, str) else value.isoformat(), row.id])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(sort: str, cursor: str):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, value, row_id = json.loads(raw)
        if cursor_sort != sort or not isinstance(row_id, int):
            raise BadCursor("This cursor belongs to another sort order; start again without it.")
        return _PARSE[sort.lstrip("-")](value), row_id
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
        if isinstance(exc, BadCursor):
            raise
        raise BadCursor(
            "The cursor is not one this service handed out; start again without it."
        ) from exc


def _status_clause(status: str, today: date, soon_days: int):
    if status in ("refunded", "void"):
        return Coverage.cover_state == status
    soon = today + timedelta(days=soon_days)
    dated = Coverage.cover_state == "dated"
    started = Coverage.covered_from <= today
    return and_(dated, {
        "upcoming": Coverage.covered_from > today,
        "ended": Coverage.covered_until < today,
        "ending_soon": and_(started, Coverage.covered_until >= today,
                            Coverage.covered_until <= soon),
        "active": and_(started, Coverage.covered_until > soon),
    }[status])


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(account_id: int, f: Filters, today: date, soon_days: int, column) -> Select:
    stmt = select(Coverage.id, Coverage.etag, column).where(Coverage.account_id == account_id)
    if f.status:
        stmt = stmt.where(_status_clause(f.status, today, soon_days))
    if f.site:
        stmt = stmt.where(Coverage.site == f.site)
    if f.category:
        stmt = stmt.where(Coverage.category == f.category)
    if f.ending_before:
        stmt = stmt.where(Coverage.cover_state == "dated",
                          Coverage.covered_until < f.ending_before)
    if f.q:
        pattern = _like(f.q)
        columns = (Coverage.title, Coverage.brand, Coverage.model, Coverage.order_ref)
        stmt = stmt.where(or_(*(c.ilike(pattern, escape="\\") for c in columns)))
    return stmt


def list_page(session: Session, account_id: int, filters: Filters, *, sort: str, limit: int,
              cursor: str | None, today: date, soon_days: int) -> tuple[list, str | None]:
    """Rows of (id, etag, sort value) for one page, and the cursor of the next page."""
    column = _COLUMNS[sort.lstrip("-")]
    descending = sort.startswith("-")
    stmt = _filtered(account_id, filters, today, soon_days, column)
    if cursor:
        value, row_id = decode_cursor(sort, cursor)
        key, after = tuple_(column, Coverage.id), tuple_(value, row_id)
        stmt = stmt.where(key < after if descending else key > after)
    order = (column.desc(), Coverage.id.desc()) if descending else (column, Coverage.id)
    rows = list(session.connection().execute(stmt.order_by(*order).limit(limit + 1)))
    next_cursor = encode_cursor(sort, rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], next_cursor
