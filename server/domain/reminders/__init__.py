"""Expiry reminders: which events a coverage's timeline holds, and when each reminder fires.

events.py turns dated layers into events (a warranty ending, a plan starting, a refund window
closing); schedule.py turns events into reminders at the account's lead times, time of day,
time zone and quiet hours; text.py words them in Chinese or English. Pure: no Flask, no database.
"""

from server.domain.reminders.events import FOLLOW_UP_KINDS, KINDS, TIMELINE_KINDS, Event, events
from server.domain.reminders.preferences import (
    DEFAULT_LEAD_DAYS,
    DEFAULT_TIME_ZONE,
    Preferences,
    QuietHours,
)
from server.domain.reminders.schedule import Planned, due_at, moment, plan, worth_creating
from server.domain.reminders.text import words

__all__ = [
    "DEFAULT_LEAD_DAYS",
    "DEFAULT_TIME_ZONE",
    "FOLLOW_UP_KINDS",
    "KINDS",
    "TIMELINE_KINDS",
    "Event",
    "Planned",
    "Preferences",
    "QuietHours",
    "due_at",
    "events",
    "moment",
    "plan",
    "words",
    "worth_creating",
]
