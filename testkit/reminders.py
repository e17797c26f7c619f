"""Helpers for the reminder tests in Chromium: coverages recorded through the real service,
the reminders job's alarm fired through chrome.alarms, and what the worker shows (notifications,
the badge) and the service stores."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from testkit.chromium import Browser
from testkit.service import Service

SHANGHAI = ZoneInfo("Asia/Shanghai")  # the account's default time zone


def today():
    return datetime.now(SHANGHAI).date()


def record(service: Service, token: str, title: str, ends_in: int = 20) -> str:
    """A coverage recorded today whose manufacturer warranty ends `ends_in` days from today."""
    body = {"product": {"title": title}, "purchase_date": today().isoformat(),
            "layers": [{"kind": "manufacturer",
                        "end_date": (today() + timedelta(days=ends_in)).isoformat()}]}
    return service.call("POST", "/api/v1/coverages", token, body)["id"]


def due(service: Service, token: str) -> list[dict]:
    return service.call("GET", "/api/v1/reminders?state=due", token)["items"]


def stored(service: Service, reminder_id: str) -> tuple[str, str | None]:
    """The reminder's state and snoozed day, read from the service's own database."""
    with sqlite3.connect(service.workdir / "yanbao.db") as db:
        return db.execute("SELECT state, snoozed_until FROM reminders WHERE public_id = ?",
                          (reminder_id,)).fetchone()


def wait_until(check, what: str, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return value


def fire(browser: Browser, job: str, period: float) -> None:
    """Fires a job's alarm now, through chrome.alarms and the worker's own onAlarm listener (an
    unpacked extension's alarms have no minimum delay), keeping its period."""
    browser.worker.evaluate("([name, period]) => chrome.alarms.create(name, "
                            "{ when: Date.now(), periodInMinutes: period })", [job, period])


def poll(browser: Browser) -> dict:
    """Fires the reminders alarm and waits for the job to have finished a poll."""
    before = (browser.storage("reminders") or {}).get("polledAt")
    fire(browser, "reminders", 30)
    return wait_until(lambda: (s := browser.storage("reminders")) and s.get("polledAt") != before
                      and s, "the reminders job to run")


def notifications(browser: Browser) -> set[str]:
    return set(browser.worker.evaluate("chrome.notifications.getAll()"))


def badge(browser: Browser) -> str:
    return browser.worker.evaluate("chrome.action.getBadgeText({})")


def open_coverage(browser: Browser, coverage_id: str):
    page = browser.context.new_page()
    page.goto(browser.url(f"dashboard/dashboard.html#coverages?id={coverage_id}"))
    page.wait_for_selector("#coverage-reminders li.reminder")
    return page
