"""Nothing appears and nothing is sent on pages that are not product pages, on shops the shopper
has not enabled, or on sites where the panel is turned off: counted in Chromium's own net log,
with a product page at the end as the control that the counting sees requests at all."""

from __future__ import annotations

import json
import re

import pytest

from testkit.chromium import EXTENSION, launch_browser
from testkit.decisions import wait_for_decision
from testkit.netlog import net_log_urls
from testkit.panel import Panel

pytestmark = pytest.mark.browser

# Each page, and what the content script decides there; None where the manifest does not put
# the content script on the page at all (checked below), so nothing there could send anything.
QUIET_PAGES = [
    ("jd/search_fridge", None),                    # search.jd.com
    ("jd/shop_home", None),                        # mall.jd.com
    ("taobao/search_fridge", None),                # s.taobao.com
    ("tmall/shop_home", None),                     # a brand's Tmall shop
    ("amazon/search_refrigerator", "none"),        # the URL detector says no
    ("bestbuy/category_refrigerators", "none"),    # the URL detector says no
    ("schema_org/article_warranty_guide", None),   # an ordinary site
    ("schema_org/jsonld_air_fryer", None),         # a schema.org product on a shop not enabled
    ("taobao/rendered_microwave", "off"),          # a product page on a site turned off
]


def content_script_runs_on(url: str) -> bool:
    """Whether a manifest match pattern covers the URL (its patterns only use '*')."""
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    patterns = [p for c in manifest["content_scripts"] for p in c["matches"]]
    return any(re.fullmatch(".*".join(map(re.escape, p.split("*"))), url) for p in patterns)


def test_no_panel_and_no_request_on_pages_that_are_not_product_pages(service, pages):
    quiet = [(pages.add_fixture(name), decision) for name, decision in QUIET_PAGES]
    control = pages.add_fixture("jd/rendered_hisense_tv")
    with launch_browser(service, pages) as browser:
        browser.register()
        browser.set_settings(serviceUrl=service.url, disabledHosts=["item.taobao.com"])
        for url, decision in quiet:
            assert content_script_runs_on(url) == (decision is not None), url
            tab = browser.context.new_page()
            tab.goto(url, wait_until="load")
            if decision:
                assert wait_for_decision(tab, decision) == [decision], url
            assert tab.locator("yanbao-panel").count() == 0, url
            assert not Panel(tab).exists(), url
            tab.close()

        product = browser.context.new_page()
        product.goto(control)
        wait_for_decision(product, "panel")
        log = browser.net_log
    sent = [u for u in net_log_urls(log) if u.startswith(service.url)]
    after_registration = [u for u in sent if not u.endswith("/api/v1/devices")]
    assert len(sent) > len(after_registration), "the net log should show the registration"
    assert after_registration[:1] == [f"{service.url}/api/v1/pages/detect"], after_registration
    assert after_registration.count(f"{service.url}/api/v1/pages/detect") == 1, after_registration
    quiet_hosts = {u.split("/")[2] for u, _ in quiet}
    assert {u.split("/")[2] for u in net_log_urls(log) if u.startswith("https://")} >= quiet_hosts
