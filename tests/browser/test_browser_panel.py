"""The panel on a saved product page of every supported site, fed by the real service: the
page's own offers beside market alternatives, the "why" one click away, collapse, move and
"off on this site", and a title made of markup shown as text."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date, timedelta

import pytest

from testkit.decisions import wait_for_decision
from testkit.pages import DATA
from testkit.panel import Panel

pytestmark = pytest.mark.browser

SITE_PAGES = ["jd/rendered_hisense_tv", "taobao/rendered_microwave", "tmall/rendered_washer",
              "amazon/product_fridge", "bestbuy/product_tv"]


def expected_offers(name: str) -> list[str]:
    meta = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return [offer["name"] for offer in meta["expect"]["offers"]]


def open_product(browser, pages, name: str):
    url = pages.add_fixture(name)
    page = browser.context.new_page()
    page.goto(url)
    return page, Panel(page)


@pytest.mark.parametrize("name", SITE_PAGES)
def test_panel_shows_the_pages_offers_and_alternatives(browser, pages, name):
    offers = expected_offers(name)
    assert offers, f"{name} should be a page that sells plans"
    page, panel = open_product(browser, pages, name)
    text = panel.wait_for_text(offers[-1])
    for offer in offers:
        assert offer in text
    assert "Offered on this page" in text
    assert "Better options" in text or "Other plans" in text
    assert any(v in text for v in ("Worth it", "Marginal", "Not worth it", "Already covered"))
    page.close()


def test_why_is_one_click_away(browser, pages):
    page, panel = open_product(browser, pages, "jd/rendered_hisense_tv")
    panel.wait_for_text("延长保修2年")
    why = "Worth it if the chance of a covered failure or accident"
    assert why not in panel.text()
    panel.click("tr.plan button.link")
    assert why in panel.wait_for_text("modelled chance")
    page.close()


def test_collapse_move_and_off_are_remembered(browser, pages):
    page, panel = open_product(browser, pages, "bestbuy/product_tv")
    panel.wait_for_text("5-Year Protection")
    panel.click(".bar button[title='Collapse or expand']")
    panel.click(".bar button[title='Move to the next corner']")
    browser.wait_for_setting("panel", {"collapsed": True, "corner": "bottom-left"})
    page.reload()
    panel.wait_for_text("Yanbao")
    assert panel.has_class("section.panel", "collapsed")
    assert panel.has_class("section.panel", "bottom-left")
    panel.click(".bar button[title^='Turn the panel off']")
    browser.wait_for_setting("disabledHosts", ["www.bestbuy.com"])
    page.reload()
    wait_for_decision(page, "off")
    assert not panel.exists()
    browser.set_settings(disabledHosts=[], panel={"collapsed": False, "corner": "bottom-right"})
    page.close()


def test_a_title_made_of_markup_is_shown_as_text(browser, pages):
    page, panel = open_product(browser, pages, "jd_markup_title")
    text = panel.wait_for_text("海信 60E3F 电视")
    assert "<img src=x onerror=" in text
    assert "IMG" not in panel.node_names()
    assert page.title() != "pwned"
    page.close()


@pytest.fixture
def language(browser):
    """Sets the shopper's language for one test and puts English back whatever happens."""
    yield lambda lang: browser.set_settings(language=lang)
    browser.set_settings(language="en")


@pytest.mark.parametrize(("lang", "verdicts"), [
    ("en", ("Worth it", "Marginal", "Not worth it", "Already covered")),
    ("zh_CN", ("值得买", "可买可不买", "不值得", "已有保障")),
])
def test_popup_says_what_this_tab_is(browser, pages, language, lang, verdicts):
    language(lang)
    page, panel = open_product(browser, pages, "amazon/product_fridge")
    panel.wait_for_text("3-Year Protection Plan")
    popup = browser.context.new_page()  # opened as a tab, the popup describes the tab before it
    popup.goto(browser.url("popup/popup.html"))
    body = popup.locator("#tab-body")
    body.locator("#headline .chip").wait_for()
    assert "Frigidaire EFR376-WHITE" in body.inner_text()
    # The headline is the verdict on the plan the page sells, in the shopper's language.
    assert body.locator("#headline .chip").inner_text() in verdicts
    popup.close()
    page.close()


def test_panel_speaks_chinese_when_chosen(browser, pages, language):
    language("zh_CN")
    page, panel = open_product(browser, pages, "tmall/rendered_washer")
    text = panel.wait_for_text("本页提供的服务")
    assert ("市场上的更优选择" in text or "其他可选" in text) and "我买了" in text
    page.close()


def test_sparkline_draws_the_plan_price_over_time(browser, pages, service):
    # Earlier days' observations, as two shoppers' visits on those days would have left them
    # (a price counts once independent reporters agree).
    with sqlite3.connect(service.workdir / "yanbao.db") as db:
        for days_ago, price in ((30, "199.00"), (20, "189.00"), (10, "179.00")):
            for reporter in ("shopper-a", "shopper-b"):
                db.execute("INSERT INTO offer_observations (site, item_id, offer, term_months, "
                           "price, currency, observed_on, reporter) VALUES ('jd', '100007300763',"
                           " '延长保修2年', 24, ?, 'CNY', ?, ?)",
                           (price, (date.today() - timedelta(days=days_ago)).isoformat(),
                            reporter))
    page, panel = open_product(browser, pages, "jd/rendered_hisense_tv")
    text = panel.wait_for_text("lowest")
    assert "延长保修2年: lowest ¥169.00, highest ¥199.00" in text
    points = panel.attribute(".history polyline", "points").split()
    assert len(points) == 4
    ys = [float(p.split(",")[1]) for p in points]
    assert ys == sorted(ys), "prices fell day by day, so the line only goes down the screen"
    page.close()


def test_the_card_extension_from_options_changes_the_comparison(browser, pages):
    page, panel = open_product(browser, pages, "jd/rendered_hisense_tv")
    added = re.search(r"延长保修2年 京东 ¥169\.00 \+(\d+) mo", panel.wait_for_text("延长保修2年"))
    assert added and int(added.group(1)) > 0
    browser.set_settings(cardExtensionMonths=36)  # the card already covers those months
    page.reload()
    text = panel.wait_for_text("延长保修2年")
    assert "延长保修2年 京东 ¥169.00 +0 mo" in text
    assert "Already covered" in text
    browser.set_settings(cardExtensionMonths=0)
    page.close()
