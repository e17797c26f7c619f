"""Repair claims through the API (SQLite and PostgreSQL): the callback promise and its
escalation, on the claim and in GET /api/v1/reminders; events and their rules; a replacement's
new manufacturer layer; claims paid taken off a prorated refund; refund-case follow-ups in the
reminders; bad input named by field."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from payloads import ISSUE_EXAMPLE, coverage

from server.domain.refunds.guide import Stage
from server.guides import GENERIC, guides

COVERAGES = "/api/v1/coverages"
CLAIMS = "/api/v1/claims"
TODAY = datetime.now(UTC).date()


def create(client, auth, body=None) -> dict:
    response = client.post(COVERAGES, json=body or ISSUE_EXAMPLE, headers=auth)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def taobao(**changes) -> dict:
    return coverage(product={"title": "海尔冰箱", "site": "taobao", "price": "3999.00",
                             "currency": "CNY"}, **changes)


def report(client, auth, coverage_id, **body):
    return client.post(f"{COVERAGES}/{coverage_id}/claims",
                       json={"fault": "压缩机不制冷", **body}, headers=auth)


def event(client, auth, claim_id, **body):
    return client.post(f"{CLAIMS}/{claim_id}/events", json=body, headers=auth)


def fields_of(response, status=422):
    assert response.status_code == status, response.get_json()
    assert response.mimetype == "application/problem+json"
    return {e["field"]: e["message"] for e in response.get_json()["errors"]}


def reminders(client, auth, state="due") -> list[dict]:
    return client.get(f"/api/v1/reminders?state={state}", headers=auth).get_json()["items"]


def test_a_missed_callback_is_escalated_on_the_claim_and_in_the_reminders(client, auth):
    record = create(client, auth, taobao())
    reported = TODAY - timedelta(days=5)
    response = report(client, auth, record["id"], reported_on=reported.isoformat(),
                      reported_to="天猫服务")
    assert response.status_code == 201, response.get_json()
    claim = response.get_json()
    assert claim["layer_id"] == record["layers"][2]["id"]  # the only plan layer
    assert claim["callback_promised_hours"] == 24  # Taobao's guide, from the seed article
    assert claim["state"] == "reported" and claim["closed"] is False
    due = (reported + timedelta(days=1)).isoformat()
    assert claim["callback"] == {"promised_hours": 24, "due_on": due, "called_back_on": None,
                                 "kept": False, "overdue": True}
    assert claim["next_steps"] == [{
        "action": "escalate", "due_on": due, "overdue": True,
        "title": {"en": "Escalate: the provider promised to call within 24 hours",
                  "zh": "催办：服务商承诺24小时内回电"}}]
    [reminder] = [r for r in reminders(client, auth) if r["kind"] == "claim_callback_missed"]
    assert reminder["subject"] == claim["id"] and reminder["event_on"] == due
    assert reminder["coverage_id"] == record["id"] and "天猫服务" in reminder["title"]
    assert client.get(f"{CLAIMS}/{claim['id']}", headers=auth).get_json() == claim

    called = event(client, auth, claim["id"], kind="called_back",
                   on=(reported + timedelta(days=3)).isoformat(), note="终于回电")
    assert called.status_code == 200, called.get_json()
    after = called.get_json()
    assert after["next_steps"] == [] and after["callback"]["kept"] is False
    assert after["callback"]["called_back_on"] == (reported + timedelta(days=3)).isoformat()
    assert after["state"] == "called_back" and after["events"][0]["note"] == "终于回电"
    every = reminders(client, auth) + reminders(client, auth, "upcoming")
    assert not [r for r in every if r["kind"] == "claim_callback_missed"]


def test_a_fresh_claim_schedules_its_follow_up_and_muting_silences_it(client, auth):
    record = create(client, auth, taobao())
    claim = report(client, auth, record["id"]).get_json()  # reported today
    assert claim["callback"]["overdue"] is False and claim["callback"]["kept"] is None
    [upcoming] = [r for r in reminders(client, auth, "upcoming")
                  if r["kind"] == "claim_callback_missed"]
    assert upcoming["event_on"] == (TODAY + timedelta(days=1)).isoformat()
    assert upcoming["lead_days"] == 0 and upcoming["subject"] == claim["id"]
    url = f"{COVERAGES}/{record['id']}"
    assert client.patch(url, json={"reminders_muted": True}, headers=auth).status_code == 200
    every = reminders(client, auth) + reminders(client, auth, "upcoming")
    assert not [r for r in every if r["kind"] == "claim_callback_missed"]
    assert client.patch(url, json={"reminders_muted": False}, headers=auth).status_code == 200
    assert [r["id"] for r in reminders(client, auth, "upcoming")
            if r["kind"] == "claim_callback_missed"] == [upcoming["id"]]


@pytest.mark.parametrize(("body", "site", "layer", "hours"), [
    ({}, "taobao", 2, 24),  # a bought plan on Taobao: the seed's 24 hours
    ({}, "jd", 2, None),  # no sourced promise for JD
    ({"callback_promised_hours": 48}, "jd", 2, 48),
    ({"callback_promised_hours": None}, "taobao", 2, None),
    ({}, "taobao", 0, None),  # the manufacturer warranty: the plan's promise does not apply
])
def test_the_default_callback_promise(client, auth, body, site, layer, hours):
    record = create(client, auth, coverage(product={"title": "冰箱", "site": site}))
    claim = report(client, auth, record["id"], layer_id=record["layers"][layer]["id"], **body)
    assert claim.status_code == 201, claim.get_json()
    assert claim.get_json()["callback_promised_hours"] == hours
    assert bool(claim.get_json()["next_steps"]) == (hours is not None)


def test_events_until_the_claim_closes(client, auth):
    record = create(client, auth)
    claim_id = report(client, auth, record["id"], reported_on="2026-01-10").get_json()["id"]
    walk = [("called_back", "2026-01-10", None), ("visit", "2026-01-12", None),
            ("repaired", "2026-01-12", "350.00")]
    for kind, on, amount in walk:
        body = {"kind": kind, "on": on} | ({"amount": amount} if amount else {})
        response = event(client, auth, claim_id, **body)
        assert response.status_code == 200, response.get_json()
    claim = response.get_json()
    assert [e["kind"] for e in claim["events"]] == ["called_back", "visit", "repaired"]
    assert claim["state"] == "repaired" and claim["closed"] is True
    assert claim["paid"] == "350.00" and claim["events"][2]["amount"] == "350.00"
    again = event(client, auth, claim_id, kind="visit", on="2026-01-13")
    assert "closed (repaired on 2026-01-12)" in fields_of(again, 409)["kind"]
    zh = event(client, {**auth, "Accept-Language": "zh-CN"}, claim_id, kind="visit")
    assert zh.get_json()["detail"] == "该报修已结束（2026-01-12 repaired）；新的故障请另行报修。"
    assert client.get(f"{CLAIMS}/{claim_id}", headers=auth).get_json() == claim


@pytest.mark.parametrize(("body", "field"), [
    ({"kind": "fixed"}, "kind"),
    ({}, "kind"),
    ({"kind": "visit", "amount": "10.00"}, "amount"),
    ({"kind": "repaired", "amount": "10.001"}, "amount"),
    ({"kind": "repaired", "amount": "-1"}, "amount"),
    ({"kind": "repaired", "new_warranty_months": 12}, "new_warranty_months"),
    ({"kind": "replaced", "new_warranty_months": 0}, "new_warranty_months"),
    ({"kind": "visit", "on": "2026-01-09"}, "on"),  # before the fault was reported
    ({"kind": "visit", "on": (TODAY + timedelta(days=2)).isoformat()}, "on"),
    ({"kind": "visit", "on": "tomorrow"}, "on"),
    ({"kind": "visit", "note": "x" * 2001}, "note"),
    ({"kind": "visit", "colour": "red"}, "colour"),
])
def test_bad_event_input_names_the_field_and_stores_nothing(client, auth, body, field):
    record = create(client, auth)
    claim = report(client, auth, record["id"], reported_on="2026-01-10").get_json()
    assert field in fields_of(event(client, auth, claim["id"], **body))
    assert client.get(f"{CLAIMS}/{claim['id']}", headers=auth).get_json() == claim


@pytest.mark.parametrize(("body", "field"), [
    ({"fault": ""}, "fault"),
    ({"fault": None}, "fault"),
    ({"layer_id": "nope"}, "layer_id"),
    ({"callback_promised_hours": 0}, "callback_promised_hours"),
    ({"callback_promised_hours": "24"}, "callback_promised_hours"),
    ({"reported_on": "2020-01-01"}, "reported_on"),  # before the purchase
    ({"reported_on": (TODAY + timedelta(days=3)).isoformat()}, "reported_on"),
    ({"reported_to": "x" * 201}, "reported_to"),
])
def test_bad_claim_input_names_the_field_and_stores_nothing(client, auth, body, field):
    record = create(client, auth)
    assert field in fields_of(report(client, auth, record["id"], **body))
    assert client.get(CLAIMS, headers=auth).get_json()["items"] == []
    assert [r for r in reminders(client, auth, "upcoming") if r["subject"]] == []


def test_a_claim_needs_a_layer_when_there_is_no_single_plan(client, auth):
    record = create(client, auth, coverage(layers=[{"kind": "manufacturer", "term_months": 12}]))
    assert "layer_id" in fields_of(report(client, auth, record["id"]))
    warranty = record["layers"][0]["id"]
    assert report(client, auth, record["id"], layer_id=warranty).status_code == 201


def test_a_replacement_starts_a_new_manufacturer_layer(client, auth):
    record = create(client, auth)
    before = {layer["id"]: (layer["starts_on"], layer["ends_on"]) for layer in record["layers"]}
    claim_id = report(client, auth, record["id"], reported_on="2026-02-01").get_json()["id"]
    response = event(client, auth, claim_id, kind="replaced", on="2026-02-10", amount="0",
                     new_warranty_months=12)
    assert response.status_code == 200, response.get_json()
    new_id = response.get_json()["events"][0]["new_layer_id"]
    after = client.get(f"{COVERAGES}/{record['id']}", headers=auth).get_json()
    layers = {layer["id"]: layer for layer in after["layers"]}
    added = layers[new_id]
    assert (added["kind"], added["component"]) == ("manufacturer", "replacement unit")
    assert added["ends_on"] == "2027-02-10" and added["state"] == "in_force"
    # Nothing else moved: the plan that starts after the original warranty keeps its dates.
    assert {i: (layers[i]["starts_on"], layers[i]["ends_on"]) for i in before} == before
    # A replacement without the flag adds nothing.
    other = report(client, auth, record["id"], reported_on="2026-03-01").get_json()["id"]
    plain = event(client, auth, other, kind="replaced", on="2026-03-02").get_json()
    assert plain["events"][0]["new_layer_id"] is None
    assert len(client.get(f"{COVERAGES}/{record['id']}", headers=auth).get_json()["layers"]) == 4


def test_claims_paid_reduce_a_prorated_refund_where_the_terms_say_so(client, auth):
    # Bought 2020-01-15 under a ten-year warranty: the 24-month plan starts 2030-01-16, so all
    # its months are unused: 199.00 × 24/24 = 199.00, less the 10.00 fee = 189.00, less
    # 50.00 + 25.50 claims paid = 113.50.
    plan = {"kind": "plan", "provider": "京东", "name": "延长保修2年", "term_months": 24,
            "starts": "after_manufacturer", "price": "199.00", "currency": "CNY",
            "cancellation": {"full_refund_days": 30, "after": "prorated", "fee": "10.00",
                             "less_claims": True}}
    body = coverage(purchase_date="2020-01-15",
                    layers=[{"kind": "manufacturer", "term_months": 120}, plan])
    record = create(client, auth, body)
    for amount in ("50.00", "25.50"):
        claim_id = report(client, auth, record["id"], reported_on="2026-01-10").get_json()["id"]
        assert event(client, auth, claim_id, kind="repaired", on="2026-01-11",
                     amount=amount).status_code == 200
    # A claim under the warranty layer pays nothing toward the plan's refund.
    warranty = report(client, auth, record["id"], layer_id=record["layers"][0]["id"]).get_json()
    event(client, auth, warranty["id"], kind="repaired", amount="99.00")
    case = client.post(f"{COVERAGES}/{record['id']}/refund-cases", json={"route": "plan_only"},
                       headers=auth).get_json()
    expected = case["expected_refund"]
    assert expected["amount"] == "113.50"
    assert "less the 10.00 fee = 189.00; less 75.50 claims paid = 113.50" in \
        expected["arithmetic"]["en"]
    assert "减已赔付75.50 = 113.50" in expected["arithmetic"]["zh"]


def test_the_case_list_deducts_each_cases_claims_in_one_query(app, client, auth):
    """Each case in GET /api/v1/refund-cases takes off what was paid under its own layer, and
    the list reads claims once, however many cases it holds."""
    from sqlalchemy import event as sa_event

    plan = {"kind": "plan", "provider": "京东", "name": "延长保修2年", "term_months": 24,
            "starts": "after_manufacturer", "price": "199.00", "currency": "CNY",
            "cancellation": {"full_refund_days": 30, "after": "prorated", "fee": "10.00",
                             "less_claims": True}}
    paid = {}
    for n, amount in enumerate(("50.00", None, "12.25", None)):
        record = create(client, auth, coverage(
            purchase_date="2020-01-15", product={"title": f"冰箱 {n}"},
            layers=[{"kind": "manufacturer", "term_months": 120}, plan]))
        if amount:
            claim_id = report(client, auth, record["id"]).get_json()["id"]
            assert event(client, auth, claim_id, kind="repaired",
                         amount=amount).status_code == 200
        case = client.post(f"{COVERAGES}/{record['id']}/refund-cases",
                           json={"route": "plan_only"}, headers=auth).get_json()
        paid[case["id"]] = amount
    engine = app.extensions["yanbao.db"].kw["bind"]
    statements = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa_event.listen(engine, "before_cursor_execute", seen)
    try:
        listed = client.get("/api/v1/refund-cases", headers=auth).get_json()["items"]
    finally:
        sa_event.remove(engine, "before_cursor_execute", seen)
    amounts = {case["id"]: case["expected_refund"]["amount"] for case in listed}
    # 199.00 × 24/24 − 10.00 fee = 189.00, less what was paid under that case's layer.
    assert amounts == {case_id: str(Decimal("189.00") - Decimal(amount or "0"))
                       for case_id, amount in paid.items()}
    assert sum("claim_events" in s for s in statements) == 1


def test_the_list_holds_the_accounts_claims_newest_first(client, auth, other_auth):
    record = create(client, auth)
    first = report(client, auth, record["id"]).get_json()
    second = report(client, auth, record["id"], fault="门封漏气").get_json()
    report(client, other_auth, create(client, other_auth)["id"])
    items = client.get(CLAIMS, headers=auth).get_json()["items"]
    assert [i["id"] for i in items] == [second["id"], first["id"]]
    assert client.get(f"{CLAIMS}/{first['id']}", headers=other_auth).status_code == 404
    assert report(client, other_auth, record["id"]).status_code == 404


def test_deleting_the_coverage_deletes_its_claims_and_their_reminders(client, auth):
    record = create(client, auth, taobao())
    claim = report(client, auth, record["id"]).get_json()
    assert client.delete(f"{COVERAGES}/{record['id']}", headers=auth).status_code == 204
    assert client.get(f"{CLAIMS}/{claim['id']}", headers=auth).status_code == 404
    assert reminders(client, auth, "upcoming") == []


@pytest.fixture
def answering_guide(monkeypatch):
    """The generic guide as if a source gave the provider 7 days to answer a request (no real
    guide gives a sourced response time yet)."""
    real = guides()
    generic = real[GENERIC]
    routes = {route: {state: dataclasses.replace(stage, response_days=7)
                      if state == "requested" else stage for state, stage in stages.items()}
              for route, stages in generic.routes.items()}
    patched = {**real, GENERIC: dataclasses.replace(generic, routes=routes)}
    assert all(isinstance(s, Stage) for stages in routes.values() for s in stages.values())
    monkeypatch.setattr("server.guides.guides", lambda: patched)
    monkeypatch.setattr("server.serialize.refunds.guides", lambda: patched)
    return patched


def test_a_refund_case_waiting_past_the_response_time_is_a_reminder(client, auth,
                                                                     answering_guide):
    record = create(client, auth, coverage(product={"title": "电视", "site": "example"}))
    case = client.post(f"{COVERAGES}/{record['id']}/refund-cases", json={"route": "plan_only"},
                       headers=auth).get_json()
    assert case["platform"] == "generic"
    moved = client.post(f"/api/v1/refund-cases/{case['id']}/transitions",
                        json={"to": "requested"}, headers=auth).get_json()
    due = (TODAY + timedelta(days=7)).isoformat()
    assert {s["due_on"] for s in moved["next_steps"]} == {due}
    [follow] = [r for r in reminders(client, auth, "upcoming") if r["kind"] == "refund_case_due"]
    assert follow["subject"] == case["id"] and follow["event_on"] == due
    client.post(f"/api/v1/refund-cases/{case['id']}/transitions", json={"to": "withdrawn"},
                headers=auth)
    every = reminders(client, auth) + reminders(client, auth, "upcoming")
    assert not [r for r in every if r["kind"] == "refund_case_due"]


def test_follow_ups_follow_a_new_time_zone(client, auth):
    record = create(client, auth, taobao())
    report(client, auth, record["id"])
    [before] = [r for r in reminders(client, auth, "upcoming") if r["subject"]]
    response = client.patch("/api/v1/account", json={"time_zone": "America/New_York"},
                            headers=auth)
    assert response.status_code == 200, response.get_json()
    [after] = [r for r in reminders(client, auth, "upcoming") if r["subject"]]
    assert after["id"] == before["id"] and after["fires_at"] != before["fires_at"]
    local = datetime.fromisoformat(after["fires_at"].replace("Z", "+00:00"))
    assert local.astimezone(ZoneInfo("America/New_York")).hour == 9
    assert date.fromisoformat(after["event_on"]) == TODAY + timedelta(days=1)
