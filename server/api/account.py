"""The account's reminder preferences: lead times, time zone, quiet hours, language."""

from __future__ import annotations

from apiflask import APIBlueprint

from server import db
from server.api.reply import reply
from server.auth import auth, current_account_id
from server.domain.reminders import Preferences
from server.schemas.reminders import AccountOut, AccountPatch
from server.store import accounts
from server.store import reminders as store

bp = APIBlueprint("account", __name__, tag="Account")


def _body(public_id: str, prefs: Preferences) -> dict:
    quiet = prefs.quiet_hours
    return {"id": public_id, "lead_days": list(prefs.lead_days), "time_zone": prefs.time_zone,
            "quiet_hours": None if quiet is None else quiet.to_json(),
            "language": prefs.language}


@bp.get("/account")
@bp.auth_required(auth)
@bp.output(AccountOut)
@bp.doc(summary="This account's reminder preferences (defaults until changed)")
def get_account():
    session, account_id = db.session(), current_account_id()
    return reply(_body(accounts.account_public_id(session, account_id),
                       store.preferences(session, account_id)))


@bp.patch("/account")
@bp.auth_required(auth)
@bp.input(AccountPatch, arg_name="body", example={
    "lead_days": [30, 7, 0], "time_zone": "Asia/Shanghai",
    "quiet_hours": {"start": "22:00", "end": "08:00"}, "language": "zh"})
@bp.output(AccountOut)
@bp.doc(summary="Change some preferences; a new lead time, zone or quiet hours reschedules "
        "every reminder at once")
def patch_account(body):
    session, account_id = db.session(), current_account_id()
    prefs = store.save_preferences(session, account_id, body)
    return reply(_body(accounts.account_public_id(session, account_id), prefs))
