"""Which appliance category a product belongs to, and which words decided it.

Breadcrumbs are read first (the site's own category tree is the best evidence), then the
title, then the description. Keyword tables live in ``data/categories.json``. The hard part is
accessories: "phone case", "TV stand", "冰箱贴" and "空调被" contain a product word but are not
the product. Longest-match scanning resolves the compounds, and a few positional rules catch
"Refrigerator Water Filter" and "Case for iPhone".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from scrapers.text import match_form

NOT_ELIGIBLE = "not_eligible"
_NEAR = 16  # characters: an accessory word this close after a product word names its part
_NEAR_CJK = 4  # Chinese packs more into each character
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Classification:
    category: str
    subcategory: str | None
    confidence: float
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Hit:
    term: str
    start: int
    end: int
    subcategory: str | None  # None for accessory words
    strong: bool = False
    line: bool = False  # a product-line name ("xps"), weaker than a generic word


@cache
def _tables() -> dict:
    raw = resources.files("scrapers.data").joinpath("categories.json").read_text("utf-8")
    return json.loads(raw)


def _term_regex(terms: list[str]) -> re.Pattern[str]:
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        escaped = re.escape(term)
        if term[0].isascii() and term[0].isalnum():
            # whole words; a plural and a trailing model number ("iphone15") are allowed
            escaped = rf"(?<![a-z0-9]){escaped}(?:s|es)?(?![a-z])"
        parts.append(escaped)
    return re.compile("|".join(parts))


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, str | None], frozenset[str]]:
    tables = _tables()
    owner: dict[str, str | None] = {}
    for sub, terms in tables["product_lines"].items():
        if not sub.startswith("_"):
            owner.update({term: sub for term in terms})
    for sub, spec in tables["subcategories"].items():
        for term in spec["terms"]:
            owner[term] = sub
    for term in tables["accessories"]["terms"] + tables["accessories"]["strong"]:
        owner[term] = None
    return _term_regex(list(owner)), owner, frozenset(tables["accessories"]["strong"])


@cache
def _marker_regex(key: str) -> re.Pattern[str]:
    return _term_regex(_tables()[key])


def _lookup(owner: dict[str, str | None], found: str) -> str:
    if found in owner:
        return found
    for suffix in ("es", "s"):
        if found.endswith(suffix) and found[: -len(suffix)] in owner:
            return found[: -len(suffix)]
    return found


@cache
def _line_terms() -> frozenset[str]:
    lines = _tables()["product_lines"]
    return frozenset(t for sub, terms in lines.items() if not sub.startswith("_") for t in terms)


def _hits(text: str) -> list[_Hit]:
    pattern, owner, strong = _matcher()
    lines = _line_terms()
    out = []
    for m in pattern.finditer(text):
        term = _lookup(owner, m.group(0))
        out.append(_Hit(term, m.start(), m.end(), owner.get(term), term in strong, term in lines))
    return out


def _first(pattern: re.Pattern[str], text: str) -> int:
    found = pattern.search(text)
    return found.start() if found else len(text)


def _decide(text: str) -> tuple[str | None, list[str]] | None:
    """(subcategory or None for not eligible, evidence) or None when nothing matched."""
    hits = _hits(text)
    if not hits:
        return None
    products = [h for h in hits if h.subcategory]
    accessory = _accessory_evidence(text, hits, products)
    if accessory:
        return None, accessory
    if not products:
        return None
    scores: dict[str, float] = {}
    for rank, hit in enumerate(products):
        weight = 1.0 if hit.line else len(hit.term) + 1 / (rank + 1)
        scores[hit.subcategory] = scores.get(hit.subcategory, 0.0) + weight
    best = max(scores, key=scores.__getitem__)
    evidence = list(dict.fromkeys(h.term for h in products if h.subcategory == best))
    return best, evidence


def _accessory_evidence(text: str, hits: list[_Hit], products: list[_Hit]) -> list[str]:
    """The words showing that what is sold is an accessory, part or unrelated item, if any."""
    feature_at = _first(_marker_regex("feature_markers"), text)
    for_at = _first(_marker_regex("for_markers"), text)
    accessories = [h for h in hits if h.subcategory is None and h.start < feature_at]
    strong = [h for h in accessories if h.strong]
    if strong:
        return [strong[0].term]
    if products and all(p.start >= for_at for p in products):
        return [*[a.term for a in accessories][:1], "for " + products[0].term]
    after_for = [a for a in accessories if a.start > for_at and _CJK.search(text[for_at:a.start])]
    if after_for:  # "iPhone 12 专用 硅胶保护壳": what is sold comes after 专用/适用
        return [after_for[0].term]
    head = _head_noun(text, hits, min(feature_at, for_at))
    if head is not None and head.subcategory is None:
        return [head.term]
    for acc in accessories:
        if not products or acc.start < products[0].start:
            return [acc.term]
        if any(_names_part(text, p, acc) for p in products):
            return [acc.term]
    return []


def _head_noun(text: str, hits: list[_Hit], stop: int) -> _Hit | None:
    """The last keyword of an English title's first phrase, which names what is sold.

    "Refrigerator/Freezer Horizontal Glass Tube Thermometer" sells a thermometer; Chinese titles
    do not put the product word last, so they are left to the other rules.
    """
    end = min(stop, *(i for i in (text.find(", "), text.find(" - "), text.find(" | ")) if i > 0),
              len(text))  # fmt: skip
    phrase = text[:end]
    if _CJK.search(phrase):
        return None
    inside = [h for h in hits if h.end <= end]
    return inside[-1] if inside else None


def _names_part(text: str, product: _Hit, accessory: _Hit) -> bool:
    """True when the accessory word follows the product word closely ("冰箱专用滤芯")."""
    gap = text[product.end : accessory.start]
    if accessory.start < product.end:
        return False
    near = _NEAR_CJK if _CJK.search(gap + accessory.term) else _NEAR
    return len(gap) <= near


def _category(subcategory: str) -> str:
    return _tables()["subcategories"][subcategory]["category"]


def classify(
    title: str | None,
    breadcrumbs: list[str] | None = None,
    description: str | None = None,
) -> Classification:
    """Classify from the most specific evidence available."""
    # The last breadcrumb is the most specific; walk up the tree until one decides.
    crumbs = [(crumb, 0.95) for crumb in reversed(breadcrumbs or [])]
    sources = (*crumbs, (title or "", 0.85), ((description or "")[:2000], 0.6))
    for raw, confidence in sources:
        text = match_form(raw)
        if not text:
            continue
        decided = _decide(text)
        if decided is None:
            continue
        subcategory, evidence = decided
        if subcategory is None:
            return Classification(NOT_ELIGIBLE, None, min(0.9, confidence + 0.05), evidence)
        return Classification(_category(subcategory), subcategory, confidence, evidence)
    return Classification(NOT_ELIGIBLE, None, 0.5, [])
