"""Band tables: lookup at every edge, and each refusal of `catalog check`, on small catalogs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from server.catalog import CatalogError, load_catalog
from server.catalog.cli import catalog_cli

D = Decimal
PROVIDER = """
[[provider]]
id = "shop"
name = "测试商城"
name_en = "Test shop"
kind = "retailer"
market = "CN"
url = "https://shop.example/"
source = "https://shop.example/about"
read_on = 2026-11-26
"""
PLAN = """
[[plan]]
id = "shop-plan"
provider = "shop"
name = "测试延保"
name_en = "Test plan"
kind = "extended"
market = "CN"
currency = "CNY"
categories = ["large"]
starts = "purchase"
source = "https://shop.example/plans"
read_on = 2026-11-26
[plan.coverage]
parts_labour = true
"""


def row(term: int, edge_min: str | None, edge_max: str | None, price: str = "",
        **extra: str) -> str:
    lines = ["[[plan.prices]]", f"term_months = {term}"]
    lines += [f'min = "{edge_min}"'] if edge_min is not None else []
    lines += [f'max = "{edge_max}"'] if edge_max is not None else []
    lines += [f'price = "{price}"'] if price else []
    lines += [f"{key} = {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


METHOD_ZH = '"此价格档商品旁所见的两个真实价格。"'


def estimate(term: int, edge_min: str, edge_max: str | None, lo: str, hi: str, n: int = 2,
             middle: str = "", method_zh: str | None = METHOD_ZH, **extra: str) -> str:
    """An estimate row, with its method in Chinese unless `method_zh=None`."""
    chinese = {} if method_zh is None else {"method_zh": method_zh}
    return row(term, edge_min, edge_max, middle, low=f'"{lo}"', high=f'"{hi}"', n=str(n),
               method='"Two real prices seen beside products in this band."', **chinese,
               **extra)


def folder_with(tmp_path, rows: str):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "providers.toml").write_text(PROVIDER, encoding="utf-8")
    (folder / "plans.toml").write_text(PLAN + rows, encoding="utf-8")
    return folder


def plan_of(tmp_path, rows: str):
    return load_catalog(folder_with(tmp_path, rows)).plans[0]


TABLE = (row(24, "0", "499.99", "30.00") + row(24, "500", "999.99", "50.00")
         + row(24, "1000", None, "80.00"))


@pytest.mark.parametrize(("product", "expected"), [
    ("0", "30.00"), ("0.01", "30.00"), ("499.99", "30.00"),      # first band: min, inside, max
    ("500", "50.00"), ("500.01", "50.00"), ("999.98", "50.00"),  # the next starts one cent on
    ("999.99", "50.00"), ("1000", "80.00"),
    ("1000000", "80.00"),                                         # open-ended last band
])
def test_band_lookup_at_every_edge(tmp_path, product, expected):
    prices = plan_of(tmp_path, TABLE).prices_for(D(product))
    assert [(p.term_months, p.amount, p.basis) for p in prices] == [(24, D(expected),
                                                                       "published")]


def test_just_outside_a_closed_table_there_is_no_price(tmp_path):
    plan = plan_of(tmp_path, row(36, "100", "200", "20.00"))
    assert plan.prices_for(D("99.99")) == ()
    assert plan.prices_for(D("200.01")) == ()
    assert [p.amount for p in plan.prices_for(D("100"))] == [D("20.00")]
    assert [p.amount for p in plan.prices_for(D("200"))] == [D("20.00")]


def test_an_estimate_carries_its_range_count_method_and_evidence(tmp_path):
    rows = estimate(24, "100", "200", "10.00", "16.00", n=3,
                    evidence='["repo:owner/name:path@abc (a saved page)"]',
                    source='"https://item.jd.com/1.html"')
    (price,) = plan_of(tmp_path, rows).prices_for(D("150"))
    assert (price.basis, price.amount, price.source) == ("estimate", D("13.00"),
                                                         "https://item.jd.com/1.html")
    assert (price.estimate.low, price.estimate.high, price.estimate.n) == (D(10), D(16), 3)
    assert price.estimate.method == "Two real prices seen beside products in this band."
    assert price.estimate.method_zh == "此价格档商品旁所见的两个真实价格。"
    assert price.evidence == ("repo:owner/name:path@abc (a saved page)",)
    assert price.read_on.isoformat() == "2026-11-26"


def test_terms_come_shortest_first_and_an_explained_gap_has_no_price(tmp_path):
    rows = (row(36, "0", "99.99", "12.00") + row(12, "0", "99.99", "5.00")
            + '[[plan.prices]]\nterm_months = 12\nmin = "100"\nmax = "199.99"\n'
              'unpriced = "No price was seen for products of 100 to 200."\n'
              'unpriced_zh = "未见100至200元商品的价格。"\n'
            + row(12, "200", "299.99", "9.00"))
    plan = plan_of(tmp_path, rows)
    assert [p.term_months for p in plan.prices_for(D("50"))] == [12, 36]
    assert plan.prices_for(D("150")) == ()
    assert plan.gap_for(D("150")) == "No price was seen for products of 100 to 200."
    assert plan.gap_for(D("250")) is None


REFUSALS = [
    # (rows, words in the message, entry named)
    (row(24, "0", "499.99", "30.00") + row(24, "600", None, "50.00"),
     "leaves a gap after band 0..499.99", "plan 'shop-plan'.prices[1]"),
    (row(24, "0", "500", "30.00") + row(24, "500", None, "50.00"),
     "overlaps band 0..500", "plan 'shop-plan'.prices[1]"),
    (row(24, "0", None, "30.00") + row(24, "500", None, "50.00"),
     "overlaps band 0..", "plan 'shop-plan'.prices[1]"),
    (row(12, "0", None, "30.00") + row(24, "0", None, "25.00"),
     "24 months cost less (25.00) than 12 months", "plan 'shop-plan'.prices[1]"),
    (row(12, "0", "999.99", "30.00") + estimate(36, "500", "999.99", "20.00", "60.00"),
     "36 months cost less (20.00) than 12 months", "plan 'shop-plan'.prices[1]"),
    # Low ends in order, but the longer term's range tops out below the shorter one's.
    (estimate(24, "0", "999.99", "40.00", "120.00") + estimate(36, "0", "999.99", "50.00",
                                                               "90.00"),
     "36 months top out lower (high ends) (90.00) than 24 months (120.00",
     "plan 'shop-plan'.prices[1]"),
]


@pytest.mark.parametrize(("rows", "words", "entry"), REFUSALS)
def test_check_refuses_whole_table_problems_naming_the_entry(tmp_path, rows, words, entry):
    folder = folder_with(tmp_path, rows)
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    assert (caught.value.file, caught.value.entry) == ("plans.toml", entry)
    assert words in caught.value.message
    result = CliRunner().invoke(catalog_cli, ["check", "--dir", str(folder)])
    assert result.exit_code == 1
    assert f"plans.toml: {entry}: " in result.output and words in result.output


ROW_REFUSALS = [
    (row(24, "0", None, "30.00", source='"repo:owner/name:path@abc"'),
     "must be a web address a shopper can open"),
    (row(24, "0", None, price="30.00", source='"ftp://shop.example/list"'),
     "must be a web address a shopper can open"),
    (estimate(24, "0", None, "10.00", "20.00", middle="25.00"),
     "the estimate's middle 25.00 is outside its range 10.00..20.00"),
    (estimate(24, "0", None, "20.00", "10.00"), "'low' 20.00 is above its 'high' 10.00"),
    (estimate(24, "0", None, "10.00", "20.00", n=1), "one observation gives one price"),
    (row(24, "0", None, low='"10.00"'), "an estimate needs 'low', 'high', 'n' and 'method'"),
    # The Chinese of a method is refused without the English it renders, estimate or not.
    (row(24, "0", None, low='"10.00"', high='"20.00"', n="2", method_zh='"两个真实价格。"'),
     "'method_zh' without 'method': give the English method too"),
    (row(24, "0", None, "10.00", method_zh='"两个真实价格。"'),
     "'method_zh' without 'method': give the English method too"),
    (row(24, "0", None), "give a published 'price'"),
    (row(24, "500", "100", "10.00"), "'min' 500 is above 'max' 100"),
    (row(24, "0", None, "10.00", share='"0.1"'), "unknown keys ['share']"),
    (row(24, "0", None, "10.00", published='"Feb 2020"'),
     "'published' must be the date the source shows"),
    (row(24, "0", None, "10.00", published='"2020-13"'),
     "'published' must be the date the source shows"),
    (row(24, "0", None, "10.00", published='"undatedish"'),
     "'published' must be the date the source shows"),
]


@pytest.mark.parametrize(("rows", "words"), ROW_REFUSALS)
def test_loader_refuses_a_bad_row_naming_it(tmp_path, rows, words):
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder_with(tmp_path, rows))
    assert caught.value.entry == "plan 'shop-plan'.prices[0]"
    assert words in caught.value.message


@pytest.mark.parametrize(("published", "shown"), [
    ('"2020"', "2020"), ('"2020-02"', "2020-02"), ('"2020-02-29"', "2020-02-29"),
    ("2020-02-29", "2020-02-29"),  # a TOML date
    ('"undated"', None), ('"undated; about 2020-21 (a Coronavirus notice)"', None)])
def test_a_published_price_keeps_the_date_its_source_shows(tmp_path, published, shown):
    rows = row(24, "0", "999.99", "30.00", published=published) + row(36, "0", "999.99", "40.00")
    prices = load_catalog(folder_with(tmp_path, rows)).plans[0].prices
    assert prices[0].published_on == shown
    assert prices[0].plan_price().published_on == shown
    assert prices[1].published_on is None, "a row without its own date has the plan's (none)"


@pytest.mark.parametrize("source", [
    "seed:article.txt", "http://198.12.123.165:9000/cars/19533923.html", "https://[2001:db8::1]/x",
    "https://", "http://:80/x"])
def test_a_plan_source_must_be_a_web_address_at_a_named_host(tmp_path, source):
    """A bare IP address names no publisher a shopper could judge (the one such source once in
    the catalog carried casino adverts)."""
    folder = folder_with(tmp_path, row(24, "0", None, "30.00"))
    plans = folder / "plans.toml"
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        'source = "https://shop.example/plans"', f'source = "{source}"'), encoding="utf-8")
    with pytest.raises(CatalogError, match="web address a shopper can open"):
        load_catalog(folder)


def test_where_to_buy_is_read_in_both_languages(tmp_path):
    rows = row(24, "0", None, "30.00")
    folder = folder_with(tmp_path, rows)
    plans = folder / "plans.toml"
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        'starts = "purchase"',
        'starts = "purchase"\nwhere_to_buy = { en = "in any Test shop", zh = "任意测试商城门店" }'),
        encoding="utf-8")
    plan = load_catalog(folder).plans[0]
    assert plan.where_to_buy == ("in any Test shop", "任意测试商城门店")
    assert plan.cover == "breakdown"


def test_a_plan_may_say_it_covers_loss_and_theft(tmp_path):
    folder = folder_with(tmp_path, row(24, "0", None, "30.00"))
    assert load_catalog(folder).plans[0].coverage.theft is False
    plans = folder / "plans.toml"
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        "parts_labour = true", "parts_labour = true\ntheft = true"), encoding="utf-8")
    assert load_catalog(folder).plans[0].coverage.theft is True
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        "theft = true", 'theft = "yes"'), encoding="utf-8")
    with pytest.raises(CatalogError, match="'theft' must be true or false"):
        load_catalog(folder)


def test_outside_every_band_the_plan_says_why(tmp_path):
    folder = folder_with(tmp_path, row(24, "100", "200", "20.00"))
    plans = folder / "plans.toml"
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        "[plan.coverage]", 'unpriced_outside = "Seen only on products of 100 to 200."\n'
        'unpriced_outside_zh = "仅见于100至200元的商品。"\n[plan.coverage]'), encoding="utf-8")
    plan = load_catalog(folder).plans[0]
    assert plan.gap_for(D("99.99")) == "Seen only on products of 100 to 200."
    assert plan.gap_for(D("150")) is None


def test_reasons_without_a_price_may_be_given_in_chinese(tmp_path):
    """A Chinese shopper reads why a plan has no price in Chinese: the plan's unpriced_outside,
    an explained gap and an unpriced plan's reason each take a `_zh` twin."""
    rows = (row(24, "100", "199.99", "20.00")
            + '[[plan.prices]]\nterm_months = 24\nmin = "200"\nmax = "299.99"\n'
              'unpriced = "No price was seen for 200 to 299.99."\n'
              'unpriced_zh = "未见200至299.99元商品的价格。"\n')
    folder = folder_with(tmp_path, rows)
    plans = folder / "plans.toml"
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        "[plan.coverage]", 'unpriced_outside = "Seen only on products of 100 to 300."\n'
        'unpriced_outside_zh = "仅见于100至300元的商品。"\n[plan.coverage]'), encoding="utf-8")
    plan = load_catalog(folder).plans[0]
    assert plan.gap_texts(D("250")) == ("No price was seen for 200 to 299.99.",
                                        "未见200至299.99元商品的价格。")
    assert plan.gap_texts(D("99")) == ("Seen only on products of 100 to 300.",
                                       "仅见于100至300元的商品。")
    assert plan.gap_texts(D("150")) is None
    # A Chinese twin without the English it renders is refused, naming the entry.
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        'unpriced_outside = "Seen only on products of 100 to 300."\n', ""), encoding="utf-8")
    with pytest.raises(CatalogError, match="'unpriced_outside_zh' without 'unpriced_outside'"):
        load_catalog(folder)


def test_check_refuses_a_chinese_plan_without_its_reasons_in_chinese(tmp_path):
    """The test plan is sold in China: each reason without a price needs its Chinese twin."""
    rows = (row(24, "100", "199.99", "20.00")
            + '[[plan.prices]]\nterm_months = 24\nmin = "200"\n'
              'unpriced = "No price was seen above 200."\n')
    folder = folder_with(tmp_path, rows)
    result = CliRunner().invoke(catalog_cli, ["check", "--dir", str(folder)])
    assert result.exit_code != 0
    assert "plan 'shop-plan' (unpriced 24-month band 200..)" in result.output
    assert "'unpriced' needs its Chinese, 'unpriced_zh'" in result.output
    plans = folder / "plans.toml"
    plans.write_text(plans.read_text(encoding="utf-8") + 'unpriced_zh = "200元以上未见价格。"\n',
                     encoding="utf-8")
    assert CliRunner().invoke(catalog_cli, ["check", "--dir", str(folder)]).exit_code == 0


def test_check_refuses_a_us_plan_without_its_reasons_in_chinese(tmp_path):
    """Not only plans sold in China: the extension has a Chinese locale on every site, so a
    shopper reading Chinese on Amazon US gets a US plan's reasons in Chinese, and each reason
    without a price needs its Chinese twin there too (the plan's, a gap's, outside the bands)."""
    unpriced_plan = PLAN.replace('id = "shop-plan"', 'id = "shop-unpriced"').replace(
        "[plan.coverage]", 'unpriced_reason = "Test shop publishes no price list."\n'
        "[plan.coverage]")
    rows = (row(24, "100", "199.99", "20.00")
            + '[[plan.prices]]\nterm_months = 24\nmin = "200"\n'
              'unpriced = "No price was seen above $200."\n')
    folder = folder_with(tmp_path, rows)
    for name in ("providers.toml", "plans.toml"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(
            'market = "CN"', 'market = "US"').replace('currency = "CNY"', 'currency = "USD"'),
            encoding="utf-8")
    plans = folder / "plans.toml"
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        "[plan.coverage]", 'unpriced_outside = "Seen only on products of $100 to $200."\n'
        "[plan.coverage]") + unpriced_plan.replace('market = "CN"', 'market = "US"').replace(
        'currency = "CNY"', 'currency = "USD"'), encoding="utf-8")
    assert {plan.market for plan in load_catalog(folder, check=False).plans} == {"US"}
    result = CliRunner().invoke(catalog_cli, ["check", "--dir", str(folder)])
    assert result.exit_code != 0
    assert ("plan 'shop-plan': 'unpriced_outside' needs its Chinese, 'unpriced_outside_zh'"
            in result.output)
    assert "plan 'shop-plan' (unpriced 24-month band 200..)" in result.output
    assert "'unpriced' needs its Chinese, 'unpriced_zh'" in result.output
    assert ("plan 'shop-unpriced': 'unpriced_reason' needs its Chinese, 'unpriced_reason_zh'"
            in result.output)
    with pytest.raises(CatalogError, match="needs its Chinese"):
        load_catalog(folder)
    text = plans.read_text(encoding="utf-8")
    text = text.replace('unpriced = "No price was seen above $200."\n',
                        'unpriced = "No price was seen above $200."\n'
                        'unpriced_zh = "未见$200以上商品的价格。"\n')
    text = text.replace('unpriced_outside = "Seen only on products of $100 to $200."\n',
                        'unpriced_outside = "Seen only on products of $100 to $200."\n'
                        'unpriced_outside_zh = "仅见于$100至$200的商品。"\n')
    text = text.replace('unpriced_reason = "Test shop publishes no price list."\n',
                        'unpriced_reason = "Test shop publishes no price list."\n'
                        'unpriced_reason_zh = "测试商城未公布价目表。"\n')
    plans.write_text(text, encoding="utf-8")
    assert CliRunner().invoke(catalog_cli, ["check", "--dir", str(folder)]).exit_code == 0
    unpriced = {plan.id: plan for plan in load_catalog(folder).plans}["shop-unpriced"]
    assert unpriced.unpriced_reason_zh == "测试商城未公布价目表。"


@pytest.mark.parametrize("market", ["CN", "US"])
def test_check_refuses_an_estimate_without_its_method_in_chinese(tmp_path, market):
    """The panel's "why?" line says how an estimate was made, and a shopper reading Chinese reads
    it in Chinese on every site: each estimate (fixed or by share of price) needs `method_zh`
    beside its `method`, in every market, and catalog check names the file and the row."""
    share = row(36, "100", "999.99", share_low='"0.10"', share_high='"0.20"', n="3",
                method='"From 3 prices on products of 200 to 1,300, scaled by product price."')
    rows = estimate(24, "0", "999.99", "10.00", "20.00", method_zh=None) + share
    folder = folder_with(tmp_path, rows)
    if market != "CN":
        for name in ("providers.toml", "plans.toml"):
            path = folder / name
            path.write_text(path.read_text(encoding="utf-8").replace(
                'market = "CN"', f'market = "{market}"').replace(
                'currency = "CNY"', 'currency = "USD"'), encoding="utf-8")
    assert {plan.market for plan in load_catalog(folder, check=False).plans} == {market}
    result = CliRunner().invoke(catalog_cli, ["check", "--dir", str(folder)])
    assert result.exit_code == 1
    for entry in ("plan 'shop-plan'.prices[0]", "plan 'shop-plan'.prices[1]"):
        assert (f"plans.toml: {entry}: the estimate's 'method' needs its Chinese, 'method_zh'"
                in result.output), result.output
    with pytest.raises(CatalogError, match="needs its Chinese, 'method_zh'") as caught:
        load_catalog(folder)
    assert (caught.value.file, caught.value.entry) == ("plans.toml", "plan 'shop-plan'.prices[0]")
    plans = folder / "plans.toml"
    plans.write_text(plans.read_text(encoding="utf-8").replace(
        'method = "Two real prices seen beside products in this band."\n',
        f'method = "Two real prices seen beside products in this band."\nmethod_zh = {METHOD_ZH}\n'
    ).replace('scaled by product price."\n', 'scaled by product price."\n'
              'method_zh = "根据200至1,300商品上的3个价格，按商品价格换算。"\n'),
        encoding="utf-8")
    assert CliRunner().invoke(catalog_cli, ["check", "--dir", str(folder)]).exit_code == 0
    fixed, scaled = load_catalog(folder).plans[0].prices_for(D("500"))
    assert fixed.estimate.method_zh == "此价格档商品旁所见的两个真实价格。"
    assert scaled.estimate.method_zh == "根据200至1,300商品上的3个价格，按商品价格换算。"
