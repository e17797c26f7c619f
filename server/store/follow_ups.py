"""Follow-ups of refund cases and repair claims, stored as reminders (issue 14).

A case or a claim works out its follow-ups (server.domain.refunds.next_steps.follow_ups,
server.domain.refunds.claims.follow_ups) whenever it changes; `sync` brings the reminder rows
about that subject in line with them, in the same unit of work: rows whose (kind, subject,
day, lead) are still wanted keep their state (acknowledged, snoozed) and get the new time,
others are deleted, new ones inserted. Unlike the timeline's reminders, a follow-up already
past is inserted too: the escalation it asks for is still to be done, so it is due at once.
GET /api/v1/reminders lists them with the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from server.db.models import Coverage, Reminder, new_public_id, utcnow
from server.domain.refunds.next_steps import FollowUp
from server.domain.reminders import FOLLOW_UP_KINDS, Preferences, due_at, moment


def sync(session: Session, coverage: Coverage, subject: str, wanted: Sequence[FollowUp],
         names: list[str], prefs: Preferences | None = None,
         now: datetime | None = None) -> None:
    from server.store.reminders import preferences

    prefs = prefs or preferences(session, coverage.account_id)
    now = now or utcnow()
    stored = {(r.kind, r.event_on, r.lead_days): r for r in session.scalars(
        select(Reminder).where(Reminder.coverage_id == coverage.id, Reminder.subject == subject,
                               Reminder.kind.in_(FOLLOW_UP_KINDS)))}
    muted = bool(coverage.reminders_muted)
    planned = {}
    for item in wanted:
        for lead in item.leads:
            planned[(item.kind, item.on, lead)] = moment(item.on - timedelta(days=lead), prefs)
    for key, row in stored.items():
        if key not in planned:
            session.delete(row)
            continue
        fires_at = planned[key]
        if row.fires_at != fires_at or list(row.names or []) != names:
            row.fires_at, row.names, row.updated_at = fires_at, names, now
            row.due_at = due_at(row.state, fires_at, row.snoozed_until, muted, prefs)
    rows = [{"public_id": new_public_id(), "account_id": coverage.account_id,
             "coverage_id": coverage.id, "kind": kind, "subject": subject, "event_on": on,
             "lead_days": lead, "fires_at": fires_at, "state": "due", "snoozed_until": None,
             "acked_at": None, "due_at": due_at("due", fires_at, None, muted, prefs),
             "names": names, "created_at": now, "updated_at": now}
            for (kind, on, lead), fires_at in planned.items() if (kind, on, lead) not in stored]
    session.flush()
    if rows:
        session.execute(insert(Reminder), rows)


def forget(session: Session, subject: str) -> None:
    session.execute(delete(Reminder).where(Reminder.subject == subject,
                                           Reminder.kind.in_(FOLLOW_UP_KINDS)))


def retime(session: Session, account_id: int, prefs: Preferences,
           coverage_id: int | None = None) -> None:
    """New preferences (time zone, quiet hours) or a muted coverage: the follow-ups' times and
    due times worked out again, their states kept."""
    query = (select(Reminder, Coverage.reminders_muted)
             .join(Coverage, Coverage.id == Reminder.coverage_id)
             .where(Reminder.account_id == account_id, Reminder.kind.in_(FOLLOW_UP_KINDS)))
    if coverage_id is not None:
        query = query.where(Reminder.coverage_id == coverage_id)
    for row, muted in session.execute(query):
        fires_at = moment(row.event_on - timedelta(days=row.lead_days), prefs)
        due = due_at(row.state, fires_at, row.snoozed_until, bool(muted), prefs)
        if (row.fires_at, row.due_at) != (fires_at, due):
            row.fires_at, row.due_at = fires_at, due


def sync_case(session: Session, case, today) -> None:
    """A refund case's follow-up: the day its next steps fall due (none once it is closed)."""
    from server.domain.refunds.next_steps import follow_ups, next_steps
    from server.guides import GENERIC, guides

    steps = next_steps(case.state, case.route, case.state_since.date(), today,
                       guides().get(case.platform, guides()[GENERIC]), guides()[GENERIC])
    sync(session, case.coverage, case.public_id, follow_ups(case.public_id, steps), [])
