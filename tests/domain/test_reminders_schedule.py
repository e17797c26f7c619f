"""Reminder schedules worked by hand: month ends, leap days, time-zone boundaries, DST, quiet
hours, and which reminders a newly recorded purchase gets."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from server.domain.reminders import (
    Event,
    Preferences,
    QuietHours,
    due_at,
    events,
    moment,
    plan,
    words,
    worth_creating,
)
from server.domain.reminders.preferences import check_lead_days, check_time_zone, parse_clock
from server.domain.timeline import Layer, place_layers

D = date.fromisoformat


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def quiet(start: str, end: str) -> QuietHours:
    return QuietHours(parse_clock(start), parse_clock(end))


def timeline_events(purchase: str, *layers: Layer, refund_days=()):
    segments = place_layers(D(purchase), list(layers))
    return [(e.kind, e.on.isoformat(), e.layers)
            for e in events(D(purchase), segments, refund_days)]


# --- events from the timeline ---------------------------------------------------------------

def test_the_issue_example_fridge():
    """29 Feb 2024: one year on the unit, ten on the compressor, JD's two years after the
    warranty with 30 days to refund in full."""
    found = timeline_events(
        "2024-02-29",
        Layer("manufacturer", term_months=12),
        Layer("manufacturer", component="compressor", term_months=120),
        Layer("plan", term_months=24, starts="after_manufacturer", plan_kind="extended"),
        refund_days=[None, None, 30])
    assert found == [
        ("refund_window_closes", "2024-03-30", (2,)),  # 29 Feb + 30 days (leap February)
        ("manufacturer_ends", "2025-02-28", (0,)),  # a leap day has no anniversary
        ("plan_starts", "2025-03-01", (2,)),
        ("plan_ends", "2027-02-28", (2,)),  # anchored on 28 Feb 2025
        ("main_part_ends", "2034-02-28", (1,)),
    ]


def test_month_ends_clamp_as_the_timeline_does():
    found = timeline_events("2026-01-31", Layer("manufacturer", term_months=1),
                            Layer("card", term_months=12, starts="after_manufacturer"))
    # A card's benefit starts after the warranty (31 Jan + 1 month = 28 Feb) and ends a year on.
    assert found == [("manufacturer_ends", "2026-02-28", (0,)),
                     ("card_ends", "2027-02-28", (1,))]


def test_parts_ending_the_same_day_are_one_event():
    found = timeline_events("2026-05-31", Layer("manufacturer", term_months=12),
                            Layer("manufacturer", component="compressor", term_months=36),
                            Layer("manufacturer", component="motor", term_months=36))
    assert found == [("manufacturer_ends", "2027-05-31", (0,)),
                     ("main_part_ends", "2029-05-31", (1, 2))]


def test_no_events_from_refunded_void_lifetime_or_statutory_layers():
    found = timeline_events(
        "2026-01-10",
        Layer("manufacturer", lifetime=True),
        Layer("statutory", term_months=12),
        Layer("plan", term_months=24, state="refunded"),
        Layer("accidental", term_months=12, state="void"),
        refund_days=[None, None, 30, 30])
    assert found == []


def test_refund_window_of_a_plan_bought_later_counts_from_its_start():
    found = timeline_events(
        "2026-01-10", Layer("manufacturer", term_months=12),
        Layer("plan", term_months=12, starts="on_date", start_date=D("2026-06-15")),
        refund_days=[None, 15])
    assert ("refund_window_closes", "2026-06-30", (1,)) in found
    assert ("plan_starts", "2026-06-15", (1,)) in found
    assert ("plan_ends", "2027-06-15", (1,)) in found


def test_a_plan_starting_at_purchase_has_no_start_reminder_and_zero_days_no_window():
    found = timeline_events("2026-01-10", Layer("accidental", term_months=12),
                            refund_days=[0])
    assert found == [("plan_ends", "2027-01-10", (0,))]


# --- when a reminder fires ------------------------------------------------------------------

@pytest.mark.parametrize(("zone", "day", "expected"), [
    ("Asia/Shanghai", "2026-01-01", "2026-01-01 01:00"),  # UTC+8
    ("Pacific/Auckland", "2026-01-01", "2025-12-31 20:00"),  # NZDT, UTC+13: the day before
    ("Pacific/Kiritimati", "2026-01-01", "2025-12-31 19:00"),  # UTC+14
    ("Pacific/Honolulu", "2026-01-01", "2026-01-01 19:00"),  # UTC-10
    ("UTC", "2028-02-29", "2028-02-29 09:00"),  # a leap day fires on the leap day
])
def test_nine_in_the_morning_local_across_zone_boundaries(zone, day, expected):
    assert moment(D(day), Preferences(time_zone=zone)) == utc(expected)


@pytest.mark.parametrize(("day", "expected"), [
    ("2026-03-07", "2026-03-07 14:00"),  # EST, UTC-5
    ("2026-03-08", "2026-03-08 13:00"),  # New York springs forward at 02:00: EDT, UTC-4
    ("2026-10-31", "2026-10-31 13:00"),  # EDT
    ("2026-11-01", "2026-11-01 14:00"),  # falls back at 02:00: EST
])
def test_dst_changes_keep_nine_local(day, expected):
    assert moment(D(day), Preferences(time_zone="America/New_York")) == utc(expected)


def test_a_time_the_spring_change_skips_moves_forward_by_the_gap():
    prefs = Preferences(time_zone="America/New_York", time_of_day=time(2, 30))
    fired = moment(D("2026-03-08"), prefs)
    assert fired == utc("2026-03-08 07:30")  # 03:30 EDT
    assert fired.astimezone(ZoneInfo("America/New_York")).time() == time(3, 30)


def test_a_time_the_autumn_change_repeats_fires_at_the_first():
    prefs = Preferences(time_zone="America/New_York", time_of_day=time(1, 30))
    assert moment(D("2026-11-01"), prefs) == utc("2026-11-01 05:30")  # 01:30 EDT, not EST


def test_quiet_hours_ending_in_a_dst_gap():
    """London springs forward at 01:00 on 29 Mar 2026; quiet until 01:30 means 02:30 BST."""
    prefs = Preferences(time_zone="Europe/London", time_of_day=time(23, 30),
                        quiet_hours=quiet("23:00", "01:30"))
    assert moment(D("2026-03-28"), prefs) == utc("2026-03-29 01:30")


@pytest.mark.parametrize(("start", "end", "clock", "expected"), [
    ("22:00", "08:00", "09:00", "2026-05-10 01:00"),  # 09:00 is outside: unchanged
    ("08:00", "10:00", "09:00", "2026-05-10 02:00"),  # inside a daytime window: its end
    ("21:00", "09:30", "09:00", "2026-05-10 01:30"),  # the morning part of a wrap: same day
    ("22:00", "08:00", "23:00", "2026-05-11 00:00"),  # the evening part: next morning 08:00
    ("22:00", "09:00", "09:00", "2026-05-10 01:00"),  # the end is not quiet
    ("09:00", "10:00", "09:00", "2026-05-10 02:00"),  # the start is
])
def test_quiet_hours_in_shanghai(start, end, clock, expected):
    prefs = Preferences(quiet_hours=quiet(start, end), time_of_day=parse_clock(clock))
    assert moment(D("2026-05-10"), prefs) == utc(expected)


def test_lead_times_reach_back_across_month_ends_and_leap_days():
    prefs = Preferences(lead_days=(30, 7, 0), time_zone="UTC")
    planned = plan([Event("plan_ends", D("2028-03-30"))], prefs)
    assert [(p.lead, p.fires_at) for p in planned] == [
        (30, utc("2028-02-29 09:00")), (7, utc("2028-03-23 09:00")),
        (0, utc("2028-03-30 09:00"))]
    planned = plan([Event("plan_ends", D("2027-03-30"))], prefs)
    assert planned[0].fires_at == utc("2027-02-28 09:00")


def test_an_event_can_bring_its_own_lead_times():
    """Follow-ups (issue 14) fire once on their day whatever the account's lead times."""
    planned = plan([Event("plan_ends", D("2027-01-05"), subject="case-1", leads=(0,))],
                   Preferences())
    assert [(p.key, p.lead) for p in planned] == [
        (("plan_ends", "case-1", D("2027-01-05"), 0), 0)]


@given(day=st.dates(date(2020, 1, 1), date(2035, 12, 31)),
       zone=st.sampled_from(["America/New_York", "Europe/London", "Australia/Lord_Howe",
                             "America/Santiago", "Asia/Shanghai", "Pacific/Chatham"]),
       start=st.times().map(lambda t: t.replace(second=0, microsecond=0)),
       length=st.integers(1, 23 * 60),
       clock=st.times().map(lambda t: t.replace(second=0, microsecond=0)))
def test_never_fires_in_quiet_hours_nor_before_its_time(day, zone, start, length, clock):
    end = (datetime.combine(day, start) + timedelta(minutes=length)).time()
    prefs = Preferences(time_zone=zone, time_of_day=clock, quiet_hours=QuietHours(start, end))
    fired = moment(day, prefs).astimezone(ZoneInfo(zone))
    assert not prefs.quiet_hours.contains(fired.time())
    intended = datetime.combine(day, clock, tzinfo=ZoneInfo(zone))
    assert fired >= intended - timedelta(hours=1)  # a repeated hour may fire at its first pass
    assert fired - intended < timedelta(days=1, hours=2)


# --- which reminders a purchase gets -------------------------------------------------------

def _planned(event_on: str):
    return plan([Event("manufacturer_ends", D(event_on))], Preferences(time_zone="UTC"))


def test_warranty_ending_in_twenty_days_has_its_thirty_day_reminder_due_now():
    now = utc("2026-11-29 12:00")
    chosen = worth_creating(_planned("2026-12-19"), Preferences(time_zone="UTC"), now)
    assert [(p.lead, p.fires_at <= now) for p in chosen] == [(30, True), (7, False), (0, False)]


def test_of_the_reminders_already_past_only_the_latest_is_made():
    now = utc("2026-11-29 12:00")
    chosen = worth_creating(_planned("2026-12-04"), Preferences(time_zone="UTC"), now)
    assert [p.lead for p in chosen] == [7, 0]


def test_the_day_itself_after_its_hour_and_events_already_past():
    now = utc("2026-11-29 12:00")
    prefs = Preferences(time_zone="UTC")
    assert [p.lead for p in worth_creating(_planned("2026-11-29"), prefs, now)] == [0]
    assert worth_creating(_planned("2026-11-28"), prefs, now) == []


def test_past_is_judged_in_the_accounts_zone():
    """23:30 UTC on 28 Nov is already 29 Nov in Shanghai: an event on the 28th is past there."""
    now = utc("2026-11-28 23:30")
    shanghai = Preferences()
    planned = plan([Event("manufacturer_ends", D("2026-11-28"))], shanghai)
    assert worth_creating(planned, shanghai, now) == []
    utc_prefs = Preferences(time_zone="UTC")
    planned = plan([Event("manufacturer_ends", D("2026-11-28"))], utc_prefs)
    assert [p.lead for p in worth_creating(planned, utc_prefs, now)] == [0]


def test_due_at_follows_the_state():
    fires = utc("2026-12-01 01:00")
    prefs = Preferences()
    assert due_at("due", fires, None, False, prefs) == fires
    assert due_at("acked", fires, None, False, prefs) is None
    assert due_at("due", fires, None, True, prefs) is None
    assert due_at("snoozed", fires, D("2026-12-24"), False, prefs) == utc("2026-12-24 01:00")


# --- text and preferences -----------------------------------------------------------------

def test_words_in_both_languages():
    title, message = words("main_part_ends", D("2034-02-28"), D("2034-02-21"), "海尔冰箱",
                           ["compressor"], "zh")
    assert title == "compressor的厂商保修7天后到期"
    assert message == ("海尔冰箱：compressor的厂商保修截止于2034-02-28。"
                       "这些部件如有故障，请在此之前免费报修。")
    title, message = words("plan_starts", D("2025-03-01"), D("2025-03-01"), "Fridge",
                           ["JD 2-year plan"], "en")
    assert title == "JD 2-year plan starts today"
    assert message.startswith("Fridge: JD 2-year plan starts on 2025-03-01.")
    assert words("card_ends", D("2026-01-01"), D("2026-01-02"), "TV", [], "en")[0] == (
        "Your card's warranty extension ended 1 day ago")
    assert words("plan_ends", D("2026-01-03"), D("2026-01-02"), "TV", [], "zh")[0] == (
        "延保服务1天后到期")


def test_preference_checks():
    assert check_lead_days([30, 7, 0]) is None and check_lead_days([]) is None
    assert "at most 5" in check_lead_days([1, 2, 3, 4, 5, 6])
    assert "0 to 365" in check_lead_days([366])
    assert "0 to 365" in check_lead_days([-1])
    assert "once" in check_lead_days([7, 7])
    assert check_time_zone("America/Argentina/Buenos_Aires") is None
    assert "IANA" in check_time_zone("Beijing")
    assert "IANA" in check_time_zone("../../etc/passwd")
    assert parse_clock("22:00") == time(22, 0) and parse_clock("00:00") == time(0, 0)
    assert [parse_clock(t) for t in ("24:00", "7:00", "22:0", "22:00:00", "ab:cd")] == [None] * 5
