"""Plan names and warranty sentences to structured facts: kind, provider, term in months.

Terms are whole months (the contract stores months, with ``lifetime`` elsewhere); "2年",
"24个月", "3-Year", "two years" all read the same way.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from scrapers.text import match_form

_CN_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "八": 8, "十": 10}
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10}
_NUM = r"(\d+(?:\.\d+)?|[一两二三四五六八十]|one|two|three|four|five|six|ten)"
_YEARS = re.compile(_NUM + r"\s*(?:-|\s)?\s*(?:年|years?|yrs?\b|yr\b)")
_MONTHS = re.compile(_NUM + r"\s*(?:-|\s)?\s*(?:个月|月|months?|mos?\b|mo\b)")


@cache
def _terms() -> dict:
    raw = resources.files("scrapers.data").joinpath("warranty_terms.json").read_text("utf-8")
    return json.loads(raw)


def _number(word: str) -> float:
    return float(_CN_NUMBERS.get(word) or _EN_NUMBERS.get(word) or word)


def term_months(text: str | None) -> int | None:
    """First duration in ``text`` as whole months."""
    norm = match_form(text)
    if not norm:
        return None
    found = [(m.start(), round(_number(m.group(1)) * 12)) for m in _YEARS.finditer(norm)]
    found += [(m.start(), round(_number(m.group(1)))) for m in _MONTHS.finditer(norm)]
    found = [f for f in found if 0 < f[1] <= 240]
    return min(found)[1] if found else None


def offer_kind(name: str | None) -> str:
    norm = match_form(name)
    for kind, words in _terms()["kinds"]:
        if any(word in norm for word in words):
            return kind
    return "other"


def provider_of(text: str | None) -> str | None:
    """The plan's provider named in ``text``; Latin names as whole words ("extend", not
    "extended")."""
    norm = match_form(text)
    for word, provider in _terms()["providers"].items():
        if word.isascii():
            if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", norm):
                return provider
        elif word in norm:
            return provider
    return None


def is_official_store(seller: str | None) -> bool | None:
    if not seller:
        return None
    norm = match_form(seller)
    return any(word in norm for word in _terms()["official_store"])


def mentions_nationwide(text: str | None) -> bool:
    norm = match_form(text)
    return any(word in norm for word in _terms()["nationwide"])


def looks_like_plan(text: str | None) -> bool:
    """True when a label reads like a warranty plan rather than a colour or size option."""
    norm = match_form(text)
    return any(word in norm for _, words in _terms()["kinds"] for word in words)
