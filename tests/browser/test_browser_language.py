"""With the language left on "auto", the extension speaks the browser's language (a Chinese
Chromium gets Simplified Chinese) until the shopper picks one in Options."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from testkit.chromium import launch_browser

pytestmark = pytest.mark.browser


def test_the_language_follows_a_chinese_browser_until_chosen(service, pages):
    with launch_browser(service, pages, lang="auto", ui_locale="zh-CN") as chinese:
        page = chinese.context.new_page()
        page.goto(chinese.url("options/options.html"))
        expect(page.locator("h1")).to_have_text("延保助手设置")
        assert page.input_value("#language") == "auto"
        page.select_option("#language", "en")
        page.click("#settings button[type=submit]")
        expect(page.locator("h1")).to_have_text("Yanbao options")  # reloaded in English
