"""Nothing appears and nothing is sent on pages that are not product pages, on shops the shopper
has not enabled, or on sites where the panel is turned off: counted in Chromium's own net log,
with a product page at the end as the control that the counting sees requests at all."""

from __future__ import annotations

import time

import pytest

from testkit.chromium import launch_browser
from testkit.netlog import net_log_urls
from testkit.panel import Panel

pytestmark = pytest.mark.browser

QUIET_PAGES = [
    "jd/search_fridge",                   # search.jd.com: no content script at all
    "jd/shop_home",                       # mall.jd.com
    "taobao/search_fridge",               # s.taobao.com
    "tmall/shop_home",                    # a brand's Tmall shop
    "amazon/search_refrigerator",         # content script runs, the URL detector says no
    "bestbuy/category_refrigerators",     # content script runs, the URL detector says no
    "schema_org/article_warranty_guide",  # an ordinary site
    "schema_org/jsonld_air_fryer",        # a schema.org product on a shop not enabled
    "taobao/rendered_microwave",          # a product page on a site turned off in Options
]


def test_no_panel_and_no_request_on_pages_that_are_not_product_pages(service, pages):
    urls = [pages.add_fixture(name) for name in QUIET_PAGES]
    control = pages.add_fixture("jd/rendered_hisense_tv")
    with launch_browser(service, pages) as browser:
        browser.register()
        browser.set_settings(serviceUrl=service.url, disabledHosts=["item.taobao.com"])
        tabs = []
        for url in urls:
            tab = browser.context.new_page()
            tab.goto(url, wait_until="load")
            tabs.append(tab)
        time.sleep(1.5)  # longer than the content script takes to send on a product page
        for url, tab in zip(urls, tabs, strict=True):
            assert tab.locator("yanbao-panel").count() == 0, url
            assert not Panel(tab).exists(), url
            tab.close()

        product = browser.context.new_page()
        product.goto(control)
        product.locator("yanbao-panel").wait_for(state="attached")
        log = browser.net_log
    sent = [u for u in net_log_urls(log) if u.startswith(service.url)]
    after_registration = [u for u in sent if not u.endswith("/api/v1/devices")]
    assert len(sent) > len(after_registration), "the net log should show the registration"
    assert after_registration[:1] == [f"{service.url}/api/v1/pages/detect"], after_registration
    assert after_registration.count(f"{service.url}/api/v1/pages/detect") == 1, after_registration
    quiet_hosts = {u.split("/")[2] for u in urls}
    assert {u.split("/")[2] for u in net_log_urls(log) if u.startswith("https://")} >= quiet_hosts
