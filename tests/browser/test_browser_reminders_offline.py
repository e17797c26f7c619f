"""Reminders while the service is down, and without the notifications permission: an
acknowledgement made offline waits in the extension's queue and reaches the service exactly once
when it is back; a browser that never granted notifications still counts due reminders on the
action badge. Each test runs its own Chromium (one Playwright at a time)."""

from __future__ import annotations

import pytest

from testkit.chromium import launch_browser
from testkit.reminders import badge, due, notifications, open_coverage, poll, record, stored
from testkit.service import running_service

pytestmark = pytest.mark.browser


def test_done_while_offline_waits_in_the_queue_and_arrives_once(pages):
    with running_service("yanbao-remind-offline-") as own, \
            launch_browser(own, pages, granted=("notifications",)) as browser:
        token = browser.register()
        coverage = record(own, token, "美的空调 KFR-35")
        [reminder] = [r["id"] for r in due(own, token)]
        poll(browser)
        assert notifications(browser) == {reminder}
        page = open_coverage(browser, coverage)

        own.stop()
        page.click(".reminder-ack")
        page.wait_for_selector("text=Saved here; it reaches the service when it can be reached.")
        assert notifications(browser) == set()
        assert badge(browser) == ""
        [entry] = browser.storage("queue")
        assert (entry["kind"], entry["body"]["id"], entry["state"]) == ("reminder.ack", reminder,
                                                                        "pending")
        state = poll(browser)
        assert (state["reachable"], state["due"]) == (False, [])  # the count known here stays
        assert badge(browser) == ""

        own.start()
        page.goto(browser.url("dashboard/dashboard.html#pending"))
        page.wait_for_selector("text=Reminder done:")
        page.click("#send-now")
        page.wait_for_selector("text=1 sent, 0 still waiting.")
        assert browser.storage("queue") == []
        assert stored(own, reminder) == ("acked", None)
        page.click("#send-now")
        page.wait_for_selector("text=0 sent, 0 still waiting.")
        assert own.requests_logged(f'"POST /api/v1/reminders/{reminder}/ack') == 1

        poll(browser)
        assert notifications(browser) == set()
        assert badge(browser) == ""


def test_without_the_permission_the_badge_still_counts(service, pages):
    """The extension as installed: notifications never granted."""
    with launch_browser(service, pages) as browser:
        token = browser.register()
        record(service, token, "格力空调 KFR-26")
        assert browser.worker.evaluate("typeof chrome.notifications") == "undefined"
        state = poll(browser)
        assert len(state["due"]) == 1
        assert state["shown"] == {}
        assert badge(browser) == "1"

        page = browser.context.new_page()
        page.goto(browser.url("options/options.html"))
        page.wait_for_selector("#reminders-permission:not(:empty)")
        assert page.text_content("#reminders-permission").startswith("Notifications are off")
        assert page.is_visible("#reminders-on")
