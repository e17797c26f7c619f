"""Calendar feeds in the database: each account's secret address, and what its feed shows.

The address is `/calendar/<secret>.ics`, and the secret is the only credential a calendar app
can send. How it is kept:

- Each account has a random nonce (`secrets.token_urlsafe(32)`, 256 bits), drawn when it first
  asks for its address and again on every rotation.
- The secret is HMAC-SHA256(server key, nonce), base64url: 43 characters, 256 bits. The server
  key is `YANBAO_CALENDAR_KEY`. With it set, a copy of the database alone (a backup, a leaked
  dump) does not give anyone a feed address; the service can still show the account its own
  address whenever it asks (GET /api/v1/calendar), because it can work the secret out again.
  Unset, the key is empty and the address can be worked out from the database, as with
  services that store feed tokens as they are.
- What is stored to find an account by its secret is the secret's SHA-256 (`lookup`, unique,
  so indexed). A request's secret is hashed and looked up by that digest: the database
  compares digests, which an attacker cannot steer byte by byte, so how long a wrong secret
  takes says nothing about how close it came (bench/bench_calendar.py measures it), and
  nothing compares secrets themselves.
- Rotating draws a new nonce and stores the new digest in the same row: the old address
  matches no row from then on (404). Changing the server key changes every address; an
  account's row follows the new key the next time it asks for its address, and the old
  address keeps working until then.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server.db.models import (
    Account,
    CalendarBlock,
    CalendarFeed,
    Coverage,
    CoverageLayer,
    utcnow,
)
from server.domain.reminders import events
from server.domain.reminders.calendar import FeedEvent
from server.domain.timeline import place_layers
from server.store.coverages import domain_layer
from server.store.reminders import _LAYER_COLUMNS, _names

_CONTEXT = b"yanbao calendar feed\x00"
SECRET_LENGTH = 43  # base64url of 32 bytes, unpadded
_CHUNK = 500
_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def secret_of(key: str, nonce: str) -> str:
    mac = hmac.new(key.encode(), _CONTEXT + nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def lookup_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def address(session: Session, account_id: int, key: str) -> str:
    """The account's current secret: made on first use, brought up to date after a change of
    server key."""
    row = session.get(CalendarFeed, account_id)
    if row is None:
        return _first(session, account_id, key)
    secret = secret_of(key, row.nonce)
    if row.lookup != (wanted := lookup_of(secret)):
        row.lookup = wanted
        session.flush()
    return secret


def _first(session: Session, account_id: int, key: str) -> str:
    """Two devices asking at once both get the one row that was stored (the second insert does
    nothing, and the row is read again)."""
    nonce = secrets.token_urlsafe(32)
    secret = secret_of(key, nonce)
    now = utcnow()
    insert = _INSERTS[session.get_bind().dialect.name](CalendarFeed)
    session.execute(insert.values(account_id=account_id, nonce=nonce, lookup=lookup_of(secret),
                                  created_at=now, rotated_at=now).on_conflict_do_nothing())
    stored = session.scalar(select(CalendarFeed.nonce).where(
        CalendarFeed.account_id == account_id))
    return secret if stored == nonce else address(session, account_id, key)


def rotate(session: Session, account_id: int, key: str) -> str:
    """A new secret; the old one stops working at once."""
    if session.get(CalendarFeed, account_id) is None:
        address(session, account_id, key)
    nonce = secrets.token_urlsafe(32)
    secret = secret_of(key, nonce)
    session.execute(update(CalendarFeed).where(CalendarFeed.account_id == account_id)
                    .values(nonce=nonce, lookup=lookup_of(secret), rotated_at=utcnow()))
    session.expire_all()
    return secret


# Built once: the feed's one lookup, run as a prepared read (server.db.prepared).
BY_LOOKUP = (select(CalendarFeed.account_id, Account.public_id)
             .join(Account, Account.id == CalendarFeed.account_id)
             .where(CalendarFeed.lookup == bindparam("lookup")))


# --- what the feed shows ---------------------------------------------------------------

# What building a coverage's events reads of the coverage itself (feed_events).
_HEAD_COLUMNS = (Coverage.id, Coverage.public_id, Coverage.etag, Coverage.title,
                 Coverage.purchase_date, Coverage.updated_at)
_HEADS = (select(*_HEAD_COLUMNS)
          .where(Coverage.account_id == bindparam("account"),
                 Coverage.reminders_muted.is_(False))
          .order_by(Coverage.purchase_date, Coverage.id))


def heads(connection: Connection, account_id: int) -> list[Any]:
    """The account's coverages that are not muted, oldest purchase first: id, public_id, etag,
    title, purchase_date, updated_at."""
    return list(connection.execute(_HEADS, {"account": account_id}))


def layers_of(connection: Connection, coverage_ids: Sequence[int]) -> dict[int, list[Any]]:
    """Layer rows (the columns scheduling reads) by coverage, in order."""
    found: dict[int, list[Any]] = {}
    for chunk in _chunks(list(coverage_ids)):
        query = (select(*_LAYER_COLUMNS).where(CoverageLayer.coverage_id.in_(chunk))
                 .order_by(CoverageLayer.coverage_id, CoverageLayer.position))
        for row in connection.execute(query):
            found.setdefault(row.coverage_id, []).append(row)
    return found


class _Rows:
    """What server.store.reminders._names reads: a coverage's layer rows."""

    def __init__(self, layers: list[Any]):
        self.layers = layers


def feed_events(head: Any, layers: list[Any]) -> list[FeedEvent]:
    """One coverage's events, as the reminders schedule finds them, with the text's names."""
    segments = place_layers(head.purchase_date, [domain_layer(r) for r in layers])
    found = events(head.purchase_date, segments, [r.full_refund_days for r in layers])
    rows = _Rows(layers)
    return [FeedEvent(head.public_id, head.title, event, _names(rows, event), head.updated_at)
            for event in found]


# --- kept blocks (server.serialize.calendar) ---------------------------------------------

_KEPT = select(CalendarBlock.coverage_id, CalendarBlock.key, CalendarBlock.block,
               CalendarBlock.valid_from, CalendarBlock.valid_until)
_KEPT_OF_ACCOUNT = _KEPT.join(Coverage, Coverage.id == CalendarBlock.coverage_id).where(
    Coverage.account_id == bindparam("account"))
_FEW = 50  # up to this many blocks are looked up by id; more, by account (one parameter)


def kept(connection: Connection, account_id: int,
         coverage_ids: Sequence[int]) -> dict[int, Any]:
    """Stored blocks of these coverages of the account, by coverage id: key, block,
    valid_from, valid_until (and perhaps others of the account's)."""
    if len(coverage_ids) > _FEW:
        return {row.coverage_id: row
                for row in connection.execute(_KEPT_OF_ACCOUNT, {"account": account_id})}
    return {row.coverage_id: row for row in connection.execute(
        _KEPT.where(CalendarBlock.coverage_id.in_(list(coverage_ids))))}


def keep(engine: Engine, rows: Sequence[dict]) -> None:
    """Store built blocks (coverage_id, etag, key, block, valid_from, valid_until), replacing older
    ones, in a transaction of its own. A coverage deleted meanwhile makes the insert fail on
    its foreign key: then nothing of this batch is kept, which costs only a rebuild."""
    if not rows:
        return
    now = utcnow()
    with engine.begin() as connection:
        insert = _INSERTS[connection.dialect.name](CalendarBlock)
        for chunk in _chunks([{**row, "built_at": now} for row in rows]):
            statement = insert.values(chunk)
            connection.execute(statement.on_conflict_do_update(
                index_elements=[CalendarBlock.coverage_id],
                set_={name: statement.excluded[name]
                      for name in ("etag", "key", "block", "valid_from", "valid_until",
                                   "built_at")}))


def stale(connection: Connection, limit: int) -> list[Any]:
    """Coverages of accounts that have a feed address, not muted, with no kept block or one
    kept before their last write: what the dispatcher's loop builds ahead of the next fetch.
    Rows are heads (as `heads` gives) with account_id and account (its public id)."""
    query = (select(*_HEAD_COLUMNS, Coverage.account_id, Account.public_id.label("account"))
             .join(CalendarFeed, CalendarFeed.account_id == Coverage.account_id)
             .join(Account, Account.id == Coverage.account_id)
             .outerjoin(CalendarBlock, CalendarBlock.coverage_id == Coverage.id)
             .where(Coverage.reminders_muted.is_(False),
                    or_(CalendarBlock.coverage_id.is_(None), CalendarBlock.etag != Coverage.etag))
             .order_by(Coverage.account_id, Coverage.id).limit(limit))
    return list(connection.execute(query))


def _chunks(values: list) -> Iterator[list]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]
