"""Push channels (issue 13): add an Apprise URL, list, look at its deliveries, test, delete.

A channel URL is a secret: it is checked by Apprise, encrypted before it is stored, and from
then on only its masked form (server.push.apprise_urls.mask) is answered or logged.
"""

from __future__ import annotations

from apiflask import APIBlueprint, abort
from flask import current_app

from server import db, limits
from server.api.reply import no_content, reply
from server.auth import auth, current_account_id
from server.db.models import Channel, stamp
from server.dispatch import keyring_of
from server.domain.reminders.delivery import STATES
from server.errors import Invalid, problem
from server.push import apprise_urls, destinations, secrets
from server.schemas.channels import ChannelDetail, ChannelIn, ChannelList, ChannelOut, TestOut
from server.store import channels as store
from server.store.reminders import preferences

bp = APIBlueprint("channels", __name__, tag="Channels")
_TEST = {"en": ("Yanbao test message", "Reminders will arrive here like this one."),
         "zh": ("延保测试消息", "到期提醒将像这条消息一样发送到这里。")}


def _json(channel: Channel, tally: dict[str, int], last) -> dict:
    return {"id": channel.public_id, "name": channel.name,
            "service": apprise_urls.supported().get(channel.scheme, channel.scheme),
            "url": channel.masked, "created_at": stamp(channel.created_at),
            "deliveries": {state: tally.get(state, 0) for state in STATES},
            "last_attempt": None if last is None else {
                "at": stamp(last.at), "outcome": last.outcome, "error": last.error}}


def _one(channel: Channel) -> dict:
    session = db.session()
    return _json(channel, store.tallies(session, [channel.id])[channel.id],
                 store.last_attempts(session, [channel.id]).get(channel.id))


def allowed_networks() -> tuple[destinations.Network, ...]:
    return destinations.networks(current_app.config["CHANNEL_PRIVATE_NETWORKS"])


def _owned(channel_id: str) -> Channel:
    channel = store.owned(db.session(), current_account_id(), channel_id)
    if channel is None:
        abort(404, "No channel with this id in your account.")
    return channel


@bp.post("/channels")
@bp.auth_required(auth)
@bp.input(ChannelIn, arg_name="body")
@bp.output(ChannelOut, status_code=201)
@bp.doc(summary="Add a push channel (an Apprise URL); answered masked, stored encrypted",
        responses={409: "The account has as many channels as it may have",
                   422: "The URL is not one Apprise can send to, or its server is on a "
                        "private network this service does not send to: the detail says why"})
def add_channel(body):
    try:
        checked = apprise_urls.check(body["url"], allowed_networks())
    except apprise_urls.BadUrl as bad:
        raise Invalid("url", str(bad)) from None
    try:
        channel = store.add(db.session(), keyring_of(), current_account_id(),
                            body["name"].strip(), body["url"], checked,
                            current_app.config["MAX_CHANNELS"])
    except store.TooMany as refused:
        return problem(409, str(refused))
    return reply(_json(channel, {}, None), 201)


@bp.get("/channels")
@bp.auth_required(auth)
@bp.output(ChannelList)
@bp.doc(summary="The account's channels, each with its deliveries by state and last attempt")
def list_channels():
    session = db.session()
    rows = store.listed(session, current_account_id())
    ids = [c.id for c in rows]
    tallies, last = store.tallies(session, ids), store.last_attempts(session, ids)
    return reply({"items": [_json(c, tallies[c.id], last.get(c.id)) for c in rows]})


@bp.get("/channels/<channel_id>")
@bp.auth_required(auth)
@bp.output(ChannelDetail)
@bp.doc(summary="One channel with its latest deliveries: state, tries, next try, last error")
def get_channel(channel_id: str):
    channel = _owned(channel_id)
    body = _one(channel)
    body["recent"] = [{"reminder_id": r.reminder_id, "occurrence": r.occurrence,
                       "state": r.state, "attempts": r.attempts,
                       "next_attempt_at": stamp(r.ready_at) if r.state == "pending" else None,
                       "sent_at": stamp(r.sent_at), "last_error": r.last_error}
                      for r in store.recent(db.session(), channel.id)]
    return reply(body)


@bp.delete("/channels/<channel_id>")
@bp.auth_required(auth)
@bp.doc(summary="Delete a channel and its delivery history", responses={204: "Deleted"})
def delete_channel(channel_id: str):
    session = db.session()
    session.delete(_owned(channel_id))
    session.flush()
    return no_content()


@bp.post("/channels/<channel_id>/test")
@bp.auth_required(auth)
@bp.output(TestOut)
@bp.doc(summary="Send a test message now and say whether it arrived (and why not)",
        description="200 either way: `sent` and `error` tell. With YANBAO_PUSH_SENDING=off "
                    "nothing is sent and `error` says so. Rate-limited per address "
                    "(YANBAO_CHANNEL_TEST_RATE_LIMIT), so the service is no relay for spam.",
        responses={429: "Too many test sends from this address"})
def test_channel(channel_id: str):
    channel = _owned(channel_id)
    if (refused := limits.check("channel-test", "CHANNEL_TEST_RATE_LIMIT")) is not None:
        return refused
    if not current_app.config["PUSH_SENDING"]:
        return reply({"sent": False, "url": channel.masked,
                      "error": "Sending is switched off on this server (YANBAO_PUSH_SENDING)."})
    try:
        url = secrets.decrypt(keyring_of(), channel.url_encrypted)
    except secrets.ChannelKeyError as exc:
        return reply({"sent": False, "url": channel.masked, "error": str(exc)})
    language = preferences(db.session(), channel.account_id).language
    title, message = _TEST["zh" if language == "zh" else "en"]
    outcome = apprise_urls.send(url, channel.masked, title, message,
                                allowed=allowed_networks())
    return reply({"sent": outcome.ok, "error": outcome.error, "url": channel.masked})
