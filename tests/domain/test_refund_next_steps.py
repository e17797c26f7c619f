"""Next steps from a case's state and the guides: the rungs above it, the platform's actions
or the generic ones, the evidence both want, and a due date only where a guide gives a sourced
response time."""

from __future__ import annotations

from datetime import date

from server.domain.refunds.guide import Evidence, Guide, Stage, Text
from server.domain.refunds.next_steps import FollowUp, follow_ups, next_steps

SEED = "seed:"
ASK = Text("Ask", "申请", SEED)
HAGGLE = Text("Negotiate", "协商", SEED)
GENERIC = Guide(platform="generic", name_en="Any", name_zh="通用", sites=(), routes={
    "plan_only": {
        "requested": Stage("requested", (ASK,), (Evidence("transfer_records", SEED),)),
        "negotiating": Stage("negotiating", (HAGGLE,), (Evidence("chat_screenshots", SEED),)),
        "complaint": Stage("complaint", (Text("Complain", "投诉", SEED),),
                           (Evidence("call_recordings", SEED),)),
    }})
SHOP = Guide(platform="shop", name_en="Shop", name_zh="店", sites=("shop",), routes={
    "plan_only": {
        "requested": Stage("requested", (Text("Close it", "关闭", SEED),), (),
                           response_days=7, response_source="https://example.org/rules"),
        "negotiating": Stage("negotiating", (), (Evidence("contract", SEED),)),
    }})


def test_a_draft_is_asked_for_with_the_platforms_own_actions_and_no_due_date():
    steps = next_steps("draft", "plan_only", date(2026, 1, 1), date(2026, 1, 1), SHOP, GENERIC)
    assert [s.to for s in steps] == ["requested"]
    assert steps[0].actions[0].zh == "关闭" and steps[0].from_guide == "shop"
    assert [e.kind for e in steps[0].evidence] == ["transfer_records"]  # the generic guide's
    assert steps[0].due_on is None and not steps[0].overdue


def test_a_request_waits_the_guides_response_time_then_the_escalations_are_due():
    # Requested on 2026-01-01; the guide gives the provider 7 days: due 2026-01-08.
    on_time = next_steps("requested", "plan_only", date(2026, 1, 1), date(2026, 1, 8), SHOP,
                         GENERIC)
    assert [s.to for s in on_time] == ["negotiating", "platform_intervention", "complaint"]
    assert {s.due_on for s in on_time} == {date(2026, 1, 8)}
    assert not any(s.overdue for s in on_time)
    late = next_steps("requested", "plan_only", date(2026, 1, 1), date(2026, 1, 9), SHOP,
                      GENERIC)
    assert all(s.overdue for s in late)


def test_missing_actions_come_from_the_generic_guide_and_evidence_is_merged():
    steps = next_steps("requested", "plan_only", date(2026, 1, 1), date(2026, 1, 2), SHOP,
                       GENERIC)
    negotiate = steps[0]
    assert negotiate.actions == (HAGGLE,) and negotiate.from_guide == "generic"
    assert [e.kind for e in negotiate.evidence] == ["contract", "chat_screenshots"]
    intervention = steps[1]  # no guide has it: a titled step with nothing to follow
    assert intervention.actions == () and intervention.from_guide is None
    assert intervention.title_zh == "申请平台官方介入"


def test_no_response_time_means_no_due_date():
    steps = next_steps("negotiating", "plan_only", date(2026, 1, 1), date(2026, 3, 1), SHOP,
                       GENERIC)
    assert [s.to for s in steps] == ["platform_intervention", "complaint"]
    assert all(s.due_on is None for s in steps)


def test_closed_cases_have_no_next_steps():
    for state in ("refunded", "partly_refunded", "rejected", "withdrawn"):
        assert next_steps(state, "plan_only", date(2026, 1, 1), date(2026, 1, 1), SHOP,
                          GENERIC) == []


def test_a_due_date_becomes_one_follow_up_in_the_reminders_shape():
    steps = next_steps("requested", "plan_only", date(2026, 1, 1), date(2026, 1, 2), SHOP,
                       GENERIC)
    assert follow_ups("case-1", steps) == [
        FollowUp("refund_case_due", date(2026, 1, 8), "case-1", (0,))]
    quiet = next_steps("negotiating", "plan_only", date(2026, 1, 1), date(2026, 1, 2), SHOP,
                       GENERIC)
    assert follow_ups("case-1", quiet) == []
