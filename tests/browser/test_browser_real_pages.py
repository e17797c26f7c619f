"""The panel on every real saved product page of a supported site (tests/data/real), served under
its real host name: with the page's own title, price and offers in it as its labels say, and a
comparison or a sentence saying why none can be made. (Nothing sent from the real pages that are
not product pages: test_browser_real_quiet.py.)"""

from __future__ import annotations

import re

import pytest

from scrapers.text import clean_space, match_form
from testkit.decisions import wait_for_decision
from testkit.panel import Panel
from testkit.real_pages import product_pages, serve

pytestmark = pytest.mark.browser

# Every outcome a pass can end in but "keep" (see extension/content/content.js).
ENDS = ("panel", "not-product", "error", "none", "off", "moved")
# Why nothing was compared (extension/lib/comparison.js): the service's code in the extension's
# words, or (an older service) what the product says.
REASONS = {"no-price", "not-eligible", "no-model", "bad-input", "other", "no-plans-for-currency"}


def letters(text: str) -> str:
    return "".join(ch for ch in match_form(clean_space(text)) if ch.isalnum())


def amounts(texts: list[str]) -> list[str]:
    """The money amounts in texts as the English panel formats them ("$1,234.99" → "1234.99")."""
    return sorted(m.replace(",", "") for t in texts for m in re.findall(r"\d[\d,]*\.\d\d", t))


def expected_reason(labels: dict) -> str | None:
    """The reason the labels alone decide; whether plans exist in a currency is the catalog's."""
    if labels["category"] == "not_eligible" and not labels["offers"]:
        return "not-eligible"
    return None if labels["price"] else "no-price"


@pytest.fixture(scope="module")
def tab(browser):
    page = browser.context.new_page()
    yield page
    page.close()


@pytest.mark.parametrize("case", product_pages(), ids=lambda c: f"{c.site}/{c.name}")
def test_the_panel_shows_on_every_real_product_page(tab, pages, case):
    labels = case.labels
    tab.goto(serve(pages, case), wait_until="domcontentloaded")
    outcomes = wait_for_decision(tab, *ENDS)
    panel = Panel(tab)
    assert outcomes[-1] == "panel", f"the content script decided {outcomes}: {panel.text()!r}"
    product = panel.texts(".product")
    assert letters(labels["title"]) in letters(" ".join(product)), product
    offers = panel.texts('tr.plan[data-origin="offer"] td.price')
    want = sorted(offer.split(":")[1] for offer in labels["offers"])
    assert amounts(offers) == want, f"the page sells {labels['offers']}; the panel shows {offers}"
    if labels["price"]:
        assert labels["price"] in amounts(product), product
    compared = panel.texts('tr.plan[data-origin="catalog"]')
    reason = panel.attribute_or_none(".reason", "data-reason")
    # No alternative compared: the service's note says why (no plans for this kind of product in
    # the market, or each catalog plan's reason for being left out).
    note = panel.texts(".alternatives-note")
    assert compared or reason in REASONS or note, "no comparison and no reason: the panel is silent"
    if expected_reason(labels):
        assert reason == expected_reason(labels)
