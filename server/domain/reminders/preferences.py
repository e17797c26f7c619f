"""An account's reminder preferences: lead times, time zone, quiet hours, language.

Validation lives here too (pure), so the API schema and anything else that accepts these values
refuse the same things with the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

DEFAULT_LEAD_DAYS = (30, 7, 0)
DEFAULT_TIME_ZONE = "Asia/Shanghai"
DEFAULT_LANGUAGE = "zh"
LANGUAGES = ("zh", "en")
# When a reminder fires, in the account's time zone, before quiet hours move it.
DEFAULT_TIME_OF_DAY = time(9, 0)
MAX_LEADS = 5
MAX_LEAD_DAYS = 365
_HH_MM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


@dataclass(frozen=True)
class QuietHours:
    """Local wall-clock hours with no reminders; start > end wraps midnight (22:00–08:00)."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def release(self, local: datetime) -> datetime:
        """The first wall-clock time at or after `local` that is outside quiet hours."""
        clock = local.time()
        if not self.contains(clock):
            return local
        day = local.date()
        if self.start > self.end and clock >= self.start:  # the evening part: tomorrow's end
            day += timedelta(days=1)
        return datetime.combine(day, self.end)

    def to_json(self) -> dict[str, str]:
        return {"start": self.start.strftime("%H:%M"), "end": self.end.strftime("%H:%M")}


@dataclass(frozen=True)
class Preferences:
    lead_days: tuple[int, ...] = DEFAULT_LEAD_DAYS
    time_zone: str = DEFAULT_TIME_ZONE
    quiet_hours: QuietHours | None = None
    language: str = DEFAULT_LANGUAGE
    time_of_day: time = DEFAULT_TIME_OF_DAY

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_time_zone(name: str) -> str | None:
    """None when `name` is an IANA zone name; else what to fix."""
    if name in _zones():
        return None
    return (f"'{name}' is not an IANA time zone name; use one such as Asia/Shanghai, "
            "America/New_York or Europe/London.")


def parse_clock(text: str) -> time | None:
    """'08:00' → 08:00; None for anything that is not a 24-hour HH:MM."""
    match = _HH_MM.fullmatch(text)
    return time(int(match[1]), int(match[2])) if match else None


def check_lead_days(values: list[int]) -> str | None:
    if len(values) > MAX_LEADS:
        return f"Give at most {MAX_LEADS} lead times."
    if any(not 0 <= v <= MAX_LEAD_DAYS for v in values):
        return f"Each lead time is a number of days from 0 to {MAX_LEAD_DAYS}."
    if len(set(values)) != len(values):
        return "Give each lead time once."
    return None
