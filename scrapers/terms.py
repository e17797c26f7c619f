"""Manufacturer warranty terms per component: "整机保修1年，主要部件保修3年" is two terms.

Makers give the whole unit one term and single parts longer ones (compressors, motors,
panels). A coverage timeline needs each layer, so a warranty sentence becomes a list of
``{component, months}``: every clause that names a component and a duration is one term, a
clause with a duration and no component is the whole unit's. Component words are data
(``data/warranty_terms.json``, "components").
"""

from __future__ import annotations

import re
from functools import cache

from scrapers.text import match_form
from scrapers.warranty import _terms, term_months

_DURATION = re.compile(r"\d+\s*(?:个月|年|月)|[一两二三四五六八十]\s*年")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CLAUSES = re.compile(r"[，,;；。|/\n]|\bplus\b|、")


def _clauses(text: str) -> list[str]:
    """Clauses of a warranty sentence; Chinese ones with two terms and no comma between them
    ("压缩机保修10年 整机保修6年") are cut after each 年/月, where the first term ends."""
    out = []
    for clause in _CLAUSES.split(text):
        if len(_DURATION.findall(clause)) > 1 and _CJK.search(clause):
            out.extend(re.split(r"(?<=[年月])", clause))
        else:
            out.append(clause)
    return out


@cache
def _component_words() -> list[tuple[str, str]]:
    """(word, component key), longest words first so "direct drive motor" beats "motor"."""
    table = _terms()["components"]
    pairs = [(word, key) for key, words in table.items() if not key.startswith("_")
             for word in words]  # fmt: skip
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


def _component(clause: str) -> str | None:
    for word, key in _component_words():
        if word.isascii():
            if re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", clause):
                return key
        elif word in clause:
            return key
    return None


def warranty_terms(*texts: str | None) -> list[dict]:
    """Every component term in ``texts``, in order of first mention, one per component."""
    out: dict[str, int] = {}
    for text in texts:
        for clause in _clauses(match_form(text)):
            months = term_months(clause)
            if months is None:
                continue
            key = _component(clause) or "whole_unit"
            out.setdefault(key, months)
    return [{"component": key, "months": months} for key, months in out.items()]


def whole_unit_months(terms: list[dict]) -> int | None:
    """The whole unit's term, if the terms name one."""
    return next((t["months"] for t in terms if t["component"] == "whole_unit"), None)


_WARRANTY_WORD = re.compile(r"保修|质保|包修|包换|warranty|guarantee", re.IGNORECASE)


def title_clauses(title: str | None) -> str:
    """The parts of a title that state a warranty ("变频压缩机10年包修"), joined by commas."""
    parts = re.split(r"[\s,，|/]+", title or "")
    return "，".join(part for part in parts if _WARRANTY_WORD.search(part))
