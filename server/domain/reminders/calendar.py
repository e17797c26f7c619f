"""The calendar feed: every event on an account's coverage timelines as an all-day event, with
alarms at the account's lead times, in iCalendar (RFC 5545) built by the icalendar package.

- One event per (coverage, kind, day): the same events the reminders schedule comes from
  (server.domain.reminders.events), worded in the account's language (text.event_words).
- UIDs are worked out from the account, the coverage, the kind, the subject and the day, so a
  calendar app that fetches the feed again updates the events it has instead of adding copies,
  and an edit of one coverage leaves every other coverage's UIDs as they were. When an event's
  day moves, its UID changes: the old event leaves the feed and apps remove it.
- Past events stay (a history of the cover), without alarms; an event still to come keeps the
  alarms still to come and the latest one already past (alarm_leads). Nothing else depends on
  the day or the clock: DTSTAMP is when the coverage was last written. So two fetches of an
  unchanged account give the same bytes until an alarm's day passes, and a digest of them is
  an ETag calendar clients can revalidate with.
- All-day events are floating (a day, not an instant): each app shows them on that day in
  whatever zone it is set to. Alarms are relative to the start of the day: `lead` days before,
  at the account's time of day, moved out of its quiet hours, as the API's reminders are.

Pure: no Flask, no database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from icalendar import Alarm, Calendar, vDuration, vText
from icalendar import Event as VEvent

from server.domain.reminders.events import Event
from server.domain.reminders.preferences import Preferences
from server.domain.reminders.text import event_words

PRODID = "-//Yanbao//Warranty calendar//EN"
UID_DOMAIN = "calendar.yanbao"
# How often a subscribed app should fetch the feed again (RFC 7986; Outlook's X-PUBLISHED-TTL).
REFRESH = timedelta(hours=6)
_NAME = {"zh": "延保到期提醒", "en": "Warranty dates (Yanbao)"}
_DESCRIPTION = {"zh": "保修、延保到期与全额退款截止日，来自延保（Yanbao）。",
                "en": "When warranties and plans end and full refunds close, from Yanbao."}
_ONE_DAY = timedelta(days=1)
_ANY_DAY = date(2000, 1, 1)  # the alarm's offset is the same whatever the day


@dataclass(frozen=True)
class FeedEvent:
    """One event of one coverage, with what the text needs."""

    coverage: str  # the coverage's public id
    product: str  # its title
    event: Event
    names: Sequence[str]  # the parts or plans the event is about (text.words)
    stamp: datetime  # when the coverage was last written (aware)


def uid(account: str, coverage: str, event: Event) -> str:
    """Stable for the same event of the same coverage; reveals neither id."""
    key = "/".join((account, coverage, event.kind, event.subject, event.on.isoformat()))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:40]}@{UID_DOMAIN}"


def trigger(lead: int, prefs: Preferences) -> timedelta:
    """An alarm `lead` days before an all-day event, relative to the event's start (midnight):
    at the account's time of day, or when its quiet hours end."""
    midnight = datetime.combine(_ANY_DAY, time())
    local = datetime.combine(_ANY_DAY, prefs.time_of_day)
    if prefs.quiet_hours is not None:
        local = prefs.quiet_hours.release(local)
    return local - midnight - timedelta(days=lead)


def feed(account: str, entries: Iterable[FeedEvent], prefs: Preferences, today: date) -> bytes:
    """The whole feed's bytes (UTF-8, CRLF lines, as RFC 5545 has them), as of `today` in the
    account's zone (which alarms are still worth having: alarm_leads)."""
    return wrap([events_block(account, entries, prefs, today)], prefs.language)


def wrap(blocks: Iterable[bytes], lang: str) -> bytes:
    """The calendar around blocks of events (events_block's bytes): what Calendar.to_ical
    gives for a calendar holding those events, without serialising them again."""
    head, tail = _envelope(lang)
    return b"".join((head, *blocks, tail))


@cache
def _envelope(lang: str) -> tuple[bytes, bytes]:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", _NAME[lang])
    calendar.add("x-wr-calname", vText(_NAME[lang]))
    calendar.add("description", _DESCRIPTION[lang])
    calendar.add("x-wr-caldesc", vText(_DESCRIPTION[lang]))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    whole = calendar.to_ical()
    end = whole.rindex(b"END:VCALENDAR")
    return whole[:end], whole[end:]


def alarm_leads(event: Event, prefs: Preferences, today: date) -> list[int]:
    """The lead times that get an alarm, as of `today` in the account's zone: none once the
    event's day has passed; else those still to come, and of those already past only the
    latest (as server.domain.reminders.schedule.worth_creating keeps reminders). A calendar
    app that subscribes late (Thunderbird shows missed alarms) then shows one alarm per
    event, not one for every lead time gone by."""
    if event.on < today:
        return []
    leads = sorted(prefs.lead_days if event.leads is None else event.leads)
    coming = [lead for lead in leads if event.on - timedelta(days=lead) >= today]
    gone = [lead for lead in leads if event.on - timedelta(days=lead) < today]
    return sorted(coming + gone[:1], reverse=True)


def changes_on(entries: Iterable[FeedEvent], prefs: Preferences) -> tuple[date, ...]:
    """The days on which events_block's output for these entries changes (an alarm's day has
    passed, or the event's): a block built on one day serves any day with as many of these at
    or before it."""
    days = set()
    for entry in entries:
        event = entry.event
        days.add(event.on + _ONE_DAY)
        for lead in prefs.lead_days if event.leads is None else event.leads:
            days.add(event.on - timedelta(days=lead) + _ONE_DAY)
    return tuple(sorted(days))


def events_block(account: str, entries: Iterable[FeedEvent], prefs: Preferences,
                 today: date) -> bytes:
    """The VEVENTs of some events, serialised by icalendar, ready for `wrap`. Building them is
    most of a feed's cost, so callers keep each coverage's block while the coverage, the
    preferences and the alarms (changes_on) stay the same (server.serialize.calendar)."""
    lang = prefs.language
    out = []
    for entry in entries:
        event = entry.event
        summary, description = event_words(event.kind, event.on, entry.product, entry.names,
                                           lang)
        item = VEvent()
        item.add("uid", uid(account, entry.coverage, event))
        item.add("dtstamp", entry.stamp)
        item.add("dtstart", event.on)
        item.add("dtend", event.on + _ONE_DAY)
        item.add("summary", summary)
        item.add("description", description)
        item.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        for lead in alarm_leads(event, prefs, today):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", trigger(lead, prefs))
            item.add_component(alarm)
        out.append(item.to_ical())
    return b"".join(out)
