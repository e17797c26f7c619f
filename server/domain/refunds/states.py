"""The states of a refund case and the only moves between them, in one table.

The path follows the seed article: ask for the refund (退款), negotiate with the provider
(协商退款), ask the platform to step in (官方介入), complain with evidence (投诉). Decisions:

- A request may be answered at once: requested → refunded / partly_refunded / rejected, or the
  shopper may go straight to any later rung (the seed names negotiation and intervention as two
  routes, and a complaint when the provider refuses).
- Escalation only climbs: negotiating → platform_intervention → complaint, skipping allowed,
  never back down (a case that needs a new request is a new case).
- refunded: the plan is cancelled and its money (all, or the prorated part its terms promise)
  came back; the plan layer becomes `refunded`. partly_refunded: some money came back but the
  plan was not cancelled by it (a goodwill or partial settlement); the layer stays as it is.
  rejected: the last step the shopper took ended in a refusal they accept. withdrawn: the
  shopper dropped the case. These four are final.
- A draft has not been sent to anyone: it can only be requested or withdrawn.
"""

from __future__ import annotations

from collections.abc import Mapping

DRAFT = "draft"
REQUESTED = "requested"
NEGOTIATING = "negotiating"
PLATFORM_INTERVENTION = "platform_intervention"
COMPLAINT = "complaint"
REFUNDED = "refunded"
PARTLY_REFUNDED = "partly_refunded"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"

OUTCOMES = (REFUNDED, PARTLY_REFUNDED, REJECTED)

# The one table: state -> the states it may move to.
TRANSITIONS: Mapping[str, tuple[str, ...]] = {
    DRAFT: (REQUESTED, WITHDRAWN),
    REQUESTED: (NEGOTIATING, PLATFORM_INTERVENTION, COMPLAINT, *OUTCOMES, WITHDRAWN),
    NEGOTIATING: (PLATFORM_INTERVENTION, COMPLAINT, *OUTCOMES, WITHDRAWN),
    PLATFORM_INTERVENTION: (COMPLAINT, *OUTCOMES, WITHDRAWN),
    COMPLAINT: (*OUTCOMES, WITHDRAWN),
    REFUNDED: (),
    PARTLY_REFUNDED: (),
    REJECTED: (),
    WITHDRAWN: (),
}
STATES = tuple(TRANSITIONS)
FINAL = tuple(state for state, onward in TRANSITIONS.items() if not onward)
OPEN = tuple(state for state in STATES if state not in FINAL)
# The rungs of the ladder, in order: where a case waits on the provider or the platform.
LADDER = (REQUESTED, NEGOTIATING, PLATFORM_INTERVENTION, COMPLAINT)


class WrongTransition(ValueError):
    """A move the table does not allow; carries the states allowed next."""

    def __init__(self, current: str, wanted: str):
        self.current = current
        self.wanted = wanted
        self.allowed = allowed_next(current)
        onward = ", ".join(self.allowed) if self.allowed else "none (the case is closed)"
        super().__init__(f"A case in state '{current}' cannot move to '{wanted}'; "
                         f"allowed next: {onward}.")


def allowed_next(state: str) -> tuple[str, ...]:
    if state not in TRANSITIONS:
        raise ValueError(f"unknown refund-case state {state!r}")
    return TRANSITIONS[state]


def check_transition(current: str, wanted: str) -> None:
    """Raises WrongTransition unless the table allows current → wanted."""
    if wanted not in allowed_next(current):
        raise WrongTransition(current, wanted)

# What the `amount` sent with a move means: what the shopper asks for when they ask (again),
# what the provider offers when negotiation opens, what came back at the end. A move to
# rejected or withdrawn carries no amount; money received must be given.
AMOUNT_MEANS: Mapping[str, str] = {
    REQUESTED: "asked",
    NEGOTIATING: "offered",
    PLATFORM_INTERVENTION: "asked",
    COMPLAINT: "asked",
    REFUNDED: "received",
    PARTLY_REFUNDED: "received",
}
AMOUNT_REQUIRED = (REFUNDED, PARTLY_REFUNDED)
