"""How a reminder's delivery to a channel moves: states, retries with backoff, quiet hours.

    pending ──claim──▶ claimed ──mark──▶ sending ──▶ sent
       ▲                  │                 │  └───▶ failed      (the last allowed try failed)
       └──── a try failed, another is allowed; or quiet hours; or a claim's lease ran out
                                            └──lease ran out──▶ unknown (never resent)
    cancelled: the shopper acknowledged or muted the reminder after a failed try.

A dispatcher commits `sending` before it sends. If it dies after that and before it records
the outcome, nobody can know whether the message left: the row stays `sending` until its lease
runs out, then becomes `unknown` and is not sent again. That makes the crash window (one send,
a few seconds at most) at-most-once: a shopper may miss one message in the rare crash exactly
there, but never gets the same message twice, which is the failure issue 13 is about.
Everywhere else a delivery is exactly once: a claim only ever moves to `sending` under its
own claim token, and a row that is `sending` or finished is never claimed for sending again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from server.domain.reminders.preferences import Preferences

STATES = ("pending", "claimed", "sending", "sent", "failed", "unknown", "cancelled")
OPEN = ("pending", "claimed")  # may be claimed for sending once ready_at has passed
FINISHED = ("sent", "failed", "unknown", "cancelled")


@dataclass(frozen=True)
class RetryPolicy:
    """Try `max_attempts` times; after the n-th failure wait base × 2^(n-1), at most `cap`."""

    max_attempts: int = 5
    base: timedelta = timedelta(minutes=1)
    cap: timedelta = timedelta(hours=6)

    def after_failure(self, attempts: int, now: datetime) -> datetime | None:
        """When to try again after `attempts` tries, the last of which failed; None: give up."""
        if attempts >= self.max_attempts:
            return None
        return now + min(self.cap, self.base * (2 ** (attempts - 1)))


def not_before(now: datetime, prefs: Preferences) -> datetime:
    """`now`, or the end of the account's quiet hours when `now` falls inside them (UTC)."""
    quiet = prefs.quiet_hours
    if quiet is None:
        return now
    zone = prefs.zone
    local = now.astimezone(zone).replace(tzinfo=None)
    released = quiet.release(local)
    if released == local:
        return now
    return max(now, released.replace(tzinfo=zone).astimezone(now.tzinfo))
