"""Which appliance category a product belongs to, and which words decided it.

Breadcrumbs are read first (the site's own category tree is the best evidence), then the
title, then the description. Keyword tables live in ``data/categories.json``. The hard part is
accessories: "phone case", "TV stand", "冰箱贴" and "空调被" contain a product word but are not
the product. Longest-match scanning resolves the compounds, and a few positional rules catch
"Refrigerator Water Filter" and "Case for iPhone".

Titles that carry no category word ("荣耀8", "Dell XPS 13", "Haier/海尔 BCD-206STPA") are
recognised from product-family names and model-number patterns (national model designations
such as BCD-/KFR-/XQG, TV names that start with the screen size, brand + generation number).
Those count less than a category word, and whole-brand names count less than a family name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from scrapers.categories import NOT_ELIGIBLE
from scrapers.text import match_form

_NEAR = 16  # characters: an accessory word this close after a product word names its part
_NEAR_CJK = 4  # Chinese packs more into each character
_TAIL = 8  # characters after a Chinese title's last keyword that still leave it the head noun
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
    line: bool = False  # a product-line name ("xps") or model pattern, weaker than a generic word
    weak: bool = False  # a whole-brand line name ("realme"), weaker than a family name
    model: bool = False  # matched by a model-number pattern ("bcd-206"), not a keyword


@cache
def _tables() -> dict:
    raw = resources.files("scrapers.data").joinpath("categories.json").read_text("utf-8")
    return json.loads(raw)


# Model suffixes that Chinese titles glue to an English name ("iPadPro", "MacBookAir").
_GLUED = r"(?:pro|max|air|mini|plus|ultra|lite|se)(?![a-z])"
# After an English word: a plural, a trailing model number ("iphone15") or a glued model suffix
# ("ipadpro") may follow, another letter may not.
_WORD_END = rf"(?:s|es)?(?:(?![a-z])|(?={_GLUED}))"


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _bounded(term: str) -> str:
    """One term as a regex with the word boundaries its first and last characters need."""
    escaped = re.escape(term)
    if _is_word_char(term[0]):
        escaped = rf"(?<![a-z0-9]){escaped}"
        if term[-1].isdigit():  # "ps5" is not the start of "ps50"
            return escaped + r"(?![0-9])"
        return escaped + _WORD_END
    if term[-1].isdigit():
        return escaped + r"(?![0-9])"
    if _is_word_char(term[-1]):  # "拯救者y700" is not the start of "拯救者y7000p"
        return escaped + r"(?![a-z0-9])"
    return escaped


def _term_regex(terms: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(_bounded(t) for t in sorted(set(terms), key=len, reverse=True)))


def _trie(words: list[str]) -> str:
    """A regex equivalent to the alternation of ``words`` that prefers the longest match.

    Python's ``re`` tries a long alternation term by term at every position; a character trie
    lets it reject a position after one character, which keeps a title well under a millisecond.
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return pattern(root)


class _TermFinder:
    """Leftmost-longest, non-overlapping matches of many terms, fast.

    English words share one boundary check around a trie; Chinese terms need none; the few
    terms with their own boundary (ending in a digit, or Chinese ending in a Latin letter) go
    through a plain alternation.
    """

    def __init__(self, terms: list[str]) -> None:
        words, chinese, special = [], [], []
        for term in set(terms):
            if _is_word_char(term[0]) and not term[-1].isdigit():
                words.append(term)
            elif not _is_word_char(term[0]) and not _is_word_char(term[-1]):
                chinese.append(term)
            else:
                special.append(term)
        self._patterns = [
            re.compile(rf"(?<![a-z0-9]){_trie(words)}{_WORD_END}") if words else None,
            re.compile(_trie(chinese)) if chinese else None,
            _term_regex(special) if special else None,
        ]

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        found = [
            (m.start(), m.end(), m.group(0))
            for pattern in self._patterns
            if pattern is not None
            for m in pattern.finditer(text)
            if m.end() > m.start()
        ]
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        out: list[tuple[int, int, str]] = []
        for start, end, word in found:
            if not out or start >= out[-1][1]:
                out.append((start, end, word))
        return out


@cache
def _matcher() -> tuple[_TermFinder, dict[str, str | None], frozenset[str]]:
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
    return _TermFinder(list(owner)), owner, frozenset(tables["accessories"]["strong"])


@cache
def _marker_regex(key: str) -> re.Pattern[str]:
    return _term_regex(_tables()[key])


@cache
def _media_regex() -> re.Pattern[str]:
    return re.compile("|".join(_tables()["media_patterns"]["patterns"]))


def _lookup(owner: dict[str, str | None], found: str) -> str:
    if found in owner:
        return found
    for suffix in ("es", "s"):
        if found.endswith(suffix) and found[: -len(suffix)] in owner:
            return found[: -len(suffix)]
    return found


@cache
def _line_terms() -> tuple[frozenset[str], frozenset[str]]:
    lines = _tables()["product_lines"]
    every = frozenset(t for sub, terms in lines.items() if not sub.startswith("_") for t in terms)
    return every, frozenset(lines.get("_weak", ()))


@cache
def _model_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex with a named group per model pattern; the group name maps to a subcategory."""
    groups: dict[str, str] = {}
    parts = []
    for sub, patterns in _tables()["model_patterns"].items():
        if sub.startswith("_"):
            continue
        for pattern in patterns:
            name = f"m{len(groups)}"
            groups[name] = sub
            parts.append(f"(?P<{name}>{pattern})")
    return re.compile("|".join(parts)), groups


def _hits(text: str) -> list[_Hit]:
    pattern, owner, strong = _matcher()
    lines, weak = _line_terms()
    out = []
    for start, end, found in pattern.finditer(text):
        term = _lookup(owner, found)
        out.append(
            _Hit(term, start, end, owner.get(term), term in strong, term in lines, term in weak)
        )
    models, groups = _model_regex()
    taken = [(h.start, h.end) for h in out]
    for m in models.finditer(text):
        if any(start <= m.start() < end for start, end in taken):
            continue  # already read as a keyword ("xps 13" is the line, not a model number)
        out.append(_Hit(m.group(0).strip(), m.start(), m.end(), groups[m.lastgroup or ""],
                        line=True, model=True))  # fmt: skip
    out.sort(key=lambda h: h.start)
    return out


# A shop's promotion in 【】 brackets is not part of the item's name: a gift word inside it
# ("【前500名送大支架】…麦克风") must not hide what the rest of the title sells, and what it
# gives away ("【送钢化膜】iPhone 15", "【赠电饭煲】… 冰箱") is not what is sold.
_PROMO = re.compile(r"【[^】]*】")


def _promos(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PROMO.finditer(text)]


def _gift_spans(text: str) -> list[tuple[int, int]]:
    gift = _marker_regex("feature_markers")
    return [(a, b) for a, b in _promos(text) if gift.search(text, a, b)]


def _first(pattern: re.Pattern[str], text: str) -> int:
    promos = _promos(text)
    for found in pattern.finditer(text):
        if not any(start <= found.start() < end for start, end in promos):
            return found.start()
    return len(text)


def _decide(text: str) -> tuple[str | None, list[str]] | None:
    """(subcategory or None for not eligible, evidence) or None when nothing matched."""
    gifts = _gift_spans(text)
    hits = [h for h in _hits(text) if not any(a <= h.start < b for a, b in gifts)]
    if not hits:
        return None
    products = [h for h in hits if h.subcategory]
    accessory = _accessory_evidence(text, hits, products)
    if accessory:
        return None, accessory
    if not products:
        return None
    media = _media_regex().search(text)
    if media:  # "Dragon's Dogma 2 - PS5" is a game, "… Season 2" a series
        return None, [media.group(0).strip(" -"), "for " + products[0].term]
    scores: dict[str, float] = {}
    for rank, hit in enumerate(products):
        scores[hit.subcategory] = scores.get(hit.subcategory, 0.0) + _weight(hit, rank)
    best = max(scores, key=scores.__getitem__)
    deciding = [h for h in products if h.subcategory == best]
    # Keywords are the evidence; a maker's name or a model number only when nothing else named
    # the type.
    words = [h for h in deciding if not (h.model or h.weak)] or deciding
    return best, list(dict.fromkeys(h.term for h in words))


def _weight(hit: _Hit, rank: int) -> float:
    """A category word counts by its length (earlier ones a little more), a line name as 1."""
    if hit.line:
        return 0.4 if hit.weak else 1.0
    return len(hit.term) + 1 / (rank + 1)


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
    after_for = [a for a in accessories if a.start > for_at and _CJK.search(text[for_at : a.start])]
    if after_for:  # "iPhone 12 专用 硅胶保护壳": what is sold comes after 专用/适用
        return [after_for[0].term]
    head = _head_noun(text, hits, min(feature_at, for_at))
    if head is not None and head.subcategory is None:
        return [head.term]
    tail = _tail_noun(text, hits, feature_at)
    if tail is not None and tail.subcategory is None:
        return [tail.term]
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


def _tail_noun(text: str, hits: list[_Hit], stop: int) -> _Hit | None:
    """The last keyword of a Chinese title when only a few characters follow it.

    Chinese listings put what is sold at the end ("戴森V12 集尘桶 配件", "iPhone 15 Pro 手机壳")
    and the product's own titles end with it too ("… 双开门 冰箱"), so the final keyword decides
    when nothing but a colour or a count comes after it.
    """
    if not _CJK.search(text):
        return None
    inside = [h for h in hits if h.end <= stop]
    if not inside or len(text[inside[-1].end : stop].strip()) > _TAIL:
        return None
    last = inside[-1]
    products = [h for h in inside if h.subcategory]
    return None if _glued_to_latin(text, last, products) else last


def _glued_to_latin(text: str, hit: _Hit, products: list[_Hit]) -> bool:
    """A Chinese word glued to a Latin spec word ("hepa滤网") describes a part of the product.

    Glued to a product or model name ("iphone15保护壳", "小米14钢化膜") it is what is sold.
    """
    run = hit.start
    while run > 0 and _is_word_char(text[run - 1]):
        run -= 1
    if run == hit.start or _is_word_char(hit.term[0]):
        return False
    return not any(p.end > run and p.start < hit.start for p in products)


def _names_part(text: str, product: _Hit, accessory: _Hit) -> bool:
    """True when the accessory word follows the product word closely ("冰箱专用滤芯")."""
    gap = text[product.end : accessory.start]
    if accessory.start < product.end or _glued_to_latin(text, accessory, [product]):
        return False
    # Chinese packs more into each character; a gap of model numbers ("MacBook Air 13 保护壳")
    # is measured like English, whatever script the accessory word is in.
    near = _NEAR_CJK if _CJK.search(gap) else _NEAR
    return len(gap) <= near


def _category(subcategory: str) -> str:
    return _tables()["subcategories"][subcategory]["category"]


_NAV_CRUMB = re.compile(r"^(?:back to|home$|首页|返回|全部|all categories)", re.IGNORECASE)


@cache
def _site_tables() -> dict:
    raw = resources.files("scrapers.data").joinpath("site_categories.json").read_text("utf-8")
    return json.loads(raw)


def site_category(site: str | None, ids: list | None) -> str | None:
    """The subcategory or category code the shop's own category ids stand for, if listed."""
    table = _site_tables().get(site or "", {})
    path = [str(i).strip() for i in ids or [] if str(i).strip()]
    for end in range(len(path), 0, -1):
        code = table.get("-".join(path[:end]))
        if code:
            return code
    return None


def _from_code(code: str, ids: list) -> Classification:
    evidence = ["category " + "-".join(map(str, ids))]
    if code == NOT_ELIGIBLE:
        return Classification(NOT_ELIGIBLE, None, 0.97, evidence)
    subs = _tables()["subcategories"]
    if code in subs:
        return Classification(subs[code]["category"], code, 0.97, evidence)
    return Classification(code, None, 0.97, evidence)


def classify(
    title: str | None,
    breadcrumbs: list[str] | None = None,
    description: str | None = None,
    hints: list[str] | None = None,
    site: str | None = None,
    category_ids: list | None = None,
) -> Classification:
    """Classify from the most specific evidence available.

    In order: the shop's category ids (``site`` and ``category_ids``, a table lookup), the
    breadcrumbs from the deepest up (navigation crumbs such as "Back to results" skipped), the
    ``hints`` (structured data's category), the title, then the description.
    """
    code = site_category(site, category_ids)
    if code:
        verdict = _from_code(code, category_ids or [])
        if verdict.subcategory or verdict.category == NOT_ELIGIBLE:
            return verdict
        # A coarse code ("large") fixes the category; the words may still name the type.
        finer = classify(title, breadcrumbs, description, hints)
        return finer if finer.category == verdict.category else verdict
    crumbs = [(c, 0.95) for c in reversed(breadcrumbs or []) if not _NAV_CRUMB.match(c.strip())]
    extra = [(hint, 0.9) for hint in hints or []]
    sources = (*crumbs, *extra, (title or "", 0.85), ((description or "")[:2000], 0.6))
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


def for_plan_seller(verdict: Classification, texts: list[str]) -> Classification:
    """A page that sells a protection plan is weighed whatever the product is.

    When the words said not_eligible, the plan makes it eligible: the family of the type any of
    ``texts`` names is taken even where an accessory or media rule overruled it ("Cyberpunk 2077
    … PlayStation 4" → a console's family, digital), and a product no table knows counts as a
    small appliance, the broadest family with priced plans. Only the family: the item is not
    the device its words name (a game is no console), so plans made for that device (a 2010
    PlayStation console plan, say) are not compared with the page's.
    """
    if verdict.category != NOT_ELIGIBLE:
        return verdict
    for text in texts:
        products = [h for h in _hits(match_form(text)) if h.subcategory]
        if products:
            best = products[0]
            evidence = [best.term, "sells a protection plan"]
            return Classification(_category(best.subcategory), None, 0.5, evidence)
    return Classification("small", None, 0.4, ["sells a protection plan"])
