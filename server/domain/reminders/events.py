"""The events on a coverage's timeline that a shopper should hear about before they happen.

Dates come from server.domain.timeline (month ends and leap days follow its rules: a 12-month
warranty from 29 Feb 2024 ends on 28 Feb 2025). Only layers in force give events; lifetime
cover never ends. Events of one kind on one day are merged, so two parts whose warranties end
together give one reminder that names both.

Follow-ups from refund cases and repair claims (issue 14) will be events of their own kinds with
a `subject` (the case or claim they are about) and usually one lead time of their own; they are
scheduled, stored and listed exactly like these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from server.domain.timeline import Segment
from server.domain.vocabulary import BOUGHT_KINDS, WHOLE_UNIT

# Events read from the timeline, rescheduled whenever the coverage changes.
TIMELINE_KINDS = (
    "manufacturer_ends",  # the whole unit's manufacturer warranty: have faults fixed for free now
    "main_part_ends",  # a component's own manufacturer warranty (compressor, panel, motor)
    "plan_starts",  # a bought plan that starts later (after the warranty, or on a date)
    "plan_ends",  # a bought plan or accidental-damage cover ending
    "refund_window_closes",  # the last day a bought plan can be refunded in full
    "card_ends",  # a card's warranty-extension benefit ending
)
# Events from refund cases and repair claims (issue 14): a case waiting on the provider past the
# guide's response time (server.domain.refunds.next_steps.FOLLOW_UP_KIND) and a repair claim
# whose promised callback did not come (server.domain.refunds.claims.FOLLOW_UP_KIND).
FOLLOW_UP_KINDS: tuple[str, ...] = ("refund_case_due", "claim_callback_missed")
KINDS = TIMELINE_KINDS + FOLLOW_UP_KINDS

_BOUGHT = BOUGHT_KINDS


@dataclass(frozen=True)
class Event:
    kind: str
    on: date
    layers: tuple[int, ...] = ()  # indexes of the layers it is about
    subject: str = ""  # a follow-up's case or claim id; "" for timeline events
    leads: tuple[int, ...] | None = None  # None: the account's lead times


def events(purchase_date: date, segments: Sequence[Segment],
           full_refund_days: Sequence[int | None] = ()) -> list[Event]:
    """The timeline's events, sorted by day and kind.

    `full_refund_days[i]` is layer i's full-refund window in days (None: none recorded). The
    window's last day is its start plus that many days, counted as shops and China's 七日无理由
    rule count them (from the day after): 30 days from 1 March is 31 March. It starts at
    purchase, or on the day a plan bought later starts.
    """
    found: dict[tuple[str, date, str], list[int]] = {}
    for segment in segments:
        layer = segment.layer
        if not layer.in_force:
            continue
        for kind, on in _layer_events(purchase_date, segment, _days(full_refund_days, segment)):
            found.setdefault((kind, on, ""), []).append(segment.index)
    return sorted((Event(kind, on, tuple(layers), subject)
                   for (kind, on, subject), layers in found.items()),
                  key=lambda e: (e.on, KINDS.index(e.kind), e.subject))


def _days(full_refund_days: Sequence[int | None], segment: Segment) -> int | None:
    return full_refund_days[segment.index] if segment.index < len(full_refund_days) else None


def _layer_events(purchase_date: date, segment: Segment, refund_days: int | None):
    layer, ends = segment.layer, segment.ends_on
    if layer.kind == "manufacturer" and ends is not None:
        yield ("manufacturer_ends" if layer.component == WHOLE_UNIT else "main_part_ends"), ends
    elif layer.kind == "card" and ends is not None:
        yield "card_ends", ends
    elif layer.kind in _BOUGHT:
        if segment.starts_on > purchase_date:
            yield "plan_starts", segment.starts_on
        if ends is not None:
            yield "plan_ends", ends
        if refund_days:
            bought_on = layer.start_date if layer.starts == "on_date" else purchase_date
            yield "refund_window_closes", bought_on + timedelta(days=refund_days)
