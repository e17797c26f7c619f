"""The calendar feed's rules, worked by hand and read back by vobject (not the icalendar package
that writes the feed): leap days and month ends as all-day events, alarm offsets with quiet
hours, which alarms a late subscriber gets, stable UIDs, and the days a kept block expires."""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, date, datetime, time, timedelta

import vobject
from hypothesis import given
from hypothesis import strategies as st

from server.domain.reminders import Event, Preferences, QuietHours, events
from server.domain.reminders.calendar import (
    FeedEvent,
    alarm_leads,
    changes_on,
    events_block,
    feed,
    trigger,
    uid,
)
from server.domain.timeline import Layer, place_layers

D = date.fromisoformat
STAMP = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def entry(kind: str, on: str, coverage: str = "c1", product: str = "Fridge",
          names=(), leads=None) -> FeedEvent:
    return FeedEvent(coverage, product, Event(kind, D(on), (0,), "", leads), list(names), STAMP)


def parsed(data: bytes):
    return vobject.readOne(data.decode())


def test_a_leap_day_warranty_and_a_month_end_plan_as_all_day_events():
    """A 12-month warranty from 29 Feb 2024 ends on 28 Feb 2025; a 1-month plan bought on
    31 Jan 2025 ends on 28 Feb as well (the timeline's rules), each one all-day event."""
    segments = place_layers(D("2024-02-29"), [Layer("manufacturer", term_months=12)])
    found = [FeedEvent("c1", "Fridge", e, [], STAMP)
             for e in events(D("2024-02-29"), segments)]
    plan = place_layers(D("2025-01-31"), [Layer("plan", term_months=1, plan_kind="extended")])
    found += [FeedEvent("c2", "Kettle", e, ["Care"], STAMP)
              for e in events(D("2025-01-31"), plan)]
    calendar = parsed(feed("a1", found, Preferences(language="en"), D("2025-01-01")))
    got = {(e.summary.value, e.dtstart.value, e.dtend.value) for e in calendar.vevent_list}
    assert got == {("Fridge: The manufacturer warranty ends", D("2025-02-28"), D("2025-03-01")),
                   ("Kettle: Care ends", D("2025-02-28"), D("2025-03-01"))}
    for event in calendar.vevent_list:
        assert event.dtstamp.value == STAMP


def test_alarms_fire_at_nine_lead_days_before():
    calendar = parsed(feed("a1", [entry("plan_ends", "2027-03-01")], Preferences(),
                           D("2026-01-01")))
    (event,) = calendar.vevent_list
    triggers = sorted(a.trigger.value for a in event.valarm_list)
    # 09:00 on 30 Jan, 22 Feb and 1 Mar, from midnight on 1 Mar 2027
    starts = datetime(2027, 3, 1)
    assert [starts + t for t in triggers] == [datetime(2027, 1, 30, 9), datetime(2027, 2, 22, 9),
                                              datetime(2027, 3, 1, 9)]
    assert {a.action.value for a in event.valarm_list} == {"DISPLAY"}
    assert {a.description.value for a in event.valarm_list} == {"Fridge：延保服务到期"}


def test_quiet_hours_move_the_alarm_like_a_reminder():
    morning = Preferences(quiet_hours=QuietHours(time(0, 0), time(10, 30)))
    assert trigger(0, morning) == timedelta(hours=10, minutes=30)
    assert trigger(7, morning) == timedelta(hours=10, minutes=30) - timedelta(days=7)
    overnight = Preferences(quiet_hours=QuietHours(time(22, 0), time(8, 0)))
    assert trigger(7, overnight) == timedelta(hours=9) - timedelta(days=7)  # 09:00 is not quiet
    late = Preferences(time_of_day=time(23, 0), quiet_hours=QuietHours(time(22, 0), time(8, 0)))
    assert trigger(1, late) == timedelta(hours=8)  # 23:00 the day before: 08:00 on the day


def test_which_alarms_a_late_subscriber_gets():
    prefs = Preferences()  # 30, 7, 0
    event = Event("manufacturer_ends", D("2026-12-31"))
    assert alarm_leads(event, prefs, D("2026-11-01")) == [30, 7, 0]  # all to come
    assert alarm_leads(event, prefs, D("2026-12-01")) == [30, 7, 0]  # the 30-day one is today
    assert alarm_leads(event, prefs, D("2026-12-02")) == [30, 7, 0]  # latest gone, and to come
    assert alarm_leads(event, prefs, D("2026-12-25")) == [7, 0]  # not 30 as well
    assert alarm_leads(event, prefs, D("2026-12-31")) == [7, 0]  # the day itself
    assert alarm_leads(event, prefs, D("2027-01-01")) == []  # past: a record, no alarm
    follow_up = Event("plan_ends", D("2026-12-31"), leads=(3,))
    assert alarm_leads(follow_up, prefs, D("2026-12-01")) == [3]


def test_uids_are_stable_distinct_and_name_no_id():
    event = Event("plan_ends", D("2027-03-01"))
    assert uid("acct", "cov", event) == uid("acct", "cov", Event("plan_ends", D("2027-03-01"),
                                                                  (1, 2)))
    others = {uid("acct", "cov", Event("plan_starts", D("2027-03-01"))),
              uid("acct", "cov", Event("plan_ends", D("2027-03-02"))),
              uid("acct", "cov2", event), uid("acct2", "cov", event),
              uid("acct", "cov", Event("plan_ends", D("2027-03-01"), subject="case-1"))}
    assert len(others | {uid("acct", "cov", event)}) == 6
    assert "acct" not in uid("acct", "cov", event) and "cov" not in uid("acct", "cov", event)


def test_text_that_needs_escaping_survives():
    product = 'TV, 65"; model\\A\nsecond line'
    calendar = parsed(feed("a1", [entry("manufacturer_ends", "2027-01-01", product=product)],
                           Preferences(language="en"), D("2026-01-01")))
    assert calendar.vevent.summary.value == f"{product}: The manufacturer warranty ends"


_LEADS = st.lists(st.integers(0, 400), min_size=1, max_size=5, unique=True)


@given(leads=_LEADS, offsets=st.lists(st.integers(-30, 800), min_size=1, max_size=4),
       built=st.integers(-50, 900), read=st.integers(-50, 900))
def test_a_block_is_the_same_on_any_day_with_as_many_changes_behind_it(leads, offsets, built,
                                                                     read):
    prefs = Preferences(lead_days=tuple(leads))
    base = D("2026-06-01")
    entries = [entry("plan_ends", (base + timedelta(days=o)).isoformat(), coverage=f"c{i}")
               for i, o in enumerate(offsets)]
    changes = changes_on(entries, prefs)
    first, second = base + timedelta(days=built), base + timedelta(days=read)
    same = bisect_right(changes, first) == bisect_right(changes, second)
    blocks_equal = (events_block("a", entries, prefs, first)
                    == events_block("a", entries, prefs, second))
    assert blocks_equal or not same
