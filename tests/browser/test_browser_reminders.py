"""Expiry reminders in Chromium against the real service (issue 13): a coverage recorded today
whose manufacturer warranty ends in 20 days becomes, when the reminders alarm fires, a
notification whose id is the reminder's and the action badge's count; "done" on the coverage's
dashboard page clears both and the service has it acknowledged; snooze; an acknowledgement made
offline waits in the queue and arrives once (test_browser_reminders_offline.py, with the
badge-only path); the options page saves lead times and shows channels and the calendar feed.

The permission: Chromium asks the shopper in a prompt that headless Chromium cannot answer, so
these browsers load a copy of the extension with `notifications` granted at install
(testkit.chromium.extension_granted) — what the shopper's "Allow" gives."""

from __future__ import annotations

import http.server
import json
import threading
import urllib.error
import urllib.request
from datetime import timedelta

import pytest

from testkit.chromium import launch_browser
from testkit.reminders import (
    badge,
    due,
    notifications,
    open_coverage,
    poll,
    record,
    stored,
    today,
    wait_until,
)

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def granted(service, pages):
    """A browser whose shopper turned reminders on (notifications granted); registered."""
    with launch_browser(service, pages, granted=("notifications",)) as b:
        b.register()
        yield b


def test_due_reminder_is_a_notification_and_the_badge_then_done_clears_both(granted, service):
    token = granted.token()
    fridge = record(service, token, "海尔冰箱 BCD-470")
    washer = record(service, token, "小天鹅洗衣机")
    reminders = {r["coverage_id"]: r["id"] for r in due(service, token)}
    assert set(reminders) == {fridge, washer}

    poll(granted)
    assert notifications(granted) == set(reminders.values())
    assert badge(granted) == "2"
    poll(granted)  # the next run: nothing shown twice
    assert granted.storage("reminders")["shown"].keys() == set(reminders.values())

    page = open_coverage(granted, fridge)  # where the notification's click leads
    assert "海尔冰箱" in page.text_content(".coverage h2")
    page.click(f"li.reminder[data-id='{reminders[fridge]}'] .reminder-ack")
    page.wait_for_selector("#coverage-reminders li.empty")
    assert notifications(granted) == {reminders[washer]}
    assert badge(granted) == "1"
    assert stored(service, reminders[fridge]) == ("acked", None)
    assert [r["id"] for r in due(service, token)] == [reminders[washer]]

    poll(granted)  # acknowledged: never shown again
    assert notifications(granted) == {reminders[washer]}
    assert badge(granted) == "1"

    page.goto(granted.url(f"dashboard/dashboard.html#coverages?id={washer}"))
    page.click(f"li.reminder[data-id='{reminders[washer]}'] .reminder-snooze")
    page.wait_for_selector("#coverage-reminders li.empty")
    assert notifications(granted) == set()
    assert badge(granted) == ""
    assert stored(service, reminders[washer]) == ("snoozed",
                                                  (today() + timedelta(days=7)).isoformat())
    assert due(service, token) == []
    page.close()


def test_muting_a_coverage_takes_its_reminder_off_the_screen(granted, service):
    token = granted.token()
    tv = record(service, token, "海信电视 65E3F")
    [reminder] = [r["id"] for r in due(service, token) if r["coverage_id"] == tv]
    poll(granted)
    assert reminder in notifications(granted)
    page = open_coverage(granted, tv)
    page.check("input.reminders-muted")
    page.wait_for_selector("#coverage-reminders li.empty")
    assert reminder not in notifications(granted)
    assert service.call("GET", f"/api/v1/coverages/{tv}", token)["reminders_muted"] is True
    page.close()


def test_options_save_lead_times_quiet_hours_and_language(granted, service):
    token = granted.token()
    page = granted.context.new_page()
    page.goto(granted.url("options/options.html"))
    page.wait_for_selector("#reminders-permission:has-text('Notifications are on.')")
    assert not page.is_visible("#reminders-on")
    wait_until(lambda: page.input_value("#leadDays") == "30, 7, 0", "the account's lead days")
    assert page.input_value("#timeZone") == "Asia/Shanghai"

    page.fill("#leadDays", "14 3, 14")
    page.check("#quietOn")
    page.fill("#quietStart", "21:30")
    page.fill("#quietEnd", "07:00")
    page.fill("#timeZone", "Europe/London")
    page.select_option("#reminderLanguage", "en")
    page.click("#account button[type=submit]")
    page.wait_for_selector("#account-status.ok")
    assert service.call("GET", "/api/v1/account", token) | {"id": None} == {
        "id": None, "lead_days": [14, 3], "time_zone": "Europe/London",
        "quiet_hours": {"start": "21:30", "end": "07:00"}, "language": "en"}
    assert page.input_value("#leadDays") == "14, 3"

    page.fill("#leadDays", "30, soon")
    page.click("#account button[type=submit]")
    page.wait_for_selector("#account-status.error")
    assert "30, 7, 0" in page.text_content("#account-status")
    page.fill("#leadDays", "400")
    page.click("#account button[type=submit]")
    page.wait_for_selector("#account-status.error:has-text('lead_days.0')")
    page.fill("#leadDays", "30")
    page.fill("#timeZone", "Mars/Olympus")
    page.click("#account button[type=submit]")
    page.wait_for_selector("#account-status.error:has-text('IANA')")
    assert service.call("GET", "/api/v1/account", token)["lead_days"] == [14, 3], "unchanged"
    page.close()


class Sink:
    """A loopback HTTP server that counts what is posted to it (Apprise's json:// target)."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_options_manage_channels_with_a_test_send(granted, service):
    token = granted.token()
    sink = Sink()
    secret = f"json://127.0.0.1:{sink.port}/hook-s3cr3t-path"
    page = granted.context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        page.goto(granted.url("options/options.html"))
        page.wait_for_selector("#channel-list li.empty")
        page.fill("#channel-name", "Home webhook")
        page.fill("#channel-url", secret)
        page.click("#channel-form button[type=submit]")
        page.wait_for_selector("#channel-list li[data-id]")
        assert page.input_value("#channel-url") == "", "the secret leaves the page once saved"
        row = page.text_content("#channel-list li[data-id]")
        assert "Home webhook" in row
        assert "s3cr3t" not in row and "s3cr3t" not in page.content(), "shown masked"
        [channel] = service.call("GET", "/api/v1/channels", token)["items"]

        page.click("#channel-list li[data-id] .channel-test")
        page.wait_for_selector("#channel-list li[data-id] .ok")
        wait_until(lambda: len(sink.received) == 1, "the test message at the sink")

        page.fill("#channel-url", "not a url")
        page.click("#channel-form button[type=submit]")
        page.wait_for_selector("#channel-status.error")

        page.click("#channel-list li[data-id] .channel-delete")
        page.wait_for_selector("#channel-list li.empty")
        assert service.call("GET", "/api/v1/channels", token)["items"] == []
        assert channel["id"]
    finally:
        page.close()
        sink.close()


def test_options_show_copy_and_renew_the_calendar_feed(granted, service):
    page = granted.context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(granted.url("options/options.html"))
    old = wait_until(lambda: page.input_value("#calendar-url"), "the feed's address")
    assert old.startswith(f"{service.url}/calendar/") and old.endswith(".ics")
    with urllib.request.urlopen(old, timeout=10) as feed:
        assert feed.read().startswith(b"BEGIN:VCALENDAR")

    page.click("#calendar-copy")
    page.wait_for_selector("#calendar-status:not(:empty)")  # copied, or selected for Ctrl+C

    page.click("#calendar-rotate")
    page.wait_for_selector("#calendar-status:has-text('New link made')")
    new = page.input_value("#calendar-url")
    assert new != old and new.startswith(f"{service.url}/calendar/")
    with urllib.request.urlopen(new, timeout=10) as feed:
        assert feed.status == 200
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(old, timeout=10)
    gone.value.close()  # it holds the connection: left to the collector, it warns in another test
    assert gone.value.code == 404
    page.close()
