"""The shipped catalog loads, and every entry names its source and the date it was read."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from server.catalog import load_catalog
from server.domain.vocabulary import CATEGORIES

CATALOG = load_catalog()
SOURCE_PREFIXES = ("http://", "https://", "repo:", "seed:")


def _entries():
    yield from (("provider", p.id, p.sourced) for p in CATALOG.providers.values())
    for plan in CATALOG.plans:
        yield "plan", plan.id, plan.sourced
        yield from (("price", f"{plan.id}[{i}]", row.sourced) for i, row in enumerate(plan.prices))
    yield from (("rule", r.name, r.sourced) for r in CATALOG.rules)
    yield from (("table", t.key, t.sourced) for t in CATALOG.failure)
    yield from (("cost", c.key, c.sourced) for c in CATALOG.repair)


ENTRIES = list(_entries())
IDS = [f"{kind}:{name}" for kind, name, _ in ENTRIES]


@pytest.mark.parametrize(("kind", "name", "sourced"), ENTRIES, ids=IDS)
def test_every_entry_has_a_source_and_read_date(kind, name, sourced):
    assert sourced.source.startswith(SOURCE_PREFIXES), name
    assert isinstance(sourced.read_on, date) and sourced.read_on <= date.today()
    if sourced.estimate:
        assert sourced.reasoning and len(sourced.reasoning) > 20


def test_catalog_covers_the_markets_and_providers_the_issue_names():
    ids = set(CATALOG.providers)
    assert {"jd", "tmall", "suning", "apple-cn", "huawei", "haier", "gree"} <= ids
    assert {"squaretrade", "asurion", "bestbuy", "apple-us", "upsie", "visa", "amex"} <= ids
    kinds = {plan.kind for plan in CATALOG.plans if plan.provider.id == "jd"}
    assert kinds == {"extended", "replace", "accidental_damage"}


def test_plans_are_sold_in_their_providers_market_and_currency():
    currency = {"CN": "CNY", "US": "USD", "CA": "CAD", "UK": "GBP", "EU": "EUR"}
    for plan in CATALOG.plans:
        assert plan.provider.market == plan.market, plan.id
        assert plan.currency == currency[plan.market], plan.id


def test_every_plan_has_a_price_a_reason_for_none_or_is_a_free_card_benefit():
    for plan in CATALOG.plans:
        assert bool(plan.prices) + bool(plan.unpriced_reason) + bool(plan.card) == 1, plan.id


GENERIC_ZH = "未找到公开价格，无法评估。"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _reasons(plan):
    """(where, English, Chinese) for each reason the plan gives for having no price."""
    yield "unpriced_reason", plan.unpriced_reason, plan.unpriced_reason_zh
    yield "unpriced_outside", plan.outside_reason, plan.outside_reason_zh
    for gap in plan.gaps:
        yield f"unpriced {gap.term_months}-month {gap.min}..", gap.reason, gap.reason_zh


def test_every_unpriced_plan_outside_china_gives_its_reason_in_chinese():
    """A shopper reading Chinese on Amazon US, Best Buy Canada or Currys reads why a plan has no
    price in Chinese, in the catalog's own words: never the generic line, never the English."""
    reasons = [(plan.id, where, en, zh) for plan in CATALOG.plans if plan.market != "CN"
               for where, en, zh in _reasons(plan) if en]
    assert len(reasons) >= 61, "the US, CA and UK/EU catalogs' reasons are all counted"
    assert {plan.market for plan in CATALOG.plans if any(en for _, en, _ in _reasons(plan))
            } >= {"US", "CA", "UK", "EU"}
    for plan_id, where, en, zh in reasons:
        assert zh, f"{plan_id} {where}: no Chinese for {en!r}"
        assert zh != GENERIC_ZH and zh != en and CJK.search(zh), (plan_id, where, zh)
        # The same amounts, in the same currency, as the English.
        assert sorted(re.findall(r"[$£€]\d[\d,.]*\d", zh)) == sorted(
            re.findall(r"[$£€]\d[\d,.]*\d", en)), (plan_id, where)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
AMOUNT = re.compile(r"[$£€¥]\d(?:[\d,.]*\d)?")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Words of an English sentence (names such as "Geek Squad Protection" or "Honor 50 Pro" have none).
ENGLISH = re.compile(r"\b(the|of|for|and|from|on|at|by|price|prices|only|used|seen|beside)\b",
                     re.IGNORECASE)


def test_every_estimate_says_how_it_was_made_in_chinese_with_the_same_figures():
    """A shopper reading Chinese reads how each estimate was made in Chinese (the panel's "why?"
    line and the price's tooltip): every estimate in every market has a `method_zh` that is not
    the English, gives the same amounts in the same currency, every number of the English and
    its months as 2025年10月, and says it was scaled exactly when the English does."""
    rows = [(plan, i, row.estimate) for plan in CATALOG.plans
            for i, row in enumerate(plan.prices) if row.estimate]
    assert len(rows) >= 61, "the CN and US estimates are all counted"
    assert {plan.market for plan, _, _ in rows} >= {"CN", "US"}
    for plan, i, estimate in rows:
        where, en, zh = f"{plan.id}.prices[{i}]", estimate.method, estimate.method_zh
        assert zh, f"{where}: no Chinese for {en!r}"
        assert zh != en and CJK.search(zh) and not ENGLISH.search(zh), (where, zh)
        assert sorted(AMOUNT.findall(zh)) == sorted(AMOUNT.findall(en)), (where, zh)
        missing = Counter(NUMBER.findall(en)) - Counter(NUMBER.findall(zh))
        assert not missing, (where, sorted(missing), zh)
        for month, year in re.findall(rf"({'|'.join(MONTHS)}) (\d{{4}})", en):
            assert f"{year}年{MONTHS.index(month) + 1}月" in zh, (where, month, year, zh)
        assert ("scaled by product price" in en) == ("按商品价格换算" in zh), (where, zh)
    scaled = [e.method_zh for plan in CATALOG.plans for row in plan.prices if row.share
              for e in [row.estimate]]
    assert scaled and all("按商品价格换算" in zh for zh in scaled)


def test_every_category_has_a_default_failure_table_and_repair_cost():
    for category in CATEGORIES:
        table = CATALOG.failure_table(category, None, "US")
        assert table is not None and all(0 < p < 1 for p in table.malfunction)
        assert CATALOG.repair_cost(category, None, "CN", "CNY") is not None


def test_china_sanbao_and_eu_guarantee_are_in_the_statutory_table():
    tv = CATALOG.statutory("CN", "tv")
    assert (tv.whole_unit_months, tv.main_parts_months) == (12, 36)
    assert CATALOG.statutory("EU", "refrigerator").whole_unit_months == 24
    assert CATALOG.statutory("US", "tv") is None
    assert CATALOG.statutory("CN", "blood_pressure_monitor") is None


def test_every_statutory_rule_is_named_in_english_and_in_chinese():
    """The panel names the law in the shopper's language on any site: 三包 in English on JD, the
    EU directive and the UK act in Chinese."""
    for rule in CATALOG.rules:
        en, zh = rule.names
        assert en != zh and rule.name in (en, zh), rule.name
        assert en.isascii() or "三包" in en, en  # English, naming 三包 as itself
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), zh


def test_repair_amounts_only_count_in_their_own_currency():
    us = CATALOG.repair_cost("large", "tv", "US", "USD")
    assert (us.amount, us.currency) == (264, "USD")
    cn = CATALOG.repair_cost("large", "tv", "CN", "CNY")
    assert cn.amount is None and cn.share is not None


def test_an_accident_only_plan_is_listed_only_where_an_accident_rate_is_known():
    """A plan that pays for accidents and not breakdowns can only be weighed by an accident
    rate: listed for a product type whose failure table has none (a TV, a fridge), it would show
    a 0% chance and an unfounded "not worth it"."""
    accident_only = [p for p in CATALOG.plans if not p.card and p.coverage.accidental
                     and not p.coverage.parts_labour]
    assert {p.id for p in accident_only} >= {"akko-plan"}
    for plan in accident_only:
        assert plan.subcategories, f"{plan.id}: every product type of its categories?"
        for category in plan.categories:
            for sub in plan.subcategories:
                table = CATALOG.failure_table(category, sub, plan.market)
                assert table is not None and table.accident, (plan.id, sub)
