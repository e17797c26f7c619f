"""Nothing is sent to the service from the real saved pages that are not product pages
(tests/data/real: searches, listings, home pages, a robot check), counted in Chromium's own net
log, with a real product page at the end as the control that the counting sees a request."""

from __future__ import annotations

import pytest

from testkit.chromium import launch_browser
from testkit.decisions import wait_for_decision
from testkit.netlog import net_log_urls
from testkit.panel import Panel
from testkit.real_pages import other_pages, product_pages, serve
from testkit.shops import content_script_runs_on

pytestmark = pytest.mark.browser

ENDS = ("panel", "not-product", "error", "none", "off", "moved")


def test_nothing_is_sent_from_the_real_pages_that_are_not_product_pages(service, pages):
    quiet = [serve(pages, case) for case in other_pages()]
    control = product_pages()[0]
    with launch_browser(service, pages) as browser:
        browser.register()
        for url in quiet:
            tab = browser.context.new_page()
            tab.goto(url, wait_until="domcontentloaded")
            if content_script_runs_on(url):
                assert wait_for_decision(tab, *ENDS) == ["none"], url
            assert not Panel(tab).exists(), url
            tab.close()
        tab = browser.context.new_page()
        tab.goto(serve(pages, control))
        assert wait_for_decision(tab, *ENDS)[-1] == "panel"
        log = browser.net_log
    sent = [u for u in net_log_urls(log) if u.startswith(service.url)]
    # Registration, then the control page alone: its snapshot (and its plans' price history).
    after_registration = [u for u in sent if not u.endswith("/api/v1/devices")]
    assert len(sent) > len(after_registration), "the net log should show the registration"
    assert [u for u in after_registration if "/offers/history" not in u] == [
        f"{service.url}/api/v1/pages/detect"], after_registration
    hosts = {u.split("/")[2] for u in net_log_urls(log) if u.startswith("https://")}
    assert hosts >= {u.split("/")[2] for u in quiet}, "the net log should show every page"
