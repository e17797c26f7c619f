"""Done-when: a TV, a fridge, a phone and a blood-pressure monitor, each on a Chinese and a US
site, get a sensible ranked comparison with sources (properties, not hard-coded numbers)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from server.catalog import load_catalog
from server.domain.fairvalue.comparison import MAX_ALTERNATIVES, rank_key
from server.domain.fairvalue.demo import CASES, DAY, main, markdown_table, run
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Offer, Settings
from server.domain.fairvalue.text import money

VERDICTS = {"worth_it", "marginal", "not_worth_it", "already_covered"}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    product, offers = CASES[request.param]
    return request.param, product, offers, run(request.param)


def test_eight_cases_cover_four_products_on_two_markets():
    kinds = {(p.subcategory, p.market) for p, _ in CASES.values()}
    assert kinds == {(sub, market) for market in ("CN", "US")
                     for sub in ("tv", "refrigerator", "phone", "blood_pressure_monitor")}


def test_offers_and_alternatives_are_compared(case):
    _, product, offers, result = case
    origins = [q.origin for q in result.plans]
    assert origins.count("offer") + sum(e.name in {o.name for o in offers}
                                        for e in result.excluded) == len(offers)
    alternatives = result.alternatives
    assert len(alternatives) <= MAX_ALTERNATIVES
    assert len({q.provider_id for q in alternatives}) == len(alternatives), "distinct providers"
    assert alternatives or result.alternatives_note, "no alternative: the note says why"
    offer_names = {o.name for o in offers}
    catalog_excluded = [e for e in result.excluded if e.name not in offer_names]
    assert all(e.reason_en and e.reason_zh for e in catalog_excluded)
    assert {q.currency for q in result.plans} == {product.currency}


def test_ranked_real_prices_first_then_verdict_then_cost_per_month(case):
    plans = case[3].plans
    assert plans == sorted(plans, key=rank_key)


def test_numbers_are_consistent(case):
    _, product, _, result = case
    for q in result.plans:
        assert q.verdict in VERDICTS
        assert 0 <= q.added_months <= q.term_months
        assert 0.0 <= q.failure_probability <= 1.0
        assert Decimal(0) <= q.net_repair_cost <= product.price
        assert q.expected_value == q.expected_repair_cost - q.price
        assert q.premium_share == pytest.approx(float(q.price / product.price))
        if q.buy_until is not None:
            assert q.buy_until >= product.purchase_date


def test_every_alternative_has_a_source_and_both_languages(case):
    for q in case[3].plans:
        if q.origin == "catalog":
            assert q.source and q.source.startswith(("http://", "https://"))
            assert q.basis in ("published", "estimate") and q.read_on is not None
        assert q.explanation["en"].endswith(".") and q.explanation["zh"].endswith("。")
        assert money(q.price, q.currency) in q.explanation["en"]
        if q.verdict != "already_covered":
            worth = "the equivalent of " if q.part_months and not q.covers_accident else ""
            assert f"Adds {worth}{q.added_months} months" in q.explanation["en"]
            added_zh = (f"多保{q.added_months}个月" if q.covers_breakdown
                        else f"增加{q.added_months}个月的意外保障")
            assert added_zh in q.explanation["zh"]


def test_every_catalog_plan_left_out_links_to_its_own_page(case):
    """A plan named but not compared (no price, a closed window, the shop's own, another
    cover) still links to the catalog's page for it (the plan's, or its price's), so a shopper
    can look it up or ask."""
    pages = {(name, source) for plan in load_catalog().plans for name in (plan.name, plan.name_en)
             for source in (plan.sourced.source, *(row.source for row in plan.prices))}
    offered = {o.name for o in case[2]}
    left_out = [e for e in case[3].excluded if e.name not in offered]
    assert left_out, "every case leaves some catalog plan out"
    for e in left_out:
        assert (e.name, e.source) in pages, e
        assert e.source.startswith(("http://", "https://"))
        assert e.to_dict()["source"] == e.source


def test_statutory_and_long_warranties_are_credited():
    cn_tv = run("cn-tv")
    assert cn_tv.covered_until == DAY.replace(year=DAY.year + 1)
    bp = run("us-bp-monitor")
    offer = next(q for q in bp.plans if q.origin == "offer")
    assert offer.verdict == "already_covered"  # a 3-year plan inside a 5-year warranty


def test_offers_point_to_a_plan_that_can_be_bought_after_checkout():
    phone = run("us-phone")
    offer = next(q for q in phone.plans if q.origin == "offer")
    assert offer.buy_until is not None and offer.buy_until > DAY
    assert "no need to decide at checkout" in offer.explanation["en"]


def test_markdown_table_lists_every_plan(case, capsys):
    name, _, _, result = case
    table = markdown_table(result)
    assert table.count("\n|") == len(result.plans) + 1
    main([name])
    assert "| # | plan |" in capsys.readouterr().out


def test_retailer_plans_only_go_with_their_own_site():
    result = run("us-phone")
    phone = {q.provider for q in result.plans}
    assert "Asurion" not in phone, "Asurion's Amazon plan is Amazon's; Home+ covers no phones"
    listed = {q.name for q in result.plans} | {e.name for e in result.excluded}
    assert "Geek Squad Protection (phone)" in listed
    assert "Asurion Protection Plan (Amazon)" not in listed
    fridge_quote = run("cn-fridge")
    fridge = {q.name for q in fridge_quote.plans} | {e.name for e in fridge_quote.excluded}
    assert not any(name.startswith("京东") for name in fridge)
    assert "天猫 延保服务" in fridge


@pytest.mark.parametrize("price", ["949.99", "9999.00"])
def test_the_shops_own_plan_is_named_as_its_own_priced_or_not(price):
    """Amazon's page sells a plan, so the catalog's plans sold on Amazon are the page's own: at
    $949.99 the catalog has SquareTrade's price, at $9,999 it has none, and either way the
    page's offers are what Amazon sells for this TV, at its real prices (the engine skips
    pricing the shop's own plans, so both branches are checked here). Asurion's Amazon plan is
    Amazon's too: this page sells SquareTrade's instead, so there is none to ask about."""
    product, _ = CASES["us-tv"]
    tv = replace(product, price=Decimal(price))
    offer = Offer("SquareTrade 4-Year TV Protection Plan", "extended", 48, Decimal("82.79"), "USD")
    result = quote(tv, (offer,), Settings(), load_catalog(), today=DAY)
    own = "This shop's own plan: the page's offers show its real prices."
    reasons = {e.name: (e.reason_en, e.code) for e in result.excluded}
    assert reasons["SquareTrade TV Protection Plan (Amazon)"] == (own, "own_plan")
    assert reasons["Asurion Protection Plan (Amazon)"] == (own, "own_plan")
    assert all(q.provider_id != "squaretrade" for q in result.alternatives)


def test_a_plan_the_provider_sells_anywhere_is_no_shops_own():
    """Asurion also sells Amazon's plans, but Asurion Home+ is bought from Asurion by anyone:
    on an Amazon page that sells plans it is still an alternative (here accident cover beside
    the page's breakdown plan, so named as another kind of cover, not as Amazon's own)."""
    product, _ = CASES["us-tv"]
    offer = Offer("SquareTrade 4-Year TV Protection Plan", "extended", 48, Decimal("82.79"), "USD")
    result = quote(product, (offer,), Settings(), load_catalog(), today=DAY)
    names = {e.name: e.code for e in result.excluded} | {
        q.name: "compared" for q in result.alternatives}
    home = "Asurion Home+ (every eligible device in the home, monthly)"
    assert names.get(home) in ("compared", "other_cover"), names


def test_a_product_bought_weeks_ago_only_gets_plans_still_on_sale():
    product, _ = CASES["us-tv"]
    bought = replace(product, purchase_date=DAY.replace(month=10, day=1))
    result = quote(bought, (), Settings(), load_catalog(), today=DAY)
    reasons = {e.name: e.reason_en for e in result.excluded}
    assert reasons["SquareTrade TV Protection Plan (Amazon)"] == (
        "Could only be bought until 2026-10-31.")
    assert "Visa extended warranty" not in reasons  # a card is not a plan to exclude
    assert result.card_benefit is None  # which card paid weeks ago is not known
    assert all(q.buy_until is None or q.buy_until >= DAY for q in result.plans)
