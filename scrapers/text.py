"""Text normalisation used before any matching.

Scraped Chinese pages arrive in either script, with full-width Latin letters and digits, with
odd whitespace, and sometimes with pinyin glosses glued after characters (``服務(wù)``). Matching
keywords against that directly misses most of them, so every matcher goes through
:func:`normalize` first.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

import opencc

_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = "a-zü" + _TONE_VOWELS
# A gloss is lowercase pinyin with at least one tone mark, in ASCII or full-width parentheses,
# right after a CJK character. Requiring the tone mark keeps "尺寸(cm)" and "(BCD-470)" intact.
_GLOSS = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]"
    rf"(?=[{_PINYIN_LETTERS}]*[{_TONE_VOWELS}])[{_PINYIN_LETTERS}]{{1,7}}[)）]"
)
_CJK = r"\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _regional_terms() -> tuple[tuple[str, str], ...]:
    raw = resources.files("scrapers.data").joinpath("regional_terms.json").read_text("utf-8")
    terms = json.loads(raw)["terms"]
    return tuple(sorted(terms.items(), key=lambda kv: -len(kv[0])))


@cache
def _regional_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k, _ in _regional_terms()))


def fold_width(text: str) -> str:
    """Full-width ASCII forms and the ideographic space to their ASCII equivalents only."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" or ch == "\u3000" else ch
        for ch in text
    )


def strip_glosses(text: str) -> str:
    """Remove pinyin glosses such as ``(wù)`` that follow a Chinese character."""
    return _GLOSS.sub("", text)


def clean_space(text: str) -> str:
    """Collapse whitespace runs (and non-breaking spaces) to one space."""
    return _SPACES.sub(" ", text.replace("\xa0", " ")).strip()


def squeeze_cjk(text: str) -> str:
    """Drop spaces between CJK characters, which JD uses for letter-spacing ("大 家 电")."""
    return _SPACE_BETWEEN_CJK.sub("", clean_space(text))


def to_simplified(text: str) -> str:
    """Traditional to Simplified characters (OpenCC t2s), then regional vocabulary."""
    if not text:
        return text
    simplified = _converter().convert(text)
    table = dict(_regional_terms())
    return _regional_pattern().sub(lambda m: table[m.group(0)], simplified)


def normalize(text: str | None) -> str:
    """Everything above, in the order that keeps each step safe."""
    if not text:
        return ""
    return squeeze_cjk(to_simplified(strip_glosses(fold_width(text))))


def match_form(text: str | None) -> str:
    """Normalised and lower-cased: the form keyword tables are matched against."""
    return normalize(text).lower()
