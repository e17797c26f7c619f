"""Problem details and validation messages follow Accept-Language: Chinese for zh, else
English; every translation carries the parts of the message that vary."""

from __future__ import annotations

import re
import tomllib

import pytest

from server import i18n

ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(("method", "path", "body"), [
    ("post", "/api/v1/coverages", {"product": {"title": "x"}, "purchase_date": "2026-02-30"}),
    ("get", "/api/v1/coverages/no-such-id", None),
    ("post", "/api/v1/quotes", {"product": {"category": "gizmo", "price": "1",
                                            "currency": "CNY"}}),
    ("post", "/api/v1/pages/detect", {"url": "https://shop.example/p/1",
                                      "html": "<div>" * 70_000}),
], ids=["validation", "not found", "category word", "hostile page"])
def test_problems_are_in_chinese_when_the_shopper_reads_chinese(client, auth, method, path,
                                                               body):
    chinese = getattr(client, method)(path, json=body, headers={**auth, **ZH})
    english = getattr(client, method)(path, json=body, headers=auth)
    assert chinese.status_code == english.status_code >= 400
    assert chinese.headers["Content-Language"] == "zh"
    assert CJK.search(chinese.get_json()["detail"]), chinese.get_json()["detail"]
    assert not CJK.search(english.get_json()["detail"].split(":")[-1])
    for error in chinese.get_json().get("errors", []):
        assert CJK.search(error["message"]), error


def test_malformed_json_is_explained_in_chinese(client):
    response = client.post("/api/v1/devices", data="[" * 5000,
                           headers={**ZH, "Content-Type": "application/json"})
    assert response.status_code == 400 and "嵌套过深" in response.get_json()["detail"]


def test_every_translation_keeps_the_parts_that_vary():
    entries = tomllib.loads(i18n._FILE.read_text(encoding="utf-8"))["message"]
    assert len(entries) > 40
    for entry in entries:
        holes = set(re.findall(r"\{(\w+)\}", entry["en"]))
        assert holes == set(re.findall(r"\{(\w+)\}", entry["zh"])), entry["en"]
        assert CJK.search(entry["zh"]), entry["en"]
    assert i18n.translate("Must be one of: a, b.", "zh") == "必须是以下之一：a, b。"
    assert i18n.translate("A message nobody translated.", "zh") == "A message nobody translated."
