"""The calendar feed (issue 13): the account's secret feed address, a new one on request, and
the feed itself at that address.

`GET /calendar/<secret>.ics` takes no token: calendar apps cannot send one, so the secret in
the address is the credential (server.store.calendar says how it is made, kept and checked).
A wrong, old or malformed secret answers the same 404.
"""

from __future__ import annotations

import hashlib

from apiflask import APIBlueprint, FileSchema, abort
from flask import Response, current_app, request

from server import db
from server.api.reply import reply
from server.auth import auth, current_account_id
from server.db.models import utcnow
from server.schemas.calendar import CalendarOut
from server.serialize.calendar import feeds
from server.store import calendar as store
from server.store import reminders

bp = APIBlueprint("calendar", __name__, tag="Calendar")
feed_bp = APIBlueprint("calendar_feed", __name__, tag="Calendar")

ICS = "text/calendar"
# The feed changes only when the account's data does, and calendar apps poll it every few
# hours at most: a client may reuse its copy for 15 minutes, then revalidates with the ETag.
# `private`: it is one account's data behind a secret address, never for a shared cache.
MAX_AGE = 900
NOT_HERE = "No calendar feed at this address; copy the current one from the extension's options."


def _answer(secret: str):
    response = reply({"url": f"/calendar/{secret}.ics"})
    response.headers["Cache-Control"] = "no-store"  # it holds a credential
    return response


@bp.get("/calendar")
@bp.auth_required(auth)
@bp.output(CalendarOut)
@bp.doc(summary="This account's calendar feed address (made on first use)",
        description="Subscribe to it by URL in a calendar app: an all-day event for every day "
        "a warranty, part or plan ends, a plan starts, a full refund closes or a card's "
        "extension ends, with alarms at the account's lead times, in its language. Muted "
        "coverages are left out.")
def get_calendar():
    return _answer(store.address(db.session(), current_account_id(),
                                 current_app.config["CALENDAR_KEY"]))


@bp.post("/calendar/rotate")
@bp.auth_required(auth)
@bp.output(CalendarOut)
@bp.doc(summary="A new feed address; the old one answers 404 from now on")
def rotate():
    return _answer(store.rotate(db.session(), current_account_id(),
                                current_app.config["CALENDAR_KEY"]))


@feed_bp.get("/calendar/<secret>.ics")
@feed_bp.output(FileSchema(type="string", format="binary"), content_type=ICS,
                description="The feed (iCalendar, RFC 5545).",
                headers={"ETag": {"description": "Send it back in If-None-Match."}})
@feed_bp.doc(summary="The calendar feed, by its secret address (no token)",
             description="The address comes from GET /api/v1/calendar. Answers 304 to a "
             "matching If-None-Match, and 404 to an address that is wrong or was rotated.",
             responses={304: "Not modified since the ETag you sent.",
                        404: "No feed at this address."})
def calendar_feed(secret: str):
    found = None
    if len(secret) == store.SECRET_LENGTH:  # the length is no secret: others are not looked up
        found = db.prepared(store.BY_LOOKUP).first(lookup=store.lookup_of(secret))
    if found is None:
        abort(404, NOT_HERE)
    account_id, account = found
    connection = db.reader()
    prefs = reminders.preferences(connection, account_id)
    today = utcnow().astimezone(prefs.zone).date()
    body = feeds().feed(connection, db.engine(), account_id, account, prefs, today)
    tag = hashlib.sha256(body).hexdigest()[:32]
    if request.if_none_match.contains(tag):
        response = Response(status=304)
    else:
        response = Response(body, mimetype=ICS)
        response.headers["Content-Disposition"] = 'inline; filename="yanbao.ics"'
    response.set_etag(tag)
    response.headers["Cache-Control"] = f"private, max-age={MAX_AGE}"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
