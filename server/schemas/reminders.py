"""Request and response shapes for /api/v1/account and /api/v1/reminders."""

from __future__ import annotations

from apiflask import fields, validators
from marshmallow import ValidationError, post_load, validates, validates_schema

from server.domain.reminders import KINDS, QuietHours
from server.domain.reminders.preferences import (
    LANGUAGES,
    MAX_LEAD_DAYS,
    MAX_LEADS,
    check_lead_days,
    check_time_zone,
    parse_clock,
)
from server.schemas.base import Integer, Schema
from server.schemas.coverages import SANE_DATE
from server.schemas.lean import LeanSchema

CLOCK = "Write the time as 24-hour HH:MM, e.g. 22:00."


class Clock(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        clock = parse_clock(text)
        if clock is None:
            raise ValidationError(CLOCK)
        return clock


class QuietHoursIn(Schema):
    start = Clock(required=True, metadata={"example": "22:00"})
    end = Clock(required=True, metadata={"example": "08:00"})

    @validates_schema
    def _not_empty(self, data, **kwargs):
        if data.get("start") is not None and data.get("start") == data.get("end"):
            raise ValidationError("Give quiet hours that end at another time than they start, "
                                  "or null for none.", "end")

    @post_load
    def _quiet_hours(self, data, **kwargs):
        return QuietHours(data["start"], data["end"])


class QuietHoursOut(Schema):
    start = fields.String(metadata={"example": "22:00"})
    end = fields.String(metadata={"example": "08:00"})


class AccountPatch(Schema):
    lead_days = fields.List(Integer(), metadata={
        "description": f"Days before each event to remind: at most {MAX_LEADS}, each 0 "
                       f"(the day itself) to {MAX_LEAD_DAYS}, each once.", "example": [30, 7, 0]})
    time_zone = fields.String(validate=validators.Length(max=64), metadata={
        "description": "IANA time zone name; reminders fire at 09:00 there.",
        "example": "Asia/Shanghai"})
    quiet_hours = fields.Nested(QuietHoursIn, allow_none=True, metadata={
        "description": "No reminder fires between start and end, local time (start later than "
                       "end wraps midnight); null for none."})
    language = fields.String(validate=validators.OneOf(LANGUAGES),
                             metadata={"description": "Language of reminder texts."})

    @validates("lead_days")
    def _lead_days(self, value, **kwargs):
        if (problem := check_lead_days(value)) is not None:
            raise ValidationError(problem)

    @validates("time_zone")
    def _time_zone(self, value, **kwargs):
        if (problem := check_time_zone(value)) is not None:
            raise ValidationError(problem)


class AccountOut(Schema):
    id = fields.String()
    lead_days = fields.List(Integer(), metadata={"example": [30, 7, 0]})
    time_zone = fields.String(metadata={"example": "Asia/Shanghai"})
    quiet_hours = fields.Nested(QuietHoursOut, allow_none=True)
    language = fields.String(validate=validators.OneOf(LANGUAGES))


class ReminderQuery(LeanSchema):
    state = fields.String(validate=validators.OneOf(("due", "upcoming")), load_default="due",
                          metadata={"description": "due: its time has come and it is not "
                                    "acknowledged; upcoming: still to come, soonest first."})
    limit = fields.Integer(validate=validators.Range(min=1, max=500), load_default=100)


class ReminderOut(Schema):
    id = fields.String()
    coverage_id = fields.String()
    kind = fields.String(validate=validators.OneOf(KINDS))
    event_on = fields.Date(metadata={"description": "The day of the event (a last covered "
                                     "day, a plan's first day, a refund window's last day)."})
    lead_days = Integer(metadata={"description": "Days before the event this reminder is for."})
    fires_at = fields.DateTime(metadata={"description": "When it fires (UTC), from the "
                                         "account's time zone and quiet hours."})
    due_at = fields.DateTime(allow_none=True, metadata={
        "description": "When it is next due: fires_at, or the snoozed day's time; null once "
                       "acknowledged or while its coverage is muted."})
    state = fields.String(validate=validators.OneOf(("due", "acked", "snoozed")))
    snoozed_until = fields.Date(allow_none=True)
    title = fields.String(metadata={"description": "In the account's language."})
    message = fields.String(metadata={"description": "In the account's language."})
    subject = fields.String(allow_none=True, metadata={
        "description": "A follow-up's refund case or repair claim id (kinds refund_case_due, "
                       "claim_callback_missed); null for the timeline's reminders."})


class ReminderItem(ReminderOut):
    """ReminderOut inside a list. A schema of its own: apispec registers a nested schema under
    its own name before APIFlask registers the one-reminder answers, and the two would clash."""


class ReminderList(Schema):
    items = fields.List(fields.Nested(ReminderItem))


class SnoozeIn(Schema):
    until = fields.Date(required=True, validate=SANE_DATE, metadata={
        "description": "The day it is due again, at the account's time of day; after today "
                       "in the account's time zone.", "example": "2026-12-24"})
