"""Every move between two refund-case states, allowed or not, against a table written out
here by hand (not read from the code), so a change to the code's table must be a change here."""

from __future__ import annotations

import itertools

import pytest

from server.domain.refunds.states import (
    FINAL,
    STATES,
    WrongTransition,
    allowed_next,
    check_transition,
)

OUTCOMES = {"refunded", "partly_refunded", "rejected"}
EXPECTED_ALLOWED = {
    "draft": {"requested", "withdrawn"},
    "requested": {"negotiating", "platform_intervention", "complaint", "withdrawn"} | OUTCOMES,
    "negotiating": {"platform_intervention", "complaint", "withdrawn"} | OUTCOMES,
    "platform_intervention": {"complaint", "withdrawn"} | OUTCOMES,
    "complaint": {"withdrawn"} | OUTCOMES,
    "refunded": set(),
    "partly_refunded": set(),
    "rejected": set(),
    "withdrawn": set(),
}
PAIRS = list(itertools.product(EXPECTED_ALLOWED, EXPECTED_ALLOWED))
ALLOWED = [(a, b) for a, b in PAIRS if b in EXPECTED_ALLOWED[a]]
FORBIDDEN = [(a, b) for a, b in PAIRS if b not in EXPECTED_ALLOWED[a]]


def test_the_states_are_the_issues_nine():
    assert set(STATES) == set(EXPECTED_ALLOWED)
    assert set(FINAL) == {"refunded", "partly_refunded", "rejected", "withdrawn"}
    assert len(ALLOWED) == 24 and len(FORBIDDEN) == 57


@pytest.mark.parametrize(("current", "wanted"), ALLOWED)
def test_allowed_move(current, wanted):
    check_transition(current, wanted)
    assert wanted in allowed_next(current)


@pytest.mark.parametrize(("current", "wanted"), FORBIDDEN)
def test_forbidden_move_names_the_states_allowed_next(current, wanted):
    with pytest.raises(WrongTransition) as caught:
        check_transition(current, wanted)
    assert caught.value.current == current and caught.value.wanted == wanted
    assert set(caught.value.allowed) == EXPECTED_ALLOWED[current]
    assert f"'{current}'" in str(caught.value)


def test_an_unknown_state_is_a_programming_error_not_a_wrong_move():
    with pytest.raises(ValueError, match="unknown"):
        allowed_next("lost")
