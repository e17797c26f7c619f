"""Manufacturer terms per component, and the whole-unit term kept as warranty_months."""

from __future__ import annotations

import pytest

from scrapers import detect
from scrapers.terms import warranty_terms


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("整机保修1年，主要部件保修3年", [("whole_unit", 12), ("main_parts", 36)]),
        ("压缩机保修10年 整机保修6年", [("compressor", 120), ("whole_unit", 72)]),
        ("電視整機保固1年，液晶屏保固3年", [("whole_unit", 12), ("panel", 36)]),
        ("10-year compressor warranty", [("compressor", 120)]),
        ("1 Year Parts & Labor, 10 Years Compressor", [("whole_unit", 12), ("compressor", 120)]),
        ("Limited warranty: 1 year; 5 years on sealed system",
         [("whole_unit", 12), ("sealed_system", 60)]),
        ("三年质保 电机十年", [("whole_unit", 36), ("motor", 120)]),
        ("本产品全国联保，享受三包服务", []),
    ],
)  # fmt: skip
def test_terms_per_component(text: str, terms: list[tuple[str, int]]) -> None:
    assert [(t["component"], t["months"]) for t in warranty_terms(text)] == terms


def test_detect_reports_terms_and_keeps_the_whole_unit_term() -> None:
    html = (
        "<html><body><div class='sku-name'>美的 KFR-35GW 空调 变频压缩机10年包修</div>"
        "<span id='jd-price'>￥2999.00</span>"
        "<div id='guarantee'>主要部件保修6年，整机保修1年</div></body></html>"
    )
    product = detect(html, "https://item.jd.com/100200.html").to_dict()["product"]
    assert product["warranty_terms"] == [
        {"component": "main_parts", "months": 72}, {"component": "whole_unit", "months": 12},
        {"component": "compressor", "months": 120},
    ]  # fmt: skip
    assert product["warranty_months"] == 12


def test_a_component_term_alone_is_not_the_whole_unit_term() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@type":"Product","name":"Acme Fridge",'
        '"offers":{"price":"899","priceCurrency":"USD"},"warranty":"10-year compressor warranty"}'
        "</script></head><body></body></html>"
    )
    product = detect(html, "https://shop.example.com/p/1").to_dict()["product"]
    assert product["warranty_terms"] == [{"component": "compressor", "months": 120}]
    assert product["warranty_months"] is None
