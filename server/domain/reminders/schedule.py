"""When each reminder fires: the event's day less a lead time, at the account's time of day in
its time zone, moved out of quiet hours.

Wall-clock times that a daylight-saving change skips are moved forward by the gap (02:30 on the
night New York springs forward fires at 03:30 EDT), and those it repeats fire at the first of the
two (PEP 495's fold=0), so every reminder has exactly one instant. Instants are UTC.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from server.domain.reminders.events import Event
from server.domain.reminders.preferences import Preferences

STATES = ("due", "acked", "snoozed")  # due: fires (or fired) at fires_at; see due_at
_GAP_ROUNDS = 3  # a moved time can land in quiet hours again only after a DST gap; twice at most


@dataclass(frozen=True)
class Planned:
    kind: str
    subject: str
    event_on: date
    lead: int
    fires_at: datetime
    layers: tuple[int, ...]

    @property
    def key(self) -> tuple[str, str, date, int]:
        """What makes a reminder the same one when the schedule is worked out again."""
        return self.kind, self.subject, self.event_on, self.lead


def moment(day: date, prefs: Preferences) -> datetime:
    """The UTC instant a reminder meant for local day `day` fires."""
    zone, quiet = prefs.zone, prefs.quiet_hours
    local = datetime.combine(day, prefs.time_of_day)
    for _ in range(_GAP_ROUNDS):
        if quiet is not None:
            local = quiet.release(local)
        instant = local.replace(tzinfo=zone)  # fold=0: the first of a repeated hour
        wall = instant.astimezone(zone).replace(tzinfo=None)  # later than local in a DST gap
        if quiet is None or wall == local or not quiet.contains(wall.time()):
            break
        local = wall
    return instant.astimezone(UTC)


def plan(events: Iterable[Event], prefs: Preferences) -> list[Planned]:
    """Every reminder the events call for, at every lead time, whether past or not."""
    planned = []
    for event in events:
        leads = prefs.lead_days if event.leads is None else event.leads
        for lead in leads:
            fires_at = moment(event.on - timedelta(days=lead), prefs)
            planned.append(Planned(event.kind, event.subject, event.on, lead, fires_at,
                                   event.layers))
    return planned


def worth_creating(planned: Sequence[Planned], prefs: Preferences,
                   now: datetime) -> list[Planned]:
    """The reminders to add when they are not stored yet.

    None for events already past in the account's time zone (a purchase recorded years later
    does not bring years of reminders). Of an event's reminders whose time has passed, only the
    latest: a purchase recorded 5 days before its warranty ends gets the 7-day reminder, due at
    once, not the 30-day one as well.
    """
    today = now.astimezone(prefs.zone).date()
    chosen: dict[tuple, Planned] = {}
    result = []
    for item in planned:
        if item.event_on < today:
            continue
        if item.fires_at > now:
            result.append(item)
            continue
        event = item.key[:3]
        best = chosen.get(event)
        if best is None or (item.fires_at, -item.lead) > (best.fires_at, -best.lead):
            chosen[event] = item
    return sorted(result + list(chosen.values()), key=lambda p: (p.fires_at, p.key))


def due_at(state: str, fires_at: datetime, snoozed_until: date | None, muted: bool,
           prefs: Preferences) -> datetime | None:
    """When a stored reminder is next due: never once acknowledged or muted; a snoozed one on
    its day, at the account's time of day, out of quiet hours."""
    if muted or state == "acked":
        return None
    if state == "snoozed" and snoozed_until is not None:
        return moment(snoozed_until, prefs)
    return fires_at
