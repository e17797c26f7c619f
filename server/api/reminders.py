"""Reminders: what is due or coming, acknowledging and snoozing one (issue 13).

Schedules are kept by server.store.reminders whenever a coverage or the account's preferences
are written; these views only read them and change a reminder's state.
"""

from __future__ import annotations

from apiflask import APIBlueprint, abort
from marshmallow import RAISE, ValidationError, missing

from server import db
from server.api.reply import reply
from server.auth import auth, current_account_id
from server.db.models import Reminder, stamp, utcnow
from server.domain.reminders import Preferences, words
from server.errors import Invalid, flatten, problem, summary
from server.schemas.reminders import ReminderList, ReminderOut, ReminderQuery, SnoozeIn
from server.store import reminders as store

bp = APIBlueprint("reminders", __name__, tag="Reminders")


def item(row, prefs: Preferences, now) -> dict:
    """A stored reminder with its text in the account's language, as of today there."""
    today = now.astimezone(prefs.zone).date()
    title, message = words(row.kind, row.event_on, today, row.title, row.names or [],
                           prefs.language)
    return {"id": row.public_id, "coverage_id": row.coverage_public_id, "kind": row.kind,
            "event_on": row.event_on.isoformat(), "lead_days": row.lead_days,
            "fires_at": stamp(row.fires_at), "due_at": stamp(row.due_at), "state": row.state,
            "snoozed_until": None if row.snoozed_until is None else row.snoozed_until.isoformat(),
            "title": title, "message": message, "subject": row.subject or None}


def _owned(reminder_id: str) -> Reminder:
    """Another account's reminder answers 404 exactly like a missing one."""
    reminder = store.owned(db.session(), current_account_id(), reminder_id)
    if reminder is None:
        abort(404, "No reminder with this id in your account.")
    return reminder


def _answer(reminder: Reminder, prefs: Preferences, now):
    session = db.session()
    session.flush()
    return reply(item(store.one(session.connection(), reminder.id), prefs, now))


@bp.post("/reminders/<reminder_id>/ack")
@bp.auth_required(auth)
@bp.output(ReminderOut)
@bp.doc(summary="Acknowledge a reminder: it is never due again (acknowledging twice is fine)")
def ack(reminder_id: str):
    reminder, now = _owned(reminder_id), utcnow()
    if reminder.state != "acked":
        store.ack(reminder, now)
    return _answer(reminder, store.preferences(db.session(), current_account_id()), now)


@bp.post("/reminders/<reminder_id>/snooze")
@bp.auth_required(auth)
@bp.input(SnoozeIn, arg_name="body", validation=False)  # validated once the id is known
@bp.output(ReminderOut)
@bp.doc(summary="Snooze a reminder until a day: due again then, at the account's time of day")
def snooze(reminder_id: str, body):
    reminder = _owned(reminder_id)  # 404 before 422: a wrong id is the first thing to fix
    try:
        until = SnoozeIn().load({} if body is missing else body)["until"]
    except ValidationError as bad:
        errors = list(flatten(bad.messages))
        return problem(422, summary(errors), errors=errors)
    session, now = db.session(), utcnow()
    prefs = store.preferences(session, current_account_id())
    today = now.astimezone(prefs.zone).date()
    if until <= today:
        raise Invalid("until", f"Snooze until a day after today ({today.isoformat()} in "
                      f"{prefs.time_zone}).")
    store.snooze(session, reminder, until, prefs, now)
    return _answer(reminder, prefs, now)


@bp.get("/reminders")
@bp.auth_required(auth)
@bp.input(ReminderQuery, location="query", arg_name="query", unknown=RAISE)
@bp.output(ReminderList)
@bp.doc(summary="Due reminders (oldest first) or upcoming ones (soonest first)",
        description="A muted coverage's reminders and acknowledged ones are in neither list.")
def list_reminders(query):
    connection, account_id, now = db.reader(), current_account_id(), utcnow()
    prefs = store.preferences(connection, account_id)
    rows = store.listed(connection, account_id, query["state"], now, query["limit"])
    return reply({"items": [item(row, prefs, now) for row in rows]})
