"""Request and response shapes for /api/v1/channels."""

from __future__ import annotations

from apiflask import fields, validators

from server.domain.reminders.delivery import STATES
from server.schemas.base import Integer, Schema

MAX_URL = 2000


class ChannelIn(Schema):
    url = fields.String(required=True, validate=validators.Length(min=1, max=MAX_URL), metadata={
        "description": "An Apprise URL (https://github.com/caronc/apprise/wiki): mailto://, "
                       "dingtalk://, wecombot://, feishu://, bark://, ntfy://, tgram://, json:// "
                       "... It is a secret: stored encrypted, never shown again in full.",
        "example": "json://127.0.0.1:9/"})
    name = fields.String(validate=validators.Length(max=100), load_default="", metadata={
        "description": "What to call it; the service's name when left out.",
        "example": "Work DingTalk"})


class Attempt(Schema):
    at = fields.DateTime()
    outcome = fields.String(validate=validators.OneOf(("sent", "failed", "interrupted")))
    error = fields.String(allow_none=True)


class Tally(Schema):
    """How many of the channel's deliveries are in each state (server.domain.reminders.delivery)."""

    pending = Integer()
    claimed = Integer()
    sending = Integer()
    sent = Integer()
    failed = Integer(metadata={"description": "Given up after the last allowed try."})
    unknown = Integer(metadata={"description": "A dispatcher died mid-send; not resent."})
    cancelled = Integer()


class ChannelOut(Schema):
    id = fields.String()
    name = fields.String()
    service = fields.String(metadata={"description": "Apprise's name for the service."})
    url = fields.String(metadata={"description": "Masked: the scheme and host with tokens, "
                                  "passwords, path and query hidden.",
                                  "example": "dingtalk://T...G/…"})
    created_at = fields.DateTime()
    deliveries = fields.Nested(Tally, metadata={"description": "Deliveries by state."})
    last_attempt = fields.Nested(Attempt, allow_none=True)


class ChannelItem(ChannelOut):
    """ChannelOut inside a list (a schema of its own, as server.schemas.reminders explains)."""


class ChannelList(Schema):
    items = fields.List(fields.Nested(ChannelItem))


class RecentDelivery(Schema):
    reminder_id = fields.String()
    occurrence = fields.String(metadata={"description": "'' for the reminder's own time, the "
                                         "snoozed day for a snoozed one's."})
    state = fields.String(validate=validators.OneOf(STATES))
    attempts = Integer()
    next_attempt_at = fields.DateTime(allow_none=True, metadata={
        "description": "When a pending delivery is next tried."})
    sent_at = fields.DateTime(allow_none=True)
    last_error = fields.String(allow_none=True)


class ChannelDetail(ChannelOut):
    recent = fields.List(fields.Nested(RecentDelivery), metadata={
        "description": "The latest 20 deliveries, newest first."})


class TestOut(Schema):
    sent = fields.Boolean()
    error = fields.String(allow_none=True, metadata={"description": "Why it failed, in the "
                                                     "service's words, without secrets."})
    url = fields.String(metadata={"description": "The channel, masked."})
