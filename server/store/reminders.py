"""Reminders in the database: an account's preferences, each coverage's schedule, and the
queries that find what is due.

A coverage's schedule is worked out again from its timeline whenever it is written (in the same
unit of work as the write, so a coverage is never stored with a stale schedule): rows whose
(kind, subject, event day, lead time) the new schedule still holds keep their state and get the
new time, rows it no longer holds are deleted, and reminders it adds are inserted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from server.db.models import (
    AccountSettings,
    CalendarBlock,
    Coverage,
    CoverageLayer,
    Reminder,
    new_public_id,
    utcnow,
)
from server.domain.reminders import (
    TIMELINE_KINDS,
    Planned,
    Preferences,
    QuietHours,
    due_at,
    events,
    plan,
    worth_creating,
)
from server.domain.timeline import WHOLE_UNIT, place_layers
from server.store import follow_ups
from server.store.coverages import domain_layer

_CHUNK = 500  # ids per IN (...): well under SQLite's and PostgreSQL's parameter limits


# --- preferences ---------------------------------------------------------------------------

# Built once: these run on every list request, and building costs more than running them.
_PREFERENCES = select(AccountSettings.lead_days, AccountSettings.time_zone,
                      AccountSettings.quiet_start, AccountSettings.quiet_end,
                      AccountSettings.language).where(
    AccountSettings.account_id == bindparam("account"))


def preferences(session: Session | Connection, account_id: int) -> Preferences:
    """The account's preferences (a plain read; an ORM session or a connection)."""
    row = session.execute(_PREFERENCES, {"account": account_id}).first()
    return Preferences() if row is None else _preferences(row)


def _preferences(row) -> Preferences:
    quiet = None
    if row.quiet_start and row.quiet_end:
        quiet = QuietHours(time.fromisoformat(row.quiet_start), time.fromisoformat(row.quiet_end))
    return Preferences(lead_days=tuple(row.lead_days), time_zone=row.time_zone,
                       quiet_hours=quiet, language=row.language)


def save_preferences(session: Session, account_id: int, changes: dict[str, Any]) -> Preferences:
    """Apply validated changes; a change of when reminders fire reschedules the whole account."""
    before = preferences(session, account_id)
    row = session.get(AccountSettings, account_id)
    if row is None:
        row = AccountSettings(account_id=account_id, lead_days=list(before.lead_days),
                              time_zone=before.time_zone, language=before.language)
        session.add(row)
    if "lead_days" in changes:
        row.lead_days = sorted(changes["lead_days"], reverse=True)
    if "time_zone" in changes:
        row.time_zone = changes["time_zone"]
    if "quiet_hours" in changes:
        quiet = changes["quiet_hours"]
        row.quiet_start = None if quiet is None else quiet.start.strftime("%H:%M")
        row.quiet_end = None if quiet is None else quiet.end.strftime("%H:%M")
    if "language" in changes:
        row.language = changes["language"]
    row.updated_at = utcnow()
    session.flush()
    after = _preferences(row)
    if after != before:  # the calendar feed's kept events read differently now
        session.execute(delete(CalendarBlock).where(CalendarBlock.coverage_id.in_(
            select(Coverage.id).where(Coverage.account_id == account_id))))
    if (after.lead_days, after.time_zone, after.quiet_hours) != (
            before.lead_days, before.time_zone, before.quiet_hours):
        reschedule_account(session, account_id, after)
    return after


# --- scheduling ----------------------------------------------------------------------------

def reschedule(session: Session, coverage: Coverage, prefs: Preferences | None = None,
               now: datetime | None = None) -> None:
    """Work one coverage's schedule out again (it must have been flushed: it needs its id)."""
    prefs = prefs or preferences(session, coverage.account_id)
    reschedule_many(session, [coverage], prefs, now)
    follow_ups.retime(session, coverage.account_id, prefs, coverage.id)  # muted or not


def reschedule_account(session: Session, account_id: int, prefs: Preferences | None = None,
                       now: datetime | None = None) -> int:
    """Every coverage of the account (after an import, or new preferences), read as plain rows:
    an import of 100,000 coverages must not build 100,000 ORM objects to do it."""
    prefs = prefs or preferences(session, account_id)
    heads = session.execute(select(Coverage.id, Coverage.account_id, Coverage.purchase_date,
                                   Coverage.reminders_muted)
                            .where(Coverage.account_id == account_id)).all()
    layers: dict[int, list[Any]] = {}
    for row in session.execute(select(*_LAYER_COLUMNS).join(Coverage)
                               .where(Coverage.account_id == account_id)
                               .order_by(CoverageLayer.coverage_id, CoverageLayer.position)):
        layers.setdefault(row.coverage_id, []).append(row)
    coverages = [_Plain(h.id, h.account_id, h.purchase_date, bool(h.reminders_muted),
                        layers.get(h.id, [])) for h in heads]
    stored = _stored(session, Reminder.account_id == account_id)
    added = reschedule_many(session, coverages, prefs, now, stored)
    follow_ups.retime(session, account_id, prefs)
    return added


_LAYER_COLUMNS = (CoverageLayer.coverage_id, CoverageLayer.kind, CoverageLayer.component,
                  CoverageLayer.name, CoverageLayer.provider, CoverageLayer.plan_kind,
                  CoverageLayer.term_months, CoverageLayer.end_date, CoverageLayer.lifetime,
                  CoverageLayer.starts, CoverageLayer.start_date, CoverageLayer.state,
                  CoverageLayer.full_refund_days)


@dataclass(frozen=True)
class _Plain:
    """What scheduling reads of a coverage, from plain rows (layer rows have the same names
    as CoverageLayer's attributes)."""

    id: int
    account_id: int
    purchase_date: date
    reminders_muted: bool
    layers: list[Any]


def reschedule_many(session: Session, coverages: Sequence[Coverage | _Plain], prefs: Preferences,
                    now: datetime | None = None, stored: dict | None = None) -> int:
    """Bring the coverages' stored reminders in line with their timelines; returns how many
    reminders were added. Only the timeline's kinds are touched: follow-ups have owners of
    their own."""
    now = now or utcnow()
    if stored is None:
        stored = {}
        for chunk in _chunks([c.id for c in coverages]):
            stored.update(_stored(session, Reminder.coverage_id.in_(chunk)))
    today = now.astimezone(prefs.zone).date()
    inserts, updates, deletes = [], [], []
    for coverage in coverages:
        mine = stored.get(coverage.id, {})
        planned = _planned(coverage, prefs, today, {key[:3] for key in mine})
        full = {p.key: p for p in planned}
        for key, row in mine.items():
            if key not in full:
                deletes.append(row.id)
                continue
            p = full[key]
            updates.append({"id": row.id, "fires_at": p.fires_at, "names": _names(coverage, p),
                            "due_at": due_at(row.state, p.fires_at, row.snoozed_until,
                                             coverage.reminders_muted, prefs),
                            "updated_at": now})
        for p in worth_creating(planned, prefs, now):
            if p.key not in mine:
                inserts.append(_new_row(coverage, p, prefs, now))
    for chunk in _chunks(deletes):
        session.execute(delete(Reminder).where(Reminder.id.in_(chunk)))
    if updates and (changed := _changed_only(updates, stored)):
        session.execute(update(Reminder), changed)
    if inserts:
        session.execute(insert(Reminder), inserts)
    return len(inserts)


def _planned(coverage: Coverage | _Plain, prefs: Preferences, today: date,
             held: set[tuple]) -> list[Planned]:
    """The coverage's reminders, at every lead time. Events already past matter only where
    reminders of them are stored (`held`), so the others are not worked out at all."""
    rows = coverage.layers
    segments = place_layers(coverage.purchase_date, [domain_layer(r) for r in rows])
    refund_days = [row.full_refund_days for row in rows]
    found = events(coverage.purchase_date, segments, refund_days)
    return plan([e for e in found if e.on >= today or (e.kind, e.subject, e.on) in held], prefs)


def _names(coverage: Coverage, planned: Planned) -> list[str]:
    """What the text names: the parts whose warranty ends, or the plans that start or end."""
    names = []
    for index in planned.layers:
        row = coverage.layers[index]
        if row.kind == "manufacturer":
            name = row.component if row.component != WHOLE_UNIT else None
        else:
            name = row.name or row.provider
        if name and name not in names:
            names.append(name)
    return names


def _new_row(coverage: Coverage, p: Planned, prefs: Preferences, now: datetime) -> dict:
    return {"public_id": new_public_id(), "account_id": coverage.account_id,
            "coverage_id": coverage.id, "kind": p.kind, "subject": p.subject,
            "event_on": p.event_on, "lead_days": p.lead, "fires_at": p.fires_at,
            "state": "due", "snoozed_until": None, "acked_at": None,
            "due_at": due_at("due", p.fires_at, None, coverage.reminders_muted, prefs),
            "names": _names(coverage, p), "created_at": now, "updated_at": now}


def _stored(session: Session, where) -> dict[int, dict[tuple, Any]]:
    """Stored timeline reminders matching `where`, by coverage and key."""
    found: dict[int, dict[tuple, Any]] = {}
    columns = (Reminder.id, Reminder.coverage_id, Reminder.kind, Reminder.subject,
               Reminder.event_on, Reminder.lead_days, Reminder.state, Reminder.snoozed_until,
               Reminder.fires_at, Reminder.due_at, Reminder.names)
    for row in session.execute(select(*columns).where(where,
                                                      Reminder.kind.in_(TIMELINE_KINDS))):
        key = (row.kind, row.subject, row.event_on, row.lead_days)
        found.setdefault(row.coverage_id, {})[key] = row
    return found


def _changed_only(updates: list[dict], stored: dict[int, dict[tuple, Any]]) -> list[dict]:
    """Rewriting an unchanged row costs a write per reminder on every edit of a coverage."""
    rows = {row.id: row for mine in stored.values() for row in mine.values()}
    changed = [u for u in updates if (rows[u["id"]].fires_at, rows[u["id"]].due_at,
                                      list(rows[u["id"]].names or [])) !=
               (u["fires_at"], u["due_at"], u["names"])]
    return changed


def _chunks(values: list) -> Iterator[list]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


# --- reading and answering -----------------------------------------------------------------

_LISTED = (Reminder.id, Reminder.public_id, Reminder.kind, Reminder.event_on,
           Reminder.lead_days, Reminder.fires_at, Reminder.state, Reminder.snoozed_until,
           Reminder.due_at, Reminder.names, Coverage.public_id.label("coverage_public_id"),
           Reminder.subject,
           Coverage.title)


def _listing(due: bool):
    now = bindparam("now", type_=Reminder.due_at.type)
    return (select(*_LISTED).join(Coverage, Coverage.id == Reminder.coverage_id)
            .where(Reminder.account_id == bindparam("account"),
                   Reminder.due_at <= now if due else Reminder.due_at > now)
            .order_by(Reminder.due_at, Reminder.id).limit(bindparam("limit")))


_LISTINGS = {"due": _listing(True), "upcoming": _listing(False)}


def listed(connection: Connection, account_id: int, state: str, now: datetime,
           limit: int) -> list[Any]:
    """An account's due reminders (oldest first) or upcoming ones (soonest first)."""
    return list(connection.execute(_LISTINGS[state],
                                   {"account": account_id, "now": now, "limit": limit}))


def one(connection: Connection, reminder_id: int) -> Any:
    query = (select(*_LISTED).join(Coverage, Coverage.id == Reminder.coverage_id)
             .where(Reminder.id == reminder_id))
    return connection.execute(query).one()


def due_batch(connection: Connection, now: datetime, limit: int) -> list[Any]:
    """Due reminders across every account, oldest first: where a dispatcher's pass starts."""
    query = (select(Reminder.id, Reminder.due_at)
             .where(Reminder.due_at <= now).order_by(Reminder.due_at, Reminder.id).limit(limit))
    return list(connection.execute(query))


def owned(session: Session, account_id: int, public_id: str) -> Reminder | None:
    return session.scalar(select(Reminder).where(Reminder.public_id == public_id,
                                                 Reminder.account_id == account_id))


def ack(reminder: Reminder, now: datetime) -> None:
    reminder.state, reminder.acked_at = "acked", now
    reminder.snoozed_until, reminder.due_at, reminder.updated_at = None, None, now


def snooze(session: Session, reminder: Reminder, until: date, prefs: Preferences,
           now: datetime) -> None:
    muted = session.scalar(select(Coverage.reminders_muted).where(
        Coverage.id == reminder.coverage_id))
    reminder.state, reminder.snoozed_until, reminder.updated_at = "snoozed", until, now
    reminder.due_at = due_at("snoozed", reminder.fires_at, until, bool(muted), prefs)


def forget(session: Session, coverage_id: int) -> None:
    """A deleted coverage's reminders go with it (the foreign key cascades too; this does not
    depend on SQLite's foreign_keys pragma being on)."""
    session.execute(delete(Reminder).where(Reminder.coverage_id == coverage_id))


def schedule_everything(session: Session) -> int:
    """Reschedule every coverage of every account (after an upgrade, or to repair); returns the
    number of reminders added. Idempotent."""
    account_ids = list(session.scalars(select(Coverage.account_id).distinct()))
    return sum(reschedule_account(session, account_id) for account_id in account_ids)
