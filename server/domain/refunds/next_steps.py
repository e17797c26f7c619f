"""What a shopper should do next on a case: the rungs above its state, each with the guide's
actions and the evidence it wants, and — when the guide says how long the provider has to
answer the current step — the day after which to take it (`due_on`).

Steps come from the platform's guide, and from the generic guide where the platform's says
nothing for that rung (`from_guide` names which). Outcomes (refunded, rejected …) are not
steps: the shopper records them when they happen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from server.domain.refunds.guide import Evidence, Guide, Text
from server.domain.refunds.states import LADDER, allowed_next

TITLES = {
    "requested": ("Ask for the refund", "申请退款"),
    "negotiating": ("Negotiate with the provider", "与服务商协商退款"),
    "platform_intervention": ("Ask the platform to step in", "申请平台官方介入"),
    "complaint": ("File a complaint with the evidence", "携证据投诉"),
}


@dataclass(frozen=True)
class NextStep:
    to: str
    title_en: str
    title_zh: str
    actions: tuple[Text, ...]
    evidence: tuple[Evidence, ...]
    from_guide: str | None  # the platform whose guide gave the step; None: no guide has it
    due_on: date | None  # take this step if nothing has come back by then
    overdue: bool


def next_steps(state: str, route: str, entered_on: date, today: date, guide: Guide,
               generic: Guide) -> list[NextStep]:
    """`entered_on`: the day the case reached `state`."""
    due = _due_on(state, route, entered_on, guide, generic)
    steps = []
    for target in allowed_next(state):
        if target not in LADDER:
            continue
        actions, evidence, source = _merged(route, target, guide, generic)
        title_en, title_zh = TITLES[target]
        waits = due if state in LADDER else None
        steps.append(NextStep(
            to=target, title_en=title_en, title_zh=title_zh, actions=actions,
            evidence=evidence, from_guide=source, due_on=waits,
            overdue=waits is not None and today > waits))
    return steps


def _merged(route: str, target: str, guide: Guide, generic: Guide):
    """The platform's actions, or the generic ones when it gives none; the evidence both ask
    for, the platform's first."""
    own, fallback = guide.stage(route, target), generic.stage(route, target)
    actions = (own.actions if own else ()) or (fallback.actions if fallback else ())
    evidence: list[Evidence] = list(own.evidence) if own else []
    for item in fallback.evidence if fallback else ():
        if item.kind not in {e.kind for e in evidence}:
            evidence.append(item)
    if own and own.actions:
        source = guide.platform
    elif fallback and fallback.actions:
        source = generic.platform
    else:
        source = guide.platform if own else None
    return tuple(actions), tuple(evidence), source


def _due_on(state: str, route: str, entered_on: date, guide: Guide,
            generic: Guide) -> date | None:
    stage = guide.stage(route, state) or generic.stage(route, state)
    if stage is None or stage.response_days is None:
        return None
    return entered_on + timedelta(days=stage.response_days)


# The reminders work (issue 13, branch `reminders`) schedules follow-ups as events of their own
# kind with a `subject` (the case id) and their own lead times; this is that shape, so wiring
# them in is adding FOLLOW_UP_KIND to its FOLLOW_UP_KINDS and passing these through.
FOLLOW_UP_KIND = "refund_case_due"


@dataclass(frozen=True)
class FollowUp:
    kind: str
    on: date
    subject: str  # the refund case's id
    leads: tuple[int, ...] = (0,)  # remind on the day itself


def follow_ups(case_id: str, steps: list[NextStep]) -> list[FollowUp]:
    """One follow-up per day on which steps fall due (a case's escalations share one)."""
    days = sorted({step.due_on for step in steps if step.due_on is not None})
    return [FollowUp(FOLLOW_UP_KIND, day, case_id) for day in days]
