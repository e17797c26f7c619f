"""Repair claims, pure: the callback clock worked by hand, the escalation a missed promise
calls for, the claim's state and what it paid."""

from datetime import date
from decimal import Decimal

import pytest

from server.domain.refunds.claims import (
    ClaimEvent,
    callback,
    callback_due_on,
    follow_ups,
    is_closed,
    next_steps,
    paid,
    state,
)

MAR1 = date(2026, 3, 1)


@pytest.mark.parametrize(("hours", "due"), [
    (1, date(2026, 3, 2)), (24, date(2026, 3, 2)), (25, date(2026, 3, 3)),
    (48, date(2026, 3, 3)), (72, date(2026, 3, 4)),
])
def test_the_promise_ends_on_the_reported_day_plus_whole_days(hours, due):
    assert callback_due_on(MAR1, hours) == due


# events, today -> (kept, overdue, escalate step?)
CLOCK = [
    ((), date(2026, 3, 1), (None, False, True)),  # reported today: the step waits for 2 March
    ((), date(2026, 3, 2), (None, False, True)),  # the last day: not overdue yet
    ((), date(2026, 3, 3), (False, True, True)),  # missed: escalate, overdue
    ((ClaimEvent("called_back", date(2026, 3, 2)),), date(2026, 3, 9), (True, False, False)),
    ((ClaimEvent("called_back", date(2026, 3, 4)),), date(2026, 3, 9), (False, False, False)),
    ((ClaimEvent("visit", date(2026, 3, 2)),), date(2026, 3, 9), (True, False, False)),
    ((ClaimEvent("refused", date(2026, 3, 5)),), date(2026, 3, 9), (False, False, False)),
]


@pytest.mark.parametrize(("events", "today", "expected"), CLOCK)
def test_the_callback_clock(events, today, expected):
    clock = callback(MAR1, 24, events, today)
    steps = next_steps(MAR1, 24, events, today)
    assert (clock.kept, clock.overdue, bool(steps)) == expected
    assert clock.due_on == date(2026, 3, 2)
    if steps:
        [step] = steps
        assert step.title_en == "Escalate: the provider promised to call within 24 hours"
        assert step.title_zh == "催办：服务商承诺24小时内回电"
        assert step.due_on == date(2026, 3, 2) and step.overdue == clock.overdue
        [follow] = follow_ups("claim-1", steps)
        assert (follow.kind, follow.on, follow.subject) == (
            "claim_callback_missed", date(2026, 3, 2), "claim-1")


def test_no_promise_no_clock():
    clock = callback(MAR1, None, (), date(2027, 1, 1))
    assert (clock.due_on, clock.kept, clock.overdue) == (None, None, False)
    assert next_steps(MAR1, None, (), date(2027, 1, 1)) == []


def test_state_closing_and_paid():
    events = [ClaimEvent("called_back", date(2026, 3, 2)),
              ClaimEvent("visit", date(2026, 3, 4)),
              ClaimEvent("repaired", date(2026, 3, 4), Decimal("350.00"))]
    assert state([]) == "reported" and state(events) == "repaired" and is_closed(events)
    assert not is_closed(events[:2]) and state(events[:2]) == "visit"
    assert paid(events) == Decimal("350.00")
    assert paid([ClaimEvent("replaced", MAR1, Decimal("1.50")), *events]) == Decimal("351.50")
    assert paid(events[:2]) == 0
