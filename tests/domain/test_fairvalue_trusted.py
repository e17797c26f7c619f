"""Hand-worked comparisons (issue 11) against a small catalog with round numbers.

The test catalog: every category fails with a 10% chance in each year of age, a repair costs
50% of the price, 三包 covers a fridge's whole unit 12 months and its main parts 36, the EU
guarantee is 24 months. Months where only some parts are still covered count as half covered
(engine.PART_COVER_SHARE): half a month added (rounded up), half the yearly chance.
Plans per market are listed in CATALOG_TOML; every figure below is worked by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from server.catalog import Catalog, load_catalog
from server.domain.fairvalue.engine import quote
from server.domain.fairvalue.inputs import Offer, Product, Settings

D = Decimal
DAY = date(2026, 1, 31)
SRC = 'source = "https://example.test/{}"\nread_on = 2026-11-26\n'


def _provider(pid: str, market: str) -> str:
    return (f'[[provider]]\nid = "{pid}"\nname = "{pid}"\nname_en = "{pid}"\n'
            f'kind = "retailer"\nmarket = "{market}"\nurl = "https://{pid}.example.test"\n'
            + SRC.format(pid))


def _plan(pid: str, provider: str, market: str, currency: str, categories: str, kind: str,
          starts: str, prices: list[tuple], extra: str = "", coverage: str = "",
          tail: str = "") -> str:
    rows = "".join(
        f"[[plan.prices]]\nterm_months = {term}\nprice = \"{price}\"\n"
        + (f'min = "{low}"\n' if low else "") + (f'max = "{high}"\n' if high else "")
        + (f'low = "{D(price) - 10}"\nhigh = "{D(price) + 10}"\nn = 5\n'
           'method = "middle of 5 page prices"\nmethod_zh = "5个页面价格的中间值"\n'
           if est else "")
        for term, price, low, high, est in prices)
    return (f'[[plan]]\nid = "{pid}"\nprovider = "{provider}"\nname = "{pid}"\n'
            f'name_en = "{pid}"\nkind = "{kind}"\nmarket = "{market}"\n'
            f'currency = "{currency}"\ncategories = {categories}\nstarts = "{starts}"\n'
            + extra + SRC.format(pid)
            + f"[plan.coverage]\nparts_labour = true\n{coverage}" + rows + tail)


ALL = '["large", "digital", "medical"]'
PROVIDERS = "".join(_provider(p, m) for p, m in [
    ("jd", "CN"), ("suning", "CN"), ("gome", "CN"), ("huawei", "CN"), ("bestbuy", "US"),
    ("allstate", "US"), ("upsie", "US"), ("apple", "US"), ("amex", "US"), ("bbyca", "CA"),
    ("caplan", "CA")])
PLANS = "".join([
    _plan("jd-ext", "jd", "CN", "CNY", ALL, "extended", "after_manufacturer",
          [(12, "10", None, None, False)], 'sites = ["jd"]\n'),
    _plan("suning-ext", "suning", "CN", "CNY", ALL, "extended", "purchase",
          [(24, "200", None, None, False)], 'sites = ["suning"]\npurchase_window_days = 30\n'),
    _plan("gome-ext", "gome", "CN", "CNY", ALL, "extended", "after_manufacturer",
          [(12, "30", None, None, True)]),
    _plan("huawei-ext", "huawei", "CN", "CNY", '["digital"]', "extended", "after_manufacturer",
          [(12, "150", None, None, False)], 'brands = ["Huawei"]\npurchase_window_months = 12\n'),
    _plan("bestbuy-gs", "bestbuy", "US", "USD", ALL, "extended", "purchase",
          [(36, "180", None, None, False)], 'sites = ["bestbuy"]\n'),
    _plan("allstate", "allstate", "US", "USD", ALL, "extended", "purchase",
          [(24, "99", "500", "1000", False), (36, "150", "500", "1000", False),
           (36, "250", "1000.01", "2000", False)]),
    _plan("upsie", "upsie", "US", "USD", ALL, "extended", "purchase",
          [(36, "120", None, None, True)]),
    _plan("applecare", "apple", "US", "USD", '["digital"]', "accidental_damage", "purchase",
          [(24, "199", None, None, False)], coverage="accidental = true\n"),
    _plan("card-amex", "amex", "US", "USD", ALL, "extended", "after_manufacturer", [],
          'purchase_window_days = 0\n',
          tail="[plan.card]\nextra_months = 12\ndoubles = false\nmax_original_months = 60\n"
               'issuer = "American Express"\n'),
    _plan("bbyca", "bbyca", "CA", "CAD", ALL, "extended", "purchase",
          [(24, "80", None, None, False)], 'sites = ["bestbuy"]\n'),
    _plan("caplan", "caplan", "CA", "CAD", ALL, "extended", "purchase",
          [(24, "40", None, None, False)]),
])
TABLES = (
    '[[rule]]\nmarket = "CN"\nname = "三包 fridge"\nname_en = "Sanbao, fridges"\n'
    'subcategories = ["refrigerator"]\n'
    'whole_unit_months = 12\nmain_parts_months = 36\n' + SRC.format("sanbao")
    + '[[rule]]\nmarket = "EU"\nname = "EU guarantee"\nname_zh = "欧盟保证"\n'
    'subcategories = ["*"]\n'
    'whole_unit_months = 24\n' + SRC.format("eu")
    + "".join(f'[[table]]\ncategory = "{c}"\nmarket = "*"\ncumulative = "0.10"\nyears = 1\n'
              + SRC.format("fail") for c in ("large", "digital", "medical"))
    + "".join(f'[[cost]]\ncategory = "{c}"\nmarket = "*"\nshare = "0.5"\n' + SRC.format("cost")
              for c in ("large", "digital", "medical")))
CATALOG_TOML = {"providers.toml": PROVIDERS, "plans.toml": PLANS, "tables.toml": TABLES}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Catalog:
    folder = tmp_path_factory.mktemp("trusted")
    for name, text in CATALOG_TOML.items():
        (folder / name).write_text(text, encoding="utf-8")
    loaded = load_catalog(folder)
    # Suning's plan is bought on suning.com whatever shop sold the product.
    plans = tuple(replace(p, where_to_buy=("on suning.com", "在苏宁易购购买"))
                  if p.id == "suning-ext" else p for p in loaded.plans)
    return Catalog(loaded.providers, plans, loaded.rules, loaded.failure, loaded.repair,
                   loaded.version)


def product(category, sub, price, currency, market, site, brand=None, months=12, terms=()):
    return Product(category, D(price), currency, market, DAY, months, sub, "Test " + (sub or ""),
                   brand, site, component_terms=terms)


def offer(name, term, price, currency, starts="purchase", kind="extended") -> Offer:
    return Offer(name, kind, term, D(price), currency, starts)


def by_provider(result) -> dict:
    return {q.provider_id: q for q in result.alternatives}


def test_cn_fridge_on_jd_main_parts_and_a_later_window(catalog):
    """¥4,000 fridge on JD, "整机保修1年，主要部件保修3年", JD's own 1-year plan at ¥39.

    Full cover: max(maker 12, 三包 12) = 12 months; part cover to 36 (page and 三包 agree).
    JD 1 year after the maker's warranty: months 12-24, all part-covered -> added ceil(12/2) = 6;
    P = 0.10 x 0.5 = 5%; net = 50% x 4,000 = ¥2,000; expected ¥100.00 >= ¥39 -> worth it,
    value +¥61.00, ¥6.50 per added month.
    Suning 24 months from purchase, ¥200: months 12-24 again -> 6 added, expected ¥100.00 <
    0.8 x 200 -> not worth it, ¥33.33 a month. It can be bought within 30 days (2026-03-02),
    so the page's plan need not be bought at checkout.
    Gome (estimate) 12 months after the maker, ¥30: expected ¥100.00 -> worth it, +¥70.00,
    ¥5.00 a month: better numbers than the page's plan, yet ranked after it, and not a better
    option (an estimate). JD's catalog plan is the page's own: excluded, not compared.
    """
    fridge = product("large", "refrigerator", "4000", "CNY", "CN", "jd",
                     terms=(("main_parts", 36),))
    result = quote(fridge, (offer("京东1年延保", 12, "39", "CNY", "after_manufacturer"),),
                   Settings(), catalog, DAY)
    page = result.offers[0]
    assert (page.added_months, page.part_months) == (6, 12)
    assert page.failure_probability == pytest.approx(0.05)
    assert (page.expected_repair_cost, page.expected_value) == (D("100.00"), D("61.00"))
    assert (page.verdict, page.cost_per_added_month) == ("worth_it", D("6.50"))
    assert page.explanation["en"].startswith(
        "Adds the equivalent of 6 months (12 months of the plan fall while the maker still "
        "covers the main parts, each counted as half) beyond your cover to ")
    assert ("之外相当于多保6个月（计划中有12个月厂家仍保主要部件，每月按一半计）"
            in page.explanation["zh"])
    assert page.buy_until == date(2026, 3, 2) and "until 2026-03-02" in page.explanation["en"]
    alt = by_provider(result)
    assert set(alt) == {"suning", "gome"}
    suning, gome = alt["suning"], alt["gome"]
    assert (suning.added_months, suning.expected_repair_cost) == (6, D("100.00"))
    assert (suning.verdict, suning.cost_per_added_month) == ("not_worth_it", D("33.33"))
    assert suning.where_to_buy == ("on suning.com", "在苏宁易购购买")
    assert (gome.basis, gome.verdict, gome.expected_value) == ("estimate", "worth_it", D("70.00"))
    assert [q.provider_id for q in result.plans] == [None, "suning", "gome"]
    assert result.better_options is False
    assert (result.headline.verdict, result.headline.plan) == ("worth_it", "京东1年延保")
    assert result.statutory.main_parts_months == 36
    assert any(e.name == "jd-ext" and "own plan" in e.reason_en for e in result.excluded)


def test_cn_fridge_without_page_terms_still_gets_sanbao_main_parts(catalog):
    """The same fridge, no component terms on the page: 三包's 36 months of main parts alone
    give the same part cover, so the same 6 added months and ¥100.00 expected."""
    fridge = product("large", "refrigerator", "4000", "CNY", "CN", "jd")
    page = quote(fridge, (offer("京东1年延保", 12, "39", "CNY", "after_manufacturer"),),
                 Settings(), catalog, DAY).offers[0]
    assert (page.added_months, page.expected_repair_cost) == (6, D("100.00"))
    # Without statutory cover credited only the page's own terms count: none here, so the
    # whole year is added: P = 10%, expected ¥200.00.
    bare = quote(fridge, (offer("京东1年延保", 12, "39", "CNY", "after_manufacturer"),),
                 Settings(statutory=False), catalog, DAY).offers[0]
    assert (bare.added_months, bare.expected_repair_cost) == (12, D("200.00"))


def test_cn_phone_on_jd_brand_plan_is_better_and_can_be_bought_for_a_year(catalog):
    """¥5,000 Huawei phone on JD, page plan: 1 year after the maker's warranty at ¥199.

    Months 12-24 added (12): P = 10%, net ¥2,500 -> expected ¥250.00 >= ¥199 -> worth it,
    +¥51.00, ¥16.58 a month. Huawei's own plan, the same year at ¥150: worth it, +¥100.00,
    ¥12.50 a month -> a better option (a published price). It can be bought within 12 months
    of purchase: until 2027-01-31. Suning's 24 months from purchase at ¥200 add the same year:
    expected ¥250.00, worth it, ¥16.67 a month, just behind the page's ¥16.58. Gome's estimate
    (¥30) ranks after every real price.
    """
    phone = product("digital", "phone", "5000", "CNY", "CN", "jd", "Huawei")
    result = quote(phone, (offer("1年延保", 12, "199", "CNY", "after_manufacturer"),),
                   Settings(), catalog, DAY)
    page = result.offers[0]
    assert (page.expected_repair_cost, page.expected_value) == (D("250.00"), D("51.00"))
    assert page.cost_per_added_month == D("16.58")
    huawei = by_provider(result)["huawei"]
    assert (huawei.verdict, huawei.expected_value, huawei.cost_per_added_month) == (
        "worth_it", D("100.00"), D("12.50"))
    assert huawei.buy_until == date(2027, 1, 31) == page.buy_until
    assert result.better_options is True
    assert [q.provider_id for q in result.plans] == ["huawei", None, "suning", "gome"]
    assert by_provider(result)["suning"].cost_per_added_month == D("16.67")
    assert result.headline.plan == "1年延保"


def test_us_laptop_on_best_buy_third_party_plans_and_a_card_line(catalog):
    """$1,000 laptop on Best Buy, page plan: Geek Squad 3 years at $200.

    Full cover 12 months; 36 months from purchase add 24: P = 1 - 0.9^2 = 19%, net $500 ->
    expected $95.00 < 0.8 x 200 -> not worth it, $8.33 a month.
    Allstate's band $500-$1,000: 36 months $150 (95 < 120, not worth it, $6.25 a month) beats
    its 24 months $99 (12 added, expected $50.00, $8.25 a month) -> the 3-year is shown, and it
    is a better option (same verdict, less per month). Upsie's estimate ($120, $5.00 a month)
    ranks after it. AppleCare+ is accident cover: not compared with a breakdown plan. Best
    Buy's catalog plan is the page's own. Amex adds 12 months: one card line.
    """
    laptop = product("digital", "laptop", "1000", "USD", "US", "bestbuy")
    result = quote(laptop, (offer("Geek Squad 3-Year", 36, "200", "USD"),), Settings(), catalog,
                   DAY)
    page = result.offers[0]
    assert (page.added_months, page.expected_repair_cost) == (24, D("95.00"))
    assert (page.verdict, page.cost_per_added_month) == ("not_worth_it", D("8.33"))
    alt = by_provider(result)
    assert set(alt) == {"allstate", "upsie"}
    assert (alt["allstate"].term_months, alt["allstate"].price) == (36, D("150"))
    assert alt["allstate"].cost_per_added_month == D("6.25")
    assert alt["upsie"].basis == "estimate" and alt["upsie"].cost_per_added_month == D("5.00")
    assert [q.provider_id for q in result.plans] == ["allstate", None, "upsie"]
    assert result.better_options is True
    assert result.headline.verdict == "not_worth_it"
    assert result.card_benefit[0] == 12
    assert any(e.name == "applecare" and "Another kind of cover" in e.reason_en
               for e in result.excluded)


def test_us_laptop_in_the_next_band(catalog):
    """$1,500: Allstate's $1,000.01-$2,000 band sells 36 months at $250 (no 24-month row)."""
    laptop = product("digital", "laptop", "1500", "USD", "US", "bestbuy")
    allstate = by_provider(quote(laptop, (), Settings(), catalog, DAY))["allstate"]
    assert (allstate.term_months, allstate.price) == (36, D("250"))


def test_ca_tv_on_best_buy_canada_with_no_page_plan(catalog):
    """C$800 TV on bestbuy.ca, no plan on the page: headline none_sold.

    24 months from purchase add 12: P = 10%, net C$400 -> expected C$40.00. Best Buy
    Canada's C$80: not worth it (40 < 64), C$6.67 a month; the other plan's C$40: worth it
    (40 >= 40), C$3.33 a month -> a better option than buying nothing. US plans (USD) are
    another market's: never listed.
    """
    tv = product("large", "tv", "800", "CAD", "CA", "bestbuy")
    result = quote(tv, (), Settings(), catalog, DAY)
    assert [(q.provider_id, q.verdict, q.cost_per_added_month) for q in result.plans] == [
        ("caplan", "worth_it", D("3.33")), ("bbyca", "not_worth_it", D("6.67"))]
    assert (result.headline.verdict, result.headline.plan) == ("none_sold", None)
    assert result.better_options is True
    assert result.statutory is None
    # Two alternatives, and no other catalog plan for the product: the note says the catalog
    # holds only those (issue 11: at least three, or why not).
    assert result.alternatives_note == (
        "Our catalog holds only 2 plans for this product.",
        "我们的目录中只有2个计划适用于该商品。")
    assert "C$40.00" in result.plans[0].explanation["en"]


def test_uk_laptop_with_no_plan_anywhere_still_gets_an_answer(catalog):
    """£499 laptop on Amazon.co.uk: no UK plan in the catalog and none on the page. The answer
    is the headline "sells none", no better options, and a note saying why nothing is
    compared, in both languages."""
    laptop = product("digital", "laptop", "499", "GBP", "UK", "amazon")
    result = quote(laptop, (), Settings(), catalog, DAY)
    assert result.plans == [] and result.unavailable is None
    assert result.headline.verdict == "none_sold" and result.better_options is False
    en, zh = result.alternatives_note
    assert "UK market" in en and "英国市场" in zh
    body = result.to_dict("zh")
    assert body["alternatives_note"]["zh"] == zh and body["unavailable_code"] is None


def test_uk_laptop_page_plan_is_weighed(catalog):
    """£499 laptop with a £79 2-year plan on the page: months 12-24 added, P = 10%, net
    £249.50 -> expected £24.95 < 0.8 x 79 -> not worth it."""
    laptop = product("digital", "laptop", "499", "GBP", "UK", "amazon")
    result = quote(laptop, (offer("2-Year Protection", 24, "79", "GBP"),), Settings(), catalog,
                   DAY)
    page = result.offers[0]
    assert (page.expected_repair_cost, page.verdict) == (D("24.95"), "not_worth_it")
    assert result.headline.verdict == "not_worth_it" and "£79.00" in result.headline.en


def test_eu_blood_pressure_monitor_inside_the_legal_guarantee(catalog):
    """€60 monitor, €9.99 for 3 years: the EU guarantee covers 24 months, so only months
    24-36 are added: P = 10%, net €30 -> expected €3.00 < 0.8 x 9.99 -> not worth it, €0.83 a
    month. The statutory line names the guarantee."""
    monitor = product("medical", "blood_pressure_monitor", "60", "EUR", "EU", "amazon")
    result = quote(monitor, (offer("3-Year Plan", 36, "9.99", "EUR"),), Settings(), catalog,
                   DAY)
    page = result.offers[0]
    assert (page.added_months, page.expected_repair_cost) == (12, D("3.00"))
    assert (page.verdict, page.cost_per_added_month) == ("not_worth_it", D("0.83"))
    assert (result.statutory.name, result.statutory.whole_unit_months) == ("EU guarantee", 24)
    assert result.to_dict()["statutory"]["source"] == "https://example.test/eu"


def test_a_product_type_without_figures_is_unavailable_with_a_code(catalog):
    """No failure table for "small" appliances in this catalog: no_model, in each language."""
    kettle = product("small", "kettle", "199", "CNY", "CN", "jd")
    result = quote(kettle, (offer("1年延保", 12, "9", "CNY"),), Settings(), catalog, DAY)
    assert result.plans == [] and result.unavailable == "no_model"
    assert result.to_dict("en")["unavailable_code"] == "no_model"
    assert "故障" in result.to_dict("zh")["unavailable"]
    assert result.to_dict("en")["unavailable"].startswith("There are no failure")


def test_a_providers_plan_for_the_family_stands_in_for_its_catch_all():
    """Real catalog: a $1,299 fridge bought at Best Buy, page read without plans. Best Buy's
    own 5-year refrigerator price list ($1,200-1,399.99: $349.99, 2020) prices Geek Squad, and
    its 'computers and other products' plan (no price) is not listed beside it; a microwave,
    for which Best Buy has no family plan, still gets the catch-all with its reason."""
    real = load_catalog()
    fridge = quote(product("large", "refrigerator", "1299", "USD", "US", "bestbuy"), (),
                   Settings(), real, DAY)
    geek_squad = [q for q in fridge.plans if q.provider_id == "bestbuy"]
    assert [(q.term_months, q.price, q.basis) for q in geek_squad] == [
        (60, D("349.99"), "published")]
    assert geek_squad[0].source == "https://api.bestbuy.com/click/-/1017953/pdp"
    catch_all = "Geek Squad Protection (computers and other products)"
    assert catch_all not in {e.name for e in fridge.excluded}
    microwave = quote(product("large", "microwave", "200", "USD", "US", "bestbuy"), (),
                      Settings(), real, DAY)
    assert catch_all in {e.name for e in microwave.excluded}
