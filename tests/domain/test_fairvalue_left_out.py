"""Every plan a quote names but does not weigh carries a reason code, and the note counts the
ones a shopper can still buy and ask a price for apart from the ones that do not fit this
purchase. Run on the shipped catalog: each code below comes from a real entry in the situation
that produces it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from server.catalog import load_catalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Offer, Product, Settings
from server.domain.vocabulary import ASK_FOR_PRICE, EXCLUDED_REASONS

DAY = date(2026, 11, 30)
CURRENCIES = {"CN": "CNY", "US": "USD", "CA": "CAD", "UK": "GBP"}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _product(market, category, sub, price, site, bought=DAY, title=""):
    return Product(category, Decimal(price), CURRENCIES[market], market, bought, 12, sub,
                   title or f"a {sub}", None, site)


def _codes(result) -> dict[str, str]:
    return {e.name: e.code for e in result.excluded}


def test_every_code_is_in_the_vocabulary_and_the_contract(catalog):
    result = quote(_product("US", "large", "tv", "499.99", "bestbuy"), (), Settings(), catalog,
                   DAY)
    assert result.excluded
    for entry in result.excluded:
        assert entry.code in EXCLUDED_REASONS
        assert entry.to_dict()["reason_code"] == entry.code


def test_a_plan_sold_without_a_known_price_is_one_to_ask_about(catalog):
    """UK fridge, £599, on Currys with no plan on the page: Domestic & General quotes per
    product (no price in the catalog at all); Currys' Instant Replacement is made for products
    of £20 to £150 only, so above that it is not sold, not merely unpriced."""
    codes = _codes(quote(_product("UK", "large", "refrigerator", "599", "currys"), (),
                         Settings(), catalog, DAY))
    assert codes["Domestic & General protection plan"] == "no_public_price"
    assert codes["Currys Instant Replacement (TVs and appliances)"] == "not_sold_at_price"


def test_instant_replacement_inside_its_range_is_priced(catalog):
    result = quote(_product("UK", "large", "refrigerator", "120", "currys"), (), Settings(),
                   catalog, DAY)
    assert "Currys Instant Replacement (TVs and appliances)" not in _codes(result)
    assert any(q.provider_id == "currys" for q in result.alternatives)


def test_a_price_table_that_stops_short_of_the_product_is_one_to_ask_about(catalog):
    """Factory Direct's chart stops at $399.99 and says to ask in store above that."""
    codes = _codes(quote(_product("CA", "digital", "phone", "1099", "factorydirect"), (),
                         Settings(), catalog, DAY))
    assert codes["Factory Direct extended warranty"] == "no_price_for_product"


def test_plans_that_do_not_fit_this_purchase_say_which_way(catalog):
    tv = _product("US", "large", "tv", "949.99", "amazon")
    page = Offer("SquareTrade 4-Year TV Protection Plan", "extended", 48, Decimal("82.79"), "USD")
    codes = _codes(quote(tv, (page,), Settings(), catalog, DAY))
    assert codes["SquareTrade TV Protection Plan (Amazon)"] == "own_plan"
    # A ¥999 TV whose page sells accident cover: Gome's breakdown plan is priced for it, but
    # is another kind of cover.
    accident = Offer("意外保护2年", "accidental_damage", 24, Decimal("99"), "CNY")
    codes = _codes(quote(_product("CN", "large", "tv", "999", "jd"), (accident,), Settings(),
                         catalog, DAY))
    assert codes["国美 家安保"] == "other_cover"
    weeks_ago = _product("US", "large", "tv", "949.99", "amazon", bought=date(2026, 10, 1))
    codes = _codes(quote(weeks_ago, (), Settings(), catalog, DAY))
    assert codes["SquareTrade TV Protection Plan (Amazon)"] == "window_closed"
    dollars = Offer("US plan", "extended", 24, Decimal("50"), "USD")
    codes = _codes(quote(_product("CN", "large", "tv", "3999", "jd"), (dollars,), Settings(),
                         catalog, DAY))
    assert codes["US plan"] == "other_currency"


def test_a_plan_sold_only_at_checkout_is_closed_once_the_product_is_bought(catalog):
    bought = _product("CN", "large", "tv", "3999", "tmall", bought=DAY - timedelta(days=3))
    assert _codes(quote(bought, (), Settings(), catalog, DAY))["天猫 延保服务"] == "checkout_only"


def test_a_card_the_shopper_set_is_counted_not_listed_as_a_plan(catalog):
    laptop = _product("US", "digital", "laptop", "999.99", "bestbuy")
    result = quote(laptop, (), Settings(card_extension_months=12), catalog, DAY)
    cards = [e for e in result.excluded if e.code == "card_counted"]
    assert cards and all("card" in e.reason_en for e in cards)
    # The note counts plans, not cards.
    plans_left_out = {e.name for e in result.excluded} - {e.name for e in cards}
    note = result.alternatives_note[0]
    asked = {e.name for e in result.excluded if e.code in ASK_FOR_PRICE}
    assert f"{len(asked)} more are sold for it without a price we could find" in note
    # The card's year, counted in the cover, is the year Asurion Home+ would add after the
    # maker's: it adds nothing, and is one plan that does not fit.
    # Extend's and Mulberry's plans are sold only by the shops they work with, Best Buy not
    # among them: they do not fit either.
    home = "Asurion Home+ (every eligible device in the home, monthly)"
    partners = {"Extend Protection Plan", "Mulberry Protection Plan"}
    assert plans_left_out - asked == {home} | partners
    assert _codes(result)[home] == "adds_nothing"
    assert {_codes(result)[name] for name in partners} == {"partner_shops"}
    assert "3 other catalog plans do not fit this purchase; they are listed below with the " \
        "reasons." in note


def test_the_note_counts_plans_to_ask_about_apart_from_the_rest(catalog):
    """CN TV, ¥999, on JD, whose page sells accident cover: JD's catalog plans are the page's
    own, Gome's breakdown plan is another kind of cover, Suning's has no public price. Nothing
    is left to compare; the note counts one plan to ask about and the ones that do not fit."""
    accident = Offer("意外保护2年", "accidental_damage", 24, Decimal("99"), "CNY")
    result = quote(_product("CN", "large", "tv", "999", "jd"), (accident,), Settings(), catalog,
                   DAY)
    assert result.alternatives == []
    ask = {e.name for e in result.excluded if e.code in ASK_FOR_PRICE}
    other = {e.name for e in result.excluded} - ask
    assert ask == {"苏宁 阳光包"} and {"国美 家安保", "京东 延长保修"} <= other
    en, zh = result.alternatives_note
    assert en == ("No plan from another provider can be compared for this product. 1 more is "
                  "sold for it without a price we could find: ask the provider (listed below); "
                  f"{len(other)} other catalog plans do not fit this purchase; they are listed "
                  "below with the reasons.")
    assert zh == ("没有其他提供方的计划可与之比较。另有1个计划有售但未找到价格，可向提供方询价"
                  f"（见下）。目录中另有{len(other)}个计划不适用于本次购买，原因逐一列出。")


@pytest.mark.parametrize("card_months", [0, 12, 36])
def test_no_alternative_only_repeats_cover_already_held(catalog, card_months):
    """Across the issue's 20 cases, with no card, a card's year and three card years: every
    alternative shown adds months; a plan none of whose terms adds any is named as such."""

    cases = [("CN", "large", "tv", "3999"), ("US", "large", "tv", "499.99"),
             ("US", "digital", "laptop", "999.99"), ("US", "digital", "phone", "799"),
             ("UK", "large", "refrigerator", "599"), ("CA", "digital", "phone", "1099")]
    seen_nothing = False
    for market, category, sub, price in cases:
        result = quote(_product(market, category, sub, price, None), (),
                       Settings(card_extension_months=card_months), catalog, DAY)
        assert all(q.added_months > 0 for q in result.alternatives), (market, sub)
        for entry in result.excluded:
            if entry.code == "adds_nothing":
                seen_nothing = True
                assert entry.reason_en.startswith("Adds no months to the cover you already have")
                assert entry.name not in {q.name for q in result.alternatives}
    assert seen_nothing == (card_months > 0), "Home+ adds a year after the maker's, or nothing"


def test_a_subscription_counts_from_the_end_of_the_makers_warranty(catalog):
    """Asurion Home+ can be started on any day: a year of it is counted after the maker's year,
    so on a $499.99 TV it adds 12 months at $299.88-419.88, not nothing."""
    result = quote(_product("US", "large", "tv", "499.99", "bestbuy"), (), Settings(), catalog,
                   DAY)
    (home,) = [q for q in result.alternatives if q.provider_id == "asurion"]
    assert (home.added_months, home.term_months, home.basis) == (12, 12, "estimate")
    assert home.verdict != "already_covered"


def test_plans_that_only_repeat_held_cover_leave_nothing_to_compare_and_say_so(catalog):
    """A $499.99 TV on Best Buy with three years of card cover: Asurion Home+, the one priced
    alternative, adds nothing; the note says nothing can be compared (not that nothing could
    be priced), and counts Home+ among the plans that do not fit (with Extend's and
    Mulberry's, sold only through the shops they work with)."""
    tv = _product("US", "large", "tv", "499.99", "bestbuy")
    result = quote(tv, (), Settings(card_extension_months=36), catalog, DAY)
    assert result.alternatives == []
    home = "Asurion Home+ (every eligible device in the home, monthly)"
    assert _codes(result)[home] == "adds_nothing"
    en, _ = result.alternatives_note
    assert en.startswith("No plan can be compared for this product.")
    assert "3 other catalog plans do not fit this purchase" in en


@pytest.mark.parametrize(("market", "law", "name", "name_zh"),
                         [("CA", False, "Canadian", "加拿大"), ("UK", True, "UK", "英国")])
def test_a_market_without_plans_points_to_the_law_only_when_one_is_shown(catalog, market, law,
                                                                         name, name_zh):
    """A blood-pressure monitor: no catalog plan in either market. The UK's Consumer Rights Act
    is shown, so the note points to it; Canada has no statutory rule in the catalog, so the
    note does not send the shopper looking for one above. The market is named in words, in
    Chinese too, not by its code."""
    result = quote(_product(market, "medical", "blood_pressure_monitor", "79.99", None), (),
                   Settings(), catalog, DAY)
    assert result.alternatives == [] and (result.statutory is not None) is law
    en, zh = result.alternatives_note
    assert en.startswith(f"No plans for this kind of product in the {name} market")
    assert zh.startswith(f"我们的目录中还没有{name_zh}市场此类商品的延保计划")
    assert ("what the law gives is shown above" in en) is law
    assert ("法定保障见上" in zh) is law



@pytest.mark.parametrize("site", ["bestbuy", "amazon", "walmart"])
def test_a_plan_sold_only_through_partner_shops_is_not_one_to_ask_for(catalog, site):
    """Extend and Mulberry sell only through the shops they work with, with the product on
    their pages. On any other shop's page (Best Buy, Amazon, Walmart), asking Extend for a
    price leads nowhere: the plan is listed as not fitting this purchase, with why, in both
    languages, and not counted among the plans to ask about."""
    tv = _product("US", "large", "tv", "799", site)
    result = quote(tv, (), Settings(), catalog, DAY)
    partners = [e for e in result.excluded if e.name in ("Extend Protection Plan",
                                                          "Mulberry Protection Plan")]
    assert len(partners) == 2
    for left_out in partners:
        assert left_out.code == "partner_shops" and not left_out.ask_for_price
        provider = left_out.name.split()[0]
        assert left_out.reason_en.startswith(
            f"{provider} sells its plans only through the shops it works with")
        assert left_out.reason_zh.startswith(f"{provider}只通过合作商店随商品出售计划")
        assert left_out.source.startswith("https://")
    asked = sum(e.ask_for_price for e in result.excluded)
    assert f"{asked} more are sold for it without a price we could find" in \
        result.alternatives_note[0]
