"""Listing an account's coverages: filters, sort orders and keyset (cursor) pagination.

Keyset pagination keeps every page as cheap as the first, and a cursor stays valid while rows
are added or removed around it. The cursor is opaque to clients: base64url JSON of the sort
key and row id of the last item, plus the sort it belongs to.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from sqlalchemy import Date, Select, and_, bindparam, or_, select, tuple_

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
    subcategory: str | None = None
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


def _status_clause(status: str):
    """Statuses as date predicates on the stored summary (see server.domain.timeline.Summary)."""
    if status in ("refunded", "void"):
        return Coverage.cover_state == status
    today, soon = bindparam("today", type_=Date), bindparam("soon", type_=Date)
    started = Coverage.covered_from <= today
    return and_(Coverage.cover_state == "dated", {
        "upcoming": Coverage.covered_from > today,
        "ended": Coverage.covered_until < today,
        "ending_soon": and_(started, Coverage.covered_until >= today,
                            Coverage.covered_until <= soon),
        "active": and_(started, Coverage.covered_until > soon),
    }[status])


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@lru_cache(maxsize=512)
def _statement(sort: str, status: str | None, site: bool, category: bool, subcategory: bool,
               ending: bool, words: bool, after: bool) -> Select:
    """One statement per shape of query, with bind parameters for the values.

    Built once and reused: building and keying a fresh statement per request costs more than
    running it.
    """
    column = _COLUMNS[sort.lstrip("-")]
    descending = sort.startswith("-")
    stmt = select(Coverage.id, Coverage.etag, column).where(
        Coverage.account_id == bindparam("account"))
    if status:
        stmt = stmt.where(_status_clause(status))
    if site:
        stmt = stmt.where(Coverage.site == bindparam("site"))
    if category:
        stmt = stmt.where(Coverage.category == bindparam("category"))
    if subcategory:
        stmt = stmt.where(Coverage.subcategory == bindparam("subcategory"))
    if ending:
        stmt = stmt.where(Coverage.cover_state == "dated",
                          Coverage.covered_until < bindparam("ending_before", type_=Date))
    if words:
        columns = (Coverage.title, Coverage.brand, Coverage.model, Coverage.order_ref)
        stmt = stmt.where(or_(*(c.ilike(bindparam("q"), escape="\\") for c in columns)))
    if after:
        key = tuple_(column, Coverage.id)
        mark = tuple_(bindparam("after_value", type_=column.type), bindparam("after_id"))
        stmt = stmt.where(key < mark if descending else key > mark)
    order = (column.desc(), Coverage.id.desc()) if descending else (column, Coverage.id)
    return stmt.order_by(*order).limit(bindparam("limit"))


def list_page(read: Callable[[Select, dict], list], account_id: int, filters: Filters, *,
              sort: str, limit: int, cursor: str | None, today: date,
              soon_days: int) -> tuple[list, str | None]:
    """Rows of (id, etag, sort value) for one page, and the cursor of the next page. `read`
    runs a statement with its values (server.db.read_all)."""
    f = filters
    values = {"account": account_id, "limit": limit + 1, "today": today,
              "soon": today + timedelta(days=soon_days), "site": f.site,
              "category": f.category, "subcategory": f.subcategory,
              "ending_before": f.ending_before,
              "q": _like(f.q) if f.q else None}
    if cursor:
        values["after_value"], values["after_id"] = decode_cursor(sort, cursor)
    stmt = _statement(sort, f.status, bool(f.site), bool(f.category), bool(f.subcategory),
                      bool(f.ending_before), bool(f.q), bool(cursor))
    rows = read(stmt, values)  # values a shape does not use are ignored
    next_cursor = encode_cursor(sort, rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], next_cursor
