"""Repair claims, pure: what happened on a claim, whether the provider kept its promise to call
back, and the follow-up when it did not.

The seed article: the service provider phones the buyer within 24 hours of a claim. A claim
keeps the hours promised (`callback_promised_hours`; the platform guide's figure by default,
where a source gives one). Days, not instants: a fault reported on 1 March under a 24-hour
promise must be called back by 2 March (reported day + ceil(hours / 24) days); with no
`called_back` event on or before that day the promise is missed, and from that day on the claim
asks the shopper to escalate (`next_steps` with `due_on`; overdue after it). The follow-up is
scheduled as a reminder on `due_on`, of kind FOLLOW_UP_KIND, about the claim (its subject).

Events: called_back, visit, repaired, replaced, refused. repaired, replaced and refused close the
claim. An amount on repaired or replaced is what the plan paid for the repair: claims paid,
deducted from a prorated refund where the plan's terms say `less_claims`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from server.domain.refunds.next_steps import FollowUp

EVENT_KINDS = ("called_back", "visit", "repaired", "replaced", "refused")
CLOSING = ("repaired", "replaced", "refused")
PAID = ("repaired", "replaced")
FOLLOW_UP_KIND = "claim_callback_missed"
MAX_PROMISED_HOURS = 24 * 30


@dataclass(frozen=True)
class ClaimEvent:
    kind: str
    on: date
    amount: Decimal | None = None


@dataclass(frozen=True)
class Callback:
    promised_hours: int | None
    due_on: date | None  # the last day the promise allows; None: nothing was promised
    called_back_on: date | None
    kept: bool | None  # None: no promise, or still open
    overdue: bool  # promised, not called back, and the day has passed


@dataclass(frozen=True)
class ClaimStep:
    action: str  # "escalate"
    title_en: str
    title_zh: str
    due_on: date
    overdue: bool


def callback_due_on(reported_on: date, hours: int) -> date:
    return reported_on + timedelta(days=math.ceil(hours / 24))


def state(events: Sequence[ClaimEvent]) -> str:
    """`reported` until something happens; then the latest event's kind (by day, then order)."""
    if not events:
        return "reported"
    return max(enumerate(events), key=lambda pair: (pair[1].on, pair[0]))[1].kind


def is_closed(events: Sequence[ClaimEvent]) -> bool:
    return any(event.kind in CLOSING for event in events)


def callback(reported_on: date, promised_hours: int | None, events: Sequence[ClaimEvent],
             today: date) -> Callback:
    called = min((e.on for e in events if e.kind == "called_back"), default=None)
    if promised_hours is None:
        return Callback(None, None, called, None, False)
    due = callback_due_on(reported_on, promised_hours)
    if called is not None:
        return Callback(promised_hours, due, called, called <= due, False)
    # A visit or an outcome on or before the day means they were in touch in time.
    touched = min((e.on for e in events), default=None)
    if touched is not None and touched <= due:
        return Callback(promised_hours, due, None, True, False)
    if touched is not None:
        return Callback(promised_hours, due, None, False, False)
    return Callback(promised_hours, due, None, False if today > due else None, today > due)


def next_steps(reported_on: date, promised_hours: int | None, events: Sequence[ClaimEvent],
               today: date) -> list[ClaimStep]:
    """The escalation a missed callback calls for, due on the promise's last day; nothing once
    the provider has been in touch or the claim is closed."""
    clock = callback(reported_on, promised_hours, events, today)
    if clock.due_on is None or events:
        return []
    hours = promised_hours
    return [ClaimStep(
        action="escalate",
        title_en=f"Escalate: the provider promised to call within {hours} hours",
        title_zh=f"催办：服务商承诺{hours}小时内回电",
        due_on=clock.due_on, overdue=clock.overdue)]


def follow_ups(claim_id: str, steps: Sequence[ClaimStep]) -> list[FollowUp]:
    return [FollowUp(FOLLOW_UP_KIND, step.due_on, claim_id) for step in steps]


def paid(events: Sequence[ClaimEvent]) -> Decimal:
    """What the plan paid for repairs and replacements on this claim."""
    return sum((e.amount for e in events if e.kind in PAID and e.amount is not None),
               Decimal(0))
