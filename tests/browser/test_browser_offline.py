""""I bought this" while the service is down: the entry waits in extension storage with its
Idempotency-Key, and once the service is back it arrives exactly once, even when sent again."""

from __future__ import annotations

import urllib.error

import pytest

from testkit.chromium import launch_browser
from testkit.panel import Panel
from testkit.service import Service, running_service

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_service():
    """A service of this module's own: the test stops and restarts it."""
    with running_service("yanbao-offline-") as svc:
        yield svc


def posts_of_coverages(service: Service) -> int:
    return service.requests_logged('"POST /api/v1/coverages"')


def test_bought_while_offline_arrives_exactly_once(own_service, pages):
    url = pages.add_fixture("jd/rendered_hisense_tv")
    with launch_browser(own_service, pages) as browser:
        token = browser.register()
        page = browser.context.new_page()
        page.goto(url)
        panel = Panel(page)
        panel.wait_for_text("延长保修2年")

        own_service.stop()
        panel.click("button.primary")
        panel.click("form.buy input[name=plan][value='0']")
        panel.fill("form.buy input[name=orderRef]", "JD-OFFLINE-7")
        panel.click("form.buy button[type=submit]")
        panel.wait_for_text("saved in the extension")
        queue = browser.storage("queue")
        assert len(queue) == 1 and queue[0]["state"] == "pending"
        key = queue[0]["id"]

        own_service.start()
        dashboard = browser.context.new_page()
        dashboard.goto(browser.url("dashboard/dashboard.html#pending"))
        dashboard.click("#send-now")
        dashboard.wait_for_selector("text=1 sent, 0 still waiting.")
        assert browser.storage("queue") == []
        dashboard.click("#send-now")  # again: nothing left to send
        dashboard.wait_for_selector("text=0 sent, 0 still waiting.")

        items = own_service.call("GET", "/api/v1/coverages", token)["items"]
        assert [c["order_ref"] for c in items] == ["JD-OFFLINE-7"]
        assert [layer["kind"] for layer in items[0]["layers"]][-1] == "plan"
        assert posts_of_coverages(own_service) == 1
        # The key is the queue entry's: another purchase sent under it is refused by name, so
        # a retry can never be mistaken for a new purchase or overwrite the first.
        body = {"product": {"title": "x"}, "purchase_date": "2026-01-01"}
        with pytest.raises(urllib.error.HTTPError) as refused:
            own_service.call("POST", "/api/v1/coverages", token, body,
                             headers={"Idempotency-Key": key})
        with refused.value as answer:  # closed here, not by the collector in another test
            assert answer.code == 422 and key in answer.read().decode()
        assert len(own_service.call("GET", "/api/v1/coverages", token)["items"]) == 1
