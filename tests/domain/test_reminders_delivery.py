"""Delivery rules (server.domain.reminders.delivery): backoff, giving up, quiet hours."""

from datetime import UTC, datetime, time, timedelta

from server.domain.reminders import Preferences, QuietHours
from server.domain.reminders.delivery import RetryPolicy, not_before

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_backoff_doubles_is_capped_and_gives_up():
    policy = RetryPolicy(max_attempts=12, base=timedelta(minutes=1), cap=timedelta(hours=1))
    waits = [policy.after_failure(n, NOW) - NOW for n in range(1, 9)]
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60)]
    assert policy.after_failure(12, NOW) is None
    assert RetryPolicy().after_failure(5, NOW) is None and RetryPolicy().after_failure(4, NOW)


def test_quiet_hours_hold_until_they_end_in_the_account_zone():
    prefs = Preferences(quiet_hours=QuietHours(time(22, 0), time(8, 0)))  # Asia/Shanghai
    late = datetime(2026, 3, 1, 15, 30, tzinfo=UTC)  # 23:30 in Shanghai
    assert not_before(late, prefs) == datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 08:00 there
    early = datetime(2026, 3, 1, 23, 0, tzinfo=UTC)  # 07:00 next day in Shanghai
    assert not_before(early, prefs) == datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    assert not_before(NOW, prefs) == NOW  # 20:00 there: not quiet
    assert not_before(late, Preferences()) == late


def test_quiet_hours_across_a_daylight_saving_change():
    prefs = Preferences(time_zone="America/New_York",
                        quiet_hours=QuietHours(time(1, 0), time(2, 30)))
    # 01:30 EST on 8 March 2026; 02:30 that night does not exist (clocks go 02:00 -> 03:00)
    night = datetime(2026, 3, 8, 6, 30, tzinfo=UTC)
    released = not_before(night, prefs)
    assert released > night and released == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
