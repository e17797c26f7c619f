"""Text normalisation, including the seed article (tests/data/articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers import detect
from scrapers.text import clean_space, fold_width, normalize, squeeze_cjk, strip_glosses

SEED = Path(__file__).resolve().parents[1] / "data" / "articles" / "taobao_yanbao_seed.txt"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("服務(wù)", "服务"),
        ("延長保固2年", "延保2年"),
        ("原廠保固一年", "原厂保修一年"),
        ("冷氣機 分離式", "空调分离式"),
        ("ＢＣＤ－４７０　冰箱", "BCD-470 冰箱"),
        ("海爾冰箱(BCD-470)", "海尔冰箱(BCD-470)"),
        ("尺寸(cm)", "尺寸(cm)"),
        ("商(廠家)", "商(厂家)"),
        ("大 家 电", "大家电"),
        ("  多个   空格\n换行 ", "多个空格换行"),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_glosses_need_a_tone_mark_and_a_chinese_character_before() -> None:
    assert strip_glosses("進(jìn)行 點(diǎn) 的(de) model(ài)") == "進行 點 的(de) model(ài)"


def test_fold_width_only_touches_full_width_forms() -> None:
    assert fold_width("ＡＢＣ１２３，m²") == "ABC123,m²"


def test_clean_space_keeps_spaces_between_words() -> None:
    assert clean_space("DTS音效 超薄\xa0全面屏") == "DTS音效 超薄 全面屏"
    assert squeeze_cjk("DTS音效 超薄") == "DTS音效超薄"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text("utf-8")


def test_seed_article_is_not_a_product(seed_text: str) -> None:
    result = detect(seed_text, "https://www.example.com/post/taobao-yanbao.html")
    assert result.is_product is False
    assert "article" in result.reason


def test_seed_article_text_is_simplified_without_glosses(seed_text: str) -> None:
    text = detect(seed_text, "https://www.example.com/post/taobao-yanbao.html").page_text
    assert "淘宝电器延保服务" in text
    for traditional in ("淘寶", "服務", "維修", "費"):
        assert traditional not in text
    for gloss in ("(wù)", "(fèi)", "(jìn)"):
        assert gloss not in text
    assert "(厂家)" in text
    assert "0571-88158198" in text
