"""Which plans are shown, in what order, and what the headline says.

The rules, each one sentence (tests/domain/test_fairvalue_comparison.py checks them):
- Ranking: every plan with a real price (`page` or `published`) comes before every estimate;
  within each group the better verdict comes first, then the lower cost per added month.
- Alternatives: catalog plans of the same cover as the page's best plan (any cover when the
  page sells none), the best-ranked term of each provider, at most MAX_ALTERNATIVES of them.
- Better options: a real-priced alternative with a better verdict than the page's best plan, or
  the same verdict (other than already covered) at a lower cost per added month; when the page
  sells none, a real-priced alternative that is worth it.
- Headline: the page's best plan, or `none_sold`; never an alternative or a card benefit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from server.domain.fairvalue import text

MAX_ALTERNATIVES = 5
VERDICT_ORDER = ("worth_it", "marginal", "not_worth_it", "already_covered")
_RANK = {v: i for i, v in enumerate(VERDICT_ORDER)}
_NEVER = Decimal("Infinity")


@dataclass(frozen=True, slots=True)
class Headline:
    verdict: str
    plan: str | None
    en: str
    zh: str

    def to_dict(self) -> dict:
        return {"verdict": self.verdict, "plan": self.plan,
                "text": {"en": self.en, "zh": self.zh}}


def real(q) -> bool:
    return q.basis != "estimate"


def _value_key(q) -> tuple:
    per_month = q.cost_per_added_month if q.cost_per_added_month is not None else _NEVER
    return _RANK[q.verdict], per_month


def rank_key(q) -> tuple:
    return (not real(q), *_value_key(q), -q.expected_value, q.name, q.term_months)


def ranked(quotes: list) -> list:
    return sorted(quotes, key=rank_key)


def better(alternative, page_best) -> bool:
    """Is this alternative better value than the page's best plan (None: the page sells none)?"""
    if not real(alternative):
        return False
    if page_best is None:
        return alternative.verdict == "worth_it"
    if alternative.verdict == "already_covered":
        return False
    return _value_key(alternative) < _value_key(page_best)


def pick_alternatives(catalog_quotes: list, cover: str | None) -> tuple[list, list]:
    """(alternatives, the ones left out for being another kind of cover)."""
    same = [q for q in catalog_quotes if cover is None or q.cover == cover]
    other = [q for q in catalog_quotes if cover is not None and q.cover != cover]
    best: dict[str, object] = {}
    for q in ranked(same):
        best.setdefault(q.provider_id or q.provider or q.name, q)
    return ranked(list(best.values()))[:MAX_ALTERNATIVES], other


def headline(page_best) -> Headline:
    en, zh = text.headline(page_best)
    if page_best is None:
        return Headline("none_sold", None, en, zh)
    return Headline(page_best.verdict, page_best.name, en, zh)
