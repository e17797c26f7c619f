"""Deliveries of due reminders to channels: made, claimed, marked, recorded.

Every step is one short write transaction of its own (`writing`), so several dispatchers, on
one host or many, only ever wait for each other for a statement:

- `enqueue` inserts a pending delivery for each due reminder × channel of its account that has
  none (the unique key and ON CONFLICT DO NOTHING make two dispatchers doing it at once agree);
- `claim` takes up to n ready rows in one UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP
  LOCKED) RETURNING: on PostgreSQL concurrent claimers skip each other's rows; on SQLite the
  transaction starts with BEGIN IMMEDIATE, so claims run one after another, each seeing the last;
- `mark_sending` moves one row to `sending` only under the claim token that claimed it, and
  `record` writes the outcome and the attempt. The states: server.domain.reminders.delivery.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    String,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from server.db.models import (
    Channel,
    Coverage,
    Delivery,
    DeliveryAttempt,
    Reminder,
    UTCDateTime,
)
from server.domain.reminders.delivery import OPEN
from server.domain.reminders.preferences import MAX_LEAD_DAYS

INTERRUPTED = ("The dispatcher stopped after it began sending and before it recorded the "
               "outcome; not sent again, so it cannot arrive twice.")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction; on SQLite it takes the write lock first (BEGIN IMMEDIATE), so a
    read in it is never of a state another writer is about to change."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.rollback()
            raise
        connection.commit()


def _occurrence():
    """'' for a reminder's own time; the snoozed day for a snoozed one (YYYY-MM-DD)."""
    return case((Reminder.state == "snoozed",
                 func.coalesce(cast(Reminder.snoozed_until, String(10)), "")), else_="")


def enqueue(connection: Connection, now: datetime, max_age: timedelta) -> int:
    """A pending delivery for each due reminder to each channel of its account that has none for
    this occurrence; returns how many were added. Reminders of events over for more than
    `max_age` are not pushed (a channel added today does not bring last year's reminders); a
    reminder is due at most MAX_LEAD_DAYS before its event, which bounds the index range."""
    at = literal(now, UTCDateTime)
    occurrence = _occurrence()
    candidates = (
        select(Reminder.id, Channel.id, Reminder.account_id, occurrence, literal("pending"),
               literal(0), at, at, at)
        .join(Channel, Channel.account_id == Reminder.account_id)
        .where(Reminder.due_at <= now,
               Reminder.due_at > now - max_age - timedelta(days=MAX_LEAD_DAYS + 1),
               Reminder.event_on >= (now - max_age).date(),
               ~exists().where(Delivery.reminder_id == Reminder.id,
                               Delivery.channel_id == Channel.id,
                               Delivery.occurrence == occurrence)))
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = (dialect.insert(Delivery)
                 .from_select(["reminder_id", "channel_id", "account_id", "occurrence", "state",
                               "attempts", "ready_at", "created_at", "updated_at"], candidates)
                 .on_conflict_do_nothing(index_elements=["reminder_id", "channel_id",
                                                         "occurrence"])
                 .returning(Delivery.id))
    return len(connection.execute(statement).all())


def expire_sending(connection: Connection, me: str, now: datetime) -> int:
    """Rows left `sending` by a dispatcher that died mid-send become `unknown` (never resent)."""
    ids = list(connection.scalars(
        update(Delivery).where(Delivery.state == "sending", Delivery.ready_at <= now)
        .values(state="unknown", ready_at=None, last_error=INTERRUPTED, updated_at=now)
        .returning(Delivery.id)))
    if ids:
        connection.execute(insert(DeliveryAttempt), [
            {"delivery_id": i, "at": now, "dispatcher": me, "outcome": "interrupted",
             "error": INTERRUPTED, "duration_ms": None} for i in ids])
    return len(ids)


def claim(connection: Connection, me: str, now: datetime, lease: timedelta,
          limit: int) -> list[int]:
    """Up to `limit` ready rows (pending, or claimed by someone whose lease ran out), now ours."""
    ready = (select(Delivery.id)
             .where(Delivery.state.in_(OPEN), Delivery.ready_at <= now)
             .order_by(Delivery.ready_at, Delivery.id).limit(limit)
             .with_for_update(skip_locked=True))
    statement = (update(Delivery).where(Delivery.id.in_(ready.scalar_subquery()))
                 .values(state="claimed", claimed_by=me, ready_at=now + lease, updated_at=now)
                 .returning(Delivery.id))
    return sorted(connection.scalars(statement))


_WORK = (Delivery.id, Delivery.attempts, Delivery.occurrence, Delivery.account_id,
         Delivery.channel_id, Reminder.kind, Reminder.event_on, Reminder.names,
         Reminder.due_at, Reminder.state.label("reminder_state"), Reminder.snoozed_until,
         Coverage.title, Channel.url_encrypted, Channel.masked)


def work(connection: Connection, ids: list[int]) -> list[Any]:
    """What sending the claimed rows needs: the reminder, its product, the channel."""
    if not ids:
        return []
    return list(connection.execute(
        select(*_WORK).join(Reminder, Reminder.id == Delivery.reminder_id)
        .join(Coverage, Coverage.id == Reminder.coverage_id)
        .join(Channel, Channel.id == Delivery.channel_id)
        .where(Delivery.id.in_(ids)).order_by(Delivery.id)))


def still_due(row, now: datetime) -> bool:
    """The reminder is due now, for the occurrence this delivery is of."""
    if row.due_at is None or row.due_at > now:
        return False
    current = row.snoozed_until.isoformat() if (
        row.reminder_state == "snoozed" and row.snoozed_until) else ""
    return current == row.occurrence


def _mine(delivery_id: int, me: str, state: str):
    return and_(Delivery.id == delivery_id, Delivery.claimed_by == me, Delivery.state == state)


def mark_sending(connection: Connection, delivery_id: int, me: str, now: datetime,
                 lease: timedelta) -> bool:
    """True when the row is still ours to send (nobody took it over after our lease ran out)."""
    result = connection.execute(
        update(Delivery).where(_mine(delivery_id, me, "claimed"))
        .values(state="sending", attempts=Delivery.attempts + 1, ready_at=now + lease,
                updated_at=now))
    return result.rowcount == 1


def record(connection: Connection, delivery_id: int, me: str, now: datetime, ok: bool,
           error: str | None, duration_ms: int, retry_at: datetime | None) -> None:
    """The outcome of our send. A row another dispatcher already marked `unknown` (our send
    outlasted the lease) gets the outcome too: we know it now."""
    if ok:
        values = {"state": "sent", "sent_at": now, "ready_at": None, "last_error": None}
    elif retry_at is None:
        values = {"state": "failed", "ready_at": None, "last_error": error}
    else:
        values = {"state": "pending", "ready_at": retry_at, "last_error": error}
    result = connection.execute(
        update(Delivery).where(Delivery.id == delivery_id,
                               ((Delivery.claimed_by == me) & (Delivery.state == "sending"))
                               | (Delivery.state == "unknown"))
        .values(**values, updated_at=now))
    if result.rowcount == 0 and connection.scalar(
            select(Delivery.id).where(Delivery.id == delivery_id)) is None:
        return  # its channel or reminder was deleted while it was being sent
    connection.execute(insert(DeliveryAttempt).values(
        delivery_id=delivery_id, at=now, dispatcher=me, outcome="sent" if ok else "failed",
        error=None if ok else error, duration_ms=duration_ms))


def put_back(connection: Connection, delivery_id: int, me: str, ready_at: datetime,
             now: datetime) -> None:
    """Not now (quiet hours; a dispatcher stopping): pending again from `ready_at`."""
    connection.execute(update(Delivery).where(_mine(delivery_id, me, "claimed"))
                       .values(state="pending", claimed_by=None, ready_at=ready_at,
                               updated_at=now))


def withdraw(connection: Connection, row, me: str, now: datetime) -> None:
    """The reminder is no longer due (acknowledged, muted, snoozed, rescheduled): a delivery
    never tried is deleted (enqueue makes a new one if it falls due again); one with tries
    behind it is kept as `cancelled`, with its history."""
    if row.attempts == 0:
        connection.execute(delete(Delivery).where(_mine(row.id, me, "claimed")))
    else:
        connection.execute(update(Delivery).where(_mine(row.id, me, "claimed"))
                           .values(state="cancelled", ready_at=None, updated_at=now))


def release_all(connection: Connection, me: str, now: datetime) -> int:
    """Everything still claimed by `me`, back to pending (a clean shutdown)."""
    result = connection.execute(update(Delivery)
                                .where(Delivery.claimed_by == me, Delivery.state == "claimed")
                                .values(state="pending", claimed_by=None, ready_at=now,
                                        updated_at=now))
    return result.rowcount or 0
