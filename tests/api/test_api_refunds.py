"""Refund cases through the API (SQLite and PostgreSQL): opening, every kind of wrong input,
a case walked to refunded with its history and the layer marked refunded in the coverage and
its timeline, other accounts kept out, and the platform guides."""

from __future__ import annotations

import copy
import io
from datetime import UTC, datetime, timedelta

import pytest
from payloads import ISSUE_EXAMPLE, coverage

COVERAGES = "/api/v1/coverages"
CASES = "/api/v1/refund-cases"


def create_coverage(client, auth, body=None) -> dict:
    response = client.post(COVERAGES, json=body or ISSUE_EXAMPLE, headers=auth)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def open_case(client, auth, coverage_id, **body):
    return client.post(f"{COVERAGES}/{coverage_id}/refund-cases",
                       json={"route": "plan_only", **body}, headers=auth)


def move(client, auth, case_id, **body):
    return client.post(f"{CASES}/{case_id}/transitions", json=body, headers=auth)


def problem_fields(response, status=422):
    assert response.status_code == status, response.get_json()
    assert response.mimetype == "application/problem+json"
    return {e["field"]: e["message"] for e in response.get_json()["errors"]}


def plan(**changes) -> dict:
    layer = {"kind": "plan", "provider": "京东", "name": "延长保修2年", "term_months": 24,
             "starts": "after_manufacturer", "price": "199.00", "currency": "CNY",
             "cancellation": {"full_refund_days": 30, "after": "prorated", "fee": "10.00"}}
    layer.update(changes)
    return layer


def test_open_a_case_in_draft(client, auth):
    record = create_coverage(client, auth)
    response = open_case(client, auth, record["id"])
    assert response.status_code == 201
    case = response.get_json()
    assert case["state"] == "draft" and case["route"] == "plan_only"
    assert case["layer_id"] == record["layers"][2]["id"]  # the only plan layer
    assert case["coverage_id"] == record["id"] and case["currency"] == "CNY"
    assert case["platform"] == "jd" and case["allowed_next"] == ["requested", "withdrawn"]
    assert [(h["from"], h["to"]) for h in case["history"]] == [(None, "draft")]
    assert [s["to"] for s in case["next_steps"]] == ["requested"]
    wanted = case["next_steps"][0]["evidence"]
    assert case["checklist"] == [{"to": "requested", "evidence": [
        {**item, "present": False, "files": 0} for item in wanted]}]
    assert case["evidence_files"] == 0
    assert client.get(f"{CASES}/{case['id']}", headers=auth).get_json() == case


def test_taobao_case_shows_the_seed_steps(client, auth):
    body = coverage(product={"title": "电视", "site": "taobao"})
    record = create_coverage(client, auth, body)
    case = open_case(client, auth, record["id"], route="with_goods").get_json()
    step = case["next_steps"][0]
    assert case["platform"] == "taobao" and step["from_guide"] == "taobao"
    first = step["actions"][0]
    assert first["zh"] == "登录支付宝账户。" and first["source"] == "seed:"
    # with_goods: the plan comes back with the goods, whole.
    assert case["expected_refund"]["amount"] == "199.00"
    assert "随之退还" in case["expected_refund"]["arithmetic"]["zh"]


def test_expected_refund_within_the_window_and_prorated(client, auth):
    today = datetime.now(UTC).date()
    recent = coverage(purchase_date=(today - timedelta(days=10)).isoformat(),
                      layers=[{"kind": "manufacturer", "term_months": 12}, plan()])
    case = open_case(client, auth, create_coverage(client, auth, recent)["id"]).get_json()
    assert case["expected_refund"]["amount"] == "199.00"
    assert "within the 30-day full-refund window" in case["expected_refund"]["arithmetic"]["en"]
    # Bought 2020-01-15 under a ten-year warranty: the plan starts 2030-01-16, so all 24 of
    # its months are unused: 199.00 × 24/24 − the 10.00 fee = 189.00.
    waiting = coverage(purchase_date="2020-01-15",
                       layers=[{"kind": "manufacturer", "term_months": 120}, plan()])
    case = open_case(client, auth, create_coverage(client, auth, waiting)["id"]).get_json()
    expected = case["expected_refund"]
    assert (expected["amount"], expected["currency"]) == ("189.00", "CNY")
    assert "剩余24个月 / 共24个月 = 199.00；减手续费10.00 = 189.00" in expected["arithmetic"]["zh"]
    assert "24 unused of 24 months = 199.00; less the 10.00 fee = 189.00" in \
        case["expected_refund"]["arithmetic"]["en"]
    # A plan that ended in 2017 has nothing left: 0.00 (the fee cannot make it negative).
    ended = coverage(purchase_date="2015-01-01", layers=[plan(starts="purchase")])
    case = open_case(client, auth, create_coverage(client, auth, ended)["id"]).get_json()
    assert case["expected_refund"]["amount"] == "0.00"


def test_walk_a_case_to_refunded_marks_the_layer_refunded(client, auth):
    record = create_coverage(client, auth)
    case_id = open_case(client, auth, record["id"]).get_json()["id"]
    walk = [("requested", "199.00", "asked"), ("negotiating", "50.00", "offered"),
            ("platform_intervention", "199.00", "asked"), ("complaint", None, None),
            ("refunded", "120.00", "received")]
    for to, amount, field in walk:
        body = {"to": to, "note": f"now {to}"} | ({"amount": amount} if amount else {})
        response = move(client, auth, case_id, **body)
        assert response.status_code == 200, response.get_json()
        entry = response.get_json()["history"][-1]
        assert entry["to"] == to and entry["note"] == f"now {to}"
        if field:
            assert entry[field] == amount
    case = response.get_json()
    assert case["state"] == "refunded" and case["allowed_next"] == [] and case["next_steps"] == []
    assert [h["from"] for h in case["history"]] == [None, "draft", "requested", "negotiating",
                                                    "platform_intervention", "complaint"]
    assert [h["layer_refunded"] for h in case["history"]] == [False] * 5 + [True]
    layer = client.get(f"{COVERAGES}/{record['id']}", headers=auth).get_json()["layers"][2]
    assert layer["state"] == "refunded" and layer["status"] == "refunded"
    timeline = client.get(f"{COVERAGES}/{record['id']}/timeline", headers=auth).get_json()
    statuses = {s["id"]: s["status"] for row in timeline["rows"] for s in row["segments"]}
    assert statuses[layer["id"]] == "refunded"
    # The layer is no longer in force: a new case on it is refused, naming the field.
    assert "layer_id" in problem_fields(open_case(client, auth, record["id"],
                                                  layer_id=layer["id"]))


def test_a_partial_refund_leaves_the_layer_in_force(client, auth):
    record = create_coverage(client, auth)
    case_id = open_case(client, auth, record["id"]).get_json()["id"]
    move(client, auth, case_id, to="requested")
    assert move(client, auth, case_id, to="partly_refunded", amount="30").status_code == 200
    layer = client.get(f"{COVERAGES}/{record['id']}", headers=auth).get_json()["layers"][2]
    assert layer["state"] == "in_force"


def test_a_wrong_move_is_409_with_the_states_allowed_next_and_stores_nothing(client, auth):
    record = create_coverage(client, auth)
    case = open_case(client, auth, record["id"]).get_json()
    response = move(client, auth, case["id"], to="refunded", amount="199.00")
    assert response.status_code == 409 and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["allowed_next"] == ["requested", "withdrawn"]
    assert body["errors"][0]["field"] == "to" and "requested, withdrawn" in body["detail"]
    assert client.get(f"{CASES}/{case['id']}", headers=auth).get_json() == case
    layer = client.get(f"{COVERAGES}/{record['id']}", headers=auth).get_json()["layers"][2]
    assert layer["state"] == "in_force"


@pytest.mark.parametrize(("to", "amount", "field"), [
    ("lost", None, "to"),
    (None, None, "to"),
    ("withdrawn", "1.00", "amount"),
    ("requested", "1.234", "amount"),
    ("requested", 1.5, "amount"),
    ("requested", "-3", "amount"),
])
def test_bad_move_input_names_the_field(client, auth, to, amount, field):
    case = open_case(client, auth, create_coverage(client, auth)["id"]).get_json()
    body = {k: v for k, v in (("to", to), ("amount", amount)) if v is not None}
    assert field in problem_fields(move(client, auth, case["id"], **body))
    assert client.get(f"{CASES}/{case['id']}", headers=auth).get_json() == case


def test_money_received_must_be_given(client, auth):
    case = open_case(client, auth, create_coverage(client, auth)["id"]).get_json()
    move(client, auth, case["id"], to="requested")
    assert "amount" in problem_fields(move(client, auth, case["id"], to="refunded"))


def test_bad_open_input_names_the_field(client, auth):
    record = create_coverage(client, auth)
    url = f"{COVERAGES}/{record['id']}/refund-cases"
    assert "route" in problem_fields(client.post(url, json={}, headers=auth))
    assert "route" in problem_fields(client.post(url, json={"route": "by_post"}, headers=auth))
    assert "layer_id" in problem_fields(open_case(client, auth, record["id"], layer_id="nope"))
    warranty = record["layers"][0]["id"]
    assert "not a bought plan" in problem_fields(
        open_case(client, auth, record["id"], layer_id=warranty))["layer_id"]
    two_plans = coverage(layers=[*ISSUE_EXAMPLE["layers"], plan(name="another")])
    other = create_coverage(client, auth, two_plans)
    assert "2 plan layers" in problem_fields(open_case(client, auth, other["id"]))["layer_id"]
    bare = create_coverage(client, auth, coverage(layers=[]))
    assert "no plan layer" in problem_fields(open_case(client, auth, bare["id"]))["layer_id"]
    assert client.get(CASES, headers=auth).get_json()["items"] == []


def test_one_open_case_per_layer(client, auth):
    record = create_coverage(client, auth)
    first = open_case(client, auth, record["id"]).get_json()
    again = open_case(client, auth, record["id"])
    assert problem_fields(again, 409) == {"layer_id": again.get_json()["detail"]}
    assert first["id"] in again.get_json()["detail"]
    move(client, auth, first["id"], to="withdrawn", note="changed my mind")
    assert open_case(client, auth, record["id"]).status_code == 201


def test_a_case_survives_edits_of_its_coverage(client, auth):
    record = create_coverage(client, auth)
    case = open_case(client, auth, record["id"]).get_json()
    url = f"{COVERAGES}/{record['id']}"
    assert client.patch(url, json={"notes": "edited"}, headers=auth).status_code == 200
    assert client.get(f"{CASES}/{case['id']}", headers=auth).get_json() == case
    # Sending the layers again (no ids): each keeps its id by position and kind, so the case
    # keeps its layer, its expected refund, and a refund marks that layer.
    ids = [layer["id"] for layer in record["layers"]]
    edited = copy.deepcopy(ISSUE_EXAMPLE["layers"])
    edited[2]["price"] = "299.00"
    response = client.patch(url, json={"layers": edited}, headers=auth)
    assert response.status_code == 200, response.get_json()
    assert [layer["id"] for layer in response.get_json()["layers"]] == ids
    after = client.get(f"{CASES}/{case['id']}", headers=auth).get_json()
    assert after["layer_id"] == ids[2] and after["history"] == case["history"]
    assert after["expected_refund"]["amount"] is not None
    assert "299.00" in after["expected_refund"]["arithmetic"]["en"]
    body = copy.deepcopy(ISSUE_EXAMPLE)
    assert client.put(url, json=body, headers=auth).get_json()["layers"][2]["id"] == ids[2]
    move(client, auth, case["id"], to="requested")
    done = move(client, auth, case["id"], to="refunded", amount="24.88").get_json()
    assert done["history"][-1]["layer_refunded"] is True
    states = [layer["state"] for layer in client.get(url, headers=auth).get_json()["layers"]]
    assert states == ["in_force", "in_force", "refunded"]


def test_layers_named_by_id_keep_it_in_any_order(client, auth):
    record = create_coverage(client, auth)
    case = open_case(client, auth, record["id"]).get_json()
    url = f"{COVERAGES}/{record['id']}"
    ids = [layer["id"] for layer in record["layers"]]
    layers = copy.deepcopy(ISSUE_EXAMPLE["layers"])
    # The plan first, the compressor dropped, a new card layer added: ids follow the layers.
    reordered = [{**layers[2], "id": ids[2]}, {**layers[0], "id": ids[0]},
                 {"kind": "card", "provider": "招商银行", "term_months": 12}]
    response = client.put(url, json={**ISSUE_EXAMPLE, "layers": reordered}, headers=auth)
    assert response.status_code == 200, response.get_json()
    got = response.get_json()["layers"]
    assert [layer["id"] for layer in got[:2]] == [ids[2], ids[0]]
    assert got[2]["id"] not in ids and got[2]["kind"] == "card"
    assert client.get(f"{CASES}/{case['id']}", headers=auth).get_json()["layer_id"] == ids[2]
    # Dropping the plan layer: the case stays, says its layer is gone, a refund marks nothing.
    only_warranty = [{**layers[0], "id": ids[0]}]
    assert client.patch(url, json={"layers": only_warranty}, headers=auth).status_code == 200
    gone = client.get(f"{CASES}/{case['id']}", headers=auth).get_json()
    assert gone["expected_refund"]["amount"] is None
    assert "no longer on the coverage" in gone["expected_refund"]["arithmetic"]["en"]
    move(client, auth, case["id"], to="requested")
    done = move(client, auth, case["id"], to="refunded", amount="24.88").get_json()
    assert done["history"][-1]["layer_refunded"] is False


@pytest.mark.parametrize(("layer_ids", "field", "words"), [
    (["00000000-0000-4000-8000-000000000000", None, None], "layers.0.id", "No layer"),
    (["#0", "#0", None], "layers.1.id", "given twice"),
])
def test_bad_layer_ids_name_the_layer_and_change_nothing(client, auth, layer_ids, field, words):
    record = create_coverage(client, auth)
    url = f"{COVERAGES}/{record['id']}"
    layers = copy.deepcopy(ISSUE_EXAMPLE["layers"])
    for layer, given in zip(layers, layer_ids, strict=True):
        if given is not None:
            layer["id"] = record["layers"][int(given[1:])]["id"] if given.startswith("#") \
                else given
    errors = problem_fields(client.patch(url, json={"layers": layers}, headers=auth))
    assert words in errors[field]
    assert client.get(url, headers=auth).get_json() == record
    other = create_coverage(client, auth)  # another coverage's layer id is not this one's
    stolen = [{**ISSUE_EXAMPLE["layers"][0], "id": other["layers"][0]["id"]}]
    assert "layers.0.id" in problem_fields(client.patch(url, json={"layers": stolen},
                                                        headers=auth))
    # Creating a coverage: there are no layers to name yet.
    body = {**ISSUE_EXAMPLE, "layers": [{**ISSUE_EXAMPLE["layers"][0],
                                         "id": record["layers"][0]["id"]}]}
    assert "layers.0.id" in problem_fields(client.post(COVERAGES, json=body, headers=auth))


def test_deleting_the_coverage_deletes_its_cases(client, auth):
    record = create_coverage(client, auth)
    case = open_case(client, auth, record["id"]).get_json()
    move(client, auth, case["id"], to="requested")
    assert client.delete(f"{COVERAGES}/{record['id']}", headers=auth).status_code == 204
    assert client.get(f"{CASES}/{case['id']}", headers=auth).status_code == 404


def test_the_list_holds_the_accounts_cases_newest_first(client, auth, other_auth):
    first = open_case(client, auth, create_coverage(client, auth)["id"]).get_json()
    second = open_case(client, auth, create_coverage(client, auth)["id"]).get_json()
    open_case(client, other_auth, create_coverage(client, other_auth)["id"])
    items = client.get(CASES, headers=auth).get_json()["items"]
    assert [i["id"] for i in items] == [second["id"], first["id"]]


def test_another_account_gets_404_and_changes_nothing(client, auth, other_auth):
    record = create_coverage(client, auth)
    case = open_case(client, auth, record["id"]).get_json()
    assert client.get(f"{CASES}/{case['id']}", headers=other_auth).status_code == 404
    assert move(client, other_auth, case["id"], to="withdrawn").status_code == 404
    assert open_case(client, other_auth, record["id"]).status_code == 404
    assert client.get(CASES, headers=other_auth).get_json()["items"] == []
    assert client.get(f"{CASES}/{case['id']}", headers=auth).get_json() == case


def test_guides(client, auth):
    taobao = client.get("/api/v1/refund-guides/taobao", headers=auth)
    assert taobao.status_code == 200
    body = taobao.get_json()
    assert body["sites"] == ["taobao", "tmall"]
    assert [c["value"] for c in body["contacts"]] == ["0571-88158198", "0571-88157858"]
    assert {s["state"] for s in body["routes"]["plan_only"]} == {
        "requested", "negotiating", "platform_intervention", "complaint"}
    assert body["missing"]["en"] and body["missing"]["zh"]
    missing = client.get("/api/v1/refund-guides/ebay", headers=auth)
    assert missing.status_code == 404
    assert "amazon, bestbuy, generic, jd, taobao" in missing.get_json()["detail"]


def test_refusals_speak_chinese_when_asked(client, auth):
    zh = {**auth, "Accept-Language": "zh-CN"}
    record = create_coverage(client, auth)
    case = open_case(client, auth, record["id"]).get_json()
    wrong = client.post(f"{CASES}/{case['id']}/transitions", json={"to": "refunded"}, headers=zh)
    assert wrong.status_code == 409
    assert wrong.get_json()["detail"] == ("处于“draft”状态的退款案例不能转到“refunded”；"
                                          "下一步可转到：requested, withdrawn。")
    again = client.post(f"{COVERAGES}/{record['id']}/refund-cases", json={"route": "plan_only"},
                        headers=zh)
    assert "该保障层已有进行中的退款案例" in again.get_json()["detail"]
    missing = client.get("/api/v1/refund-guides/ebay", headers=zh).get_json()
    assert missing["detail"].startswith("没有“ebay”的退款指南")


def test_the_complaint_letter(client, auth, other_auth):
    body = coverage(product={"title": "海尔冰箱", "site": "taobao"}, order_ref="TB-42")
    record = create_coverage(client, auth, body)
    case = open_case(client, auth, record["id"]).get_json()
    move(client, auth, case["id"], to="requested", amount="199.00", note="支付宝申请")
    move(client, auth, case["id"], to="negotiating", amount="50.00")
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 30
    client.post(f"{CASES}/{case['id']}/evidence", headers=auth, content_type="multipart/form-data",
                data={"kind": "chat_screenshots", "file": (io.BytesIO(png), "聊天.png")})
    url = f"{CASES}/{case['id']}/letter"
    zh = client.get(f"{url}?lang=zh", headers=auth).get_json()
    assert zh["lang"] == "zh" and zh["subject"] == "投诉：海尔冰箱 延保退款"
    text = zh["text"]
    for line in ("本人于2024-02-29在淘宝购买“海尔冰箱”（订单号：TB-42），"
                 "同时购买了京东的“延长保修2年”，费用199.00 CNY。",
                 "：申请退款，要求退还199.00 CNY。备注：支付宝申请",
                 "：与服务商协商退款，对方提出退还50.00 CNY。",
                 "- 要求退还：199.00 CNY", "- 对方提出：50.00 CNY", "- 已收到：无",
                 "1. 聊天记录截图：聊天.png（", "0571-88158198", "0571-88157858",
                 f"（案例编号：{case['id']}）"):
        assert line in text, line
    expected = client.get(f"{CASES}/{case['id']}", headers=auth).get_json()["expected_refund"]
    assert f"- 按延保条款应退：{expected['amount']} CNY（{expected['arithmetic']['zh']}）" in text
    # The language follows Accept-Language when not asked for.
    en = client.get(url, headers={**auth, "Accept-Language": "en-US"}).get_json()
    assert en["lang"] == "en" and "On 2024-02-29 I bought “海尔冰箱” on Taobao (order TB-42)" \
        in en["text"]
    assert client.get(url, headers={**auth, "Accept-Language": "zh-CN"}).get_json() == zh
    assert "query.lang" in problem_fields(client.get(f"{url}?lang=fr", headers=auth))
    assert "query.colour" in problem_fields(client.get(f"{url}?colour=red", headers=auth))
    assert client.get(url, headers=other_auth).status_code == 404
