"""The content script runs where the site files say (extension/sites/<id>.js), on the real host
names: every sample product URL a shop's file accepts gets a pass that sends the page to the
service, and every URL it rejects on a host the content script covers gets a pass that sends
nothing. The pages are stand-ins; what is checked is the manifest's patterns and the URL
detector together in a real Chromium."""

from __future__ import annotations

import re

import pytest

from testkit.decisions import wait_for_decision
from testkit.shops import extension_sites

pytestmark = pytest.mark.browser

STAND_IN = "<!doctype html><html><head><title>stand-in</title></head><body><p>stand-in</p></body>"


def sample_urls(kind: str) -> list[str]:
    return [url for shop in extension_sites().values() for url in shop[kind]]


def covered(url: str) -> bool:
    """Whether any site file's match pattern reaches the URL (its patterns only use '*')."""
    patterns = [p for shop in extension_sites().values() for p in shop["matches"]]
    return any(re.fullmatch(".*".join(map(re.escape, p.split("*"))), url) for p in patterns)


@pytest.fixture(scope="module")
def tab(browser):
    page = browser.context.new_page()
    yield page
    page.close()


@pytest.mark.parametrize("url", sample_urls("accepts"))
def test_every_accepted_product_url_is_sent(tab, pages, url):
    tab.goto(pages.add(url, STAND_IN))
    # The service reads the stand-in as no product, or as a product without offers: either way
    # the content script ran here and sent it.
    assert wait_for_decision(tab, "not-product", "panel")[-1] in ("not-product", "panel")


@pytest.mark.parametrize("url", [u for u in sample_urls("rejects") if covered(u)])
def test_every_rejected_url_on_a_covered_host_sends_nothing(tab, pages, url):
    tab.goto(pages.add(url, STAND_IN))
    assert wait_for_decision(tab, "none") == ["none"]
