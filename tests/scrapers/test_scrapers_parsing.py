"""Embedded JavaScript literals, charsets, warranty terms and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scrapers import detect
from scrapers.__main__ import main
from scrapers.decode import declared_charset, to_text
from scrapers.jsobject import find_key, literal_after, parse_literal
from scrapers.warranty import offer_kind, term_months

DATA = Path(__file__).resolve().parents[1] / "data"


def test_js_literal_with_unquoted_keys_single_quotes_comments_and_calls() -> None:
    src = """var pageConfig = { product: { skuid: 100007300763, // sku
        name: '海信（Hisense）60E3F \\'new\\'', cat: [737,794,798], /**/ started: +new Date,
        fn: foo(1, 2), shopId:'1000324421', }};"""
    data = parse_literal(literal_after(src, "pageConfig"))
    assert data["product"]["skuid"] == 100007300763
    assert data["product"]["name"] == "海信（Hisense）60E3F 'new'"
    assert data["product"]["started"] is None and data["product"]["fn"] is None
    assert find_key(data, ("shopId",)) == "1000324421"


@pytest.mark.parametrize("broken", ["{a: 1", "{'a': [1, 2}", "", "not js at all"])
def test_unbalanced_literals_read_as_nothing(broken: str) -> None:
    assert parse_literal(literal_after("x = " + broken, "x =")) is None


def test_declared_gbk_is_honoured() -> None:
    page = "<meta charset='gbk'><title>海尔冰箱</title>".encode("gbk")
    assert declared_charset(page) == "gb18030"
    assert "海尔冰箱" in to_text(page)


def test_undeclared_gbk_falls_back_from_utf8() -> None:
    assert to_text("<p>冰箱</p>".encode("gbk")) == "<p>冰箱</p>"


@pytest.mark.parametrize(
    ("name", "kind", "months"),
    [("延长保修2年", "extended", 24), ("只换不修1年", "replace", 12),
     ("意外保护1年", "accidental_damage", 12), ("3-Year Protection Plan", "extended", 36),
     ("Accident Protection 24 months", "accidental_damage", 24), ("送货入户", "other", None)],
)  # fmt: skip
def test_plan_names(name: str, kind: str, months: int | None) -> None:
    assert (offer_kind(name), term_months(name)) == (kind, months)


def test_cli_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    page = DATA / "jd" / "raw_hisense_tv.html"
    assert main([str(page), "--url", "https://item.jd.com/100007300763.html"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["product"]["title"].startswith("海信（Hisense）60E3F")


def test_cli_reports_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([str(tmp_path / "missing.html"), "--url", "https://item.jd.com/1.html"]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_bytes_and_text_give_the_same_answer() -> None:
    page = DATA / "tmall" / "raw_air_conditioner.html"
    url = "https://detail.tmall.com/item.htm?id=599742108377"
    as_bytes = detect(page.read_bytes(), url).to_dict()
    as_text = detect(page.read_bytes().decode("gbk"), url).to_dict()
    assert as_bytes == as_text


def test_package_stays_free_of_flask_and_the_service() -> None:
    code = (
        "import sys, scrapers, scrapers.evaluate, scrapers.__main__\n"
        "scrapers.detect('<p>x</p>', 'https://item.jd.com/1.html')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'apiflask', 'server')]\n"
        "sys.exit(1 if bad else 0)\n"
    )
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


@pytest.mark.parametrize(
    ("title", "brand", "model"),
    [("海信（Hisense）60E3F 60英寸 4K超清", "海信（Hisense）", "60E3F"),
     ("Haier/海尔冰箱 BCD-206STPA 206升三门", "Haier", "BCD-206STPA"),
     ("小米全面屏电视", None, None)],
)  # fmt: skip
def test_brand_and_model_from_the_title(title: str, brand: str | None, model: str | None) -> None:
    html = f"<html><head><title>x</title></head><body><h1>{title}</h1></body></html>"
    product = detect(html, "https://item.jd.com/100007300763.html").to_dict()["product"]
    assert product is not None
    assert (product["brand"], product["model"]) == (brand, model)
