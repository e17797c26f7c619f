"""A shop that changes the product without a reload: Amazon's colour switch pushes another
/dp/ASIN URL and rewrites the title, price and plan prices in place. The panel must follow with
exactly one new detect request for the new item, keep its collapsed state, and disappear,
sending nothing, when the page pushes a URL that is no product page. Each test waits for the
content script's own word that its pass is done (a performance mark), then counts requests in
the service's access log; what the service received is read back from its offer observations."""

from __future__ import annotations

import sqlite3

import pytest

from testkit.decisions import decisions, wait_for_decision
from testkit.panel import Panel

pytestmark = pytest.mark.browser

DETECT = '"POST /api/v1/pages/detect"'


def detect_requests(service) -> int:
    return service.requests_logged(DETECT)


def wait_for_requests(service, expected: int) -> None:
    seen = service.wait_for_logged(DETECT, expected)
    assert seen >= expected, f"{seen} detect requests, expected {expected}"


def observed_plan_prices(service, item_id: str) -> dict[str, str]:
    with sqlite3.connect(service.workdir / "yanbao.db") as db:
        rows = db.execute("SELECT offer, price FROM offer_observations WHERE site = 'amazon'"
                          " AND item_id = ?", (item_id,)).fetchall()
    return {offer: str(price) for offer, price in rows}


def open_variants(browser, pages, service):
    page = browser.context.new_page()
    before = detect_requests(service)
    page.goto(pages.add_fixture("amazon_variants"))
    panel = Panel(page)
    wait_for_decision(page, "panel")
    assert "$39.99" in panel.wait_for_text("Frigidaire EFR376-WHITE")
    wait_for_requests(service, before + 1)
    return page, panel


@pytest.fixture(autouse=True)
def panel_prefs_reset(browser):
    yield
    browser.set_settings(panel={"collapsed": False, "corner": "bottom-right"})


def test_a_variant_switch_by_push_state_updates_the_panel(browser, pages, service):
    page, panel = open_variants(browser, pages, service)
    panel.click(".bar button[title='Collapse or expand']")
    browser.wait_for_setting("panel", {"collapsed": True, "corner": "bottom-right"})
    before, passes = detect_requests(service), len(decisions(page))

    page.click("#pick-red")
    assert wait_for_decision(page, "panel", after=passes) == ["panel"], "one pass per change"
    text = panel.text()
    assert "Frigidaire EFR376-RED" in text and "EFR376-WHITE" not in text
    assert "$44.99" in text and "$39.99" not in text, "the plans are the new variant's"
    wait_for_requests(service, before + 1)
    assert detect_requests(service) == before + 1, "one request per product, not per mutation"
    assert observed_plan_prices(service, "B07MXZ1RED") == {
        "3-Year Protection Plan": "44.99", "4-Year Protection Plan": "59.99",
        "2-Year Accident Protection Plan by Asurion": "32.99"}
    assert page.locator("yanbao-panel").count() == 1
    assert panel.has_class("section.panel", "collapsed"), "the panel stays collapsed"
    page.close()


def test_a_sku_re_rendered_in_place_updates_the_panel(browser, pages, service):
    # Taobao, Tmall and JD keep the URL and re-render the price and the service options.
    page, panel = open_variants(browser, pages, service)
    before, passes = detect_requests(service), len(decisions(page))
    page.evaluate("""() => {
        const price = "#corePriceDisplay_desktop_feature_div .a-offscreen";
        const offscreen = document.querySelector(price);
        offscreen.textContent = "$239.87";
        document.querySelector("#mbb-offeringID-1 .a-color-price").textContent = "$36.99";
    }""")
    assert wait_for_decision(page, "panel", after=passes) == ["panel"]
    text = panel.text()
    assert "$36.99" in text and "$239.87" in text and "$39.99" not in text
    wait_for_requests(service, before + 1)
    assert detect_requests(service) == before + 1
    page.close()


def test_unrelated_changes_send_nothing(browser, pages, service):
    page, panel = open_variants(browser, pages, service)
    before, passes = detect_requests(service), len(decisions(page))
    page.evaluate("""() => {
        const bullets = document.querySelector("#feature-bullets ul");
        for (let i = 0; i < 20; i++) {
            const item = document.createElement("li");
            item.textContent = `note ${i}`;
            bullets.append(item);
        }
        history.replaceState({}, "", location.pathname + "?psc=1#reviews");
    }""")
    assert wait_for_decision(page, "keep", after=passes) == ["keep"]
    assert detect_requests(service) == before, "same item, title, price and offers: nothing sent"
    assert "Frigidaire EFR376-WHITE" in panel.text()
    page.close()


def test_push_state_to_a_search_page_removes_the_panel_and_sends_nothing(
        browser, pages, service):
    page, panel = open_variants(browser, pages, service)
    before, passes = detect_requests(service), len(decisions(page))

    page.click("#go-search")
    assert wait_for_decision(page, "none", after=passes) == ["none"]
    assert not panel.exists(), "the panel stayed on a search page"
    assert page.locator("yanbao-panel").count() == 0
    assert detect_requests(service) == before, "nothing is sent from a page that is no product page"
    tab_states = browser.worker.evaluate("() => chrome.storage.session.get(null)")
    assert tab_states and all(not s["isProduct"] for s in tab_states.values()), (
        "the popup must no longer describe the product the page left")

    page.go_back()  # popstate back to the product: the panel returns for it
    wait_for_decision(page, "panel", after=passes + 1)
    assert "Frigidaire EFR376-WHITE" in panel.text()
    wait_for_requests(service, before + 1)
    page.close()
