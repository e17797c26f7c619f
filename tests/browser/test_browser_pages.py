"""The extension's own pages against the real service: popup, dashboard and options in both
languages, the dashboard's timeline, edit, delete, export and the offline list, and page text
that looks like markup staying text."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

XSS_TITLE = '<img src=x onerror="document.title=\'pwned\'">Smart kettle'


def coverage(title: str, purchase_date: str = "2026-01-15") -> dict:
    return {
        "product": {"title": title, "site": "jd", "item_id": "100007300763", "price": "2999.00",
                    "currency": "CNY", "url": "https://item.jd.com/100007300763.html"},
        "purchase_date": purchase_date,
        "order_ref": "JD-ORDER-1",
        "layers": [
            {"kind": "manufacturer", "term_months": 12, "starts": "purchase"},
            {"kind": "card", "term_months": 12, "starts": "after_manufacturer"},
            {"kind": "plan", "plan_kind": "extended", "name": "延长保修2年", "term_months": 24,
             "starts": "after_manufacturer", "price": "169.00", "currency": "CNY"},
        ],
    }


@pytest.fixture(scope="module")
def seeded(browser, service):
    """Two coverages in the browser's own account, one titled like an HTML injection."""
    token = browser.token()
    tv = service.call("POST", "/api/v1/coverages", token, coverage("海信 60E3F 电视"))
    kettle = service.call("POST", "/api/v1/coverages", token, coverage(XSS_TITLE, "2025-06-01"))
    return {"token": token, "tv": tv, "kettle": kettle}


def open_page(browser, path: str, lang: str):
    browser.set_settings(language=lang)
    page = browser.context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(browser.url(path))
    page.wait_for_load_state("networkidle")
    page.errors = errors
    return page


@pytest.mark.parametrize(("lang", "heading", "section"), [
    ("en", "Your coverage", "Coverages"), ("zh_CN", "我的保障", "保障")])
def test_dashboard_draws_every_coverage_on_its_timeline(browser, seeded, lang, heading, section):
    page = open_page(browser, "dashboard/dashboard.html", lang)
    page.wait_for_selector("article.coverage")
    assert page.inner_text("h1") == heading
    assert page.inner_text("#sections button[aria-current=page]") == section
    assert page.locator("article.coverage").count() == 2
    tv = page.locator(f"article[data-id='{seeded['tv']['id']}']")
    # Manufacturer, card and plan each get a lane with a segment, plus the gaps/overlaps lane.
    assert tv.locator(".seg").count() == 3
    assert tv.locator(".lane").count() == 4
    assert tv.locator(".seg.k-plan").get_attribute("title").startswith(
        "Plan" if lang == "en" else "延保服务")
    assert page.errors == []
    page.close()


def test_markup_in_a_title_is_shown_as_text(browser, seeded):
    page = open_page(browser, "dashboard/dashboard.html", "en")
    card = page.locator(f"article[data-id='{seeded['kettle']['id']}']")
    card.wait_for()
    assert card.locator("h2").inner_text() == XSS_TITLE
    assert card.locator("img").count() == 0
    assert page.title() != "pwned"
    page.close()


def test_search_filters_and_edit_and_delete_go_through_the_service(browser, seeded, service):
    page = open_page(browser, "dashboard/dashboard.html", "en")
    page.wait_for_selector("article.coverage")
    page.fill("input[name=q]", "60E3F")
    expect(page.locator("article.coverage")).to_have_count(1)
    tv = page.locator("article.coverage")
    tv.locator(".edit-btn").click()
    tv.locator("input[name=order_ref]").fill("JD-EDITED-42")
    tv.locator("button[type=submit]").click()
    page.wait_for_selector("text=Order: JD-EDITED-42")
    stored = service.call("GET", f"/api/v1/coverages/{seeded['tv']['id']}", seeded["token"])
    assert stored["order_ref"] == "JD-EDITED-42"

    page.select_option("select[name=status]", "ended")
    page.fill("input[name=q]", "")
    page.wait_for_selector("p.empty")
    page.select_option("select[name=status]", "")
    expect(page.locator("article.coverage")).to_have_count(2)

    extra = service.call("POST", "/api/v1/coverages", seeded["token"], coverage("To delete"))
    page.reload()
    expect(page.locator("article.coverage")).to_have_count(3)
    page.once("dialog", lambda d: d.accept())
    page.locator(f"article[data-id='{extra['id']}'] .delete-btn").click()
    expect(page.locator("article.coverage")).to_have_count(2)
    ids = {c["id"] for c in service.call("GET", "/api/v1/coverages", seeded["token"])["items"]}
    assert extra["id"] not in ids
    page.close()


def test_export_and_import_go_through_the_service(browser, seeded, service, tmp_path):
    page = open_page(browser, "dashboard/dashboard.html#transfer", "en")
    with page.expect_download() as download:
        page.click("#export-json")
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    titles = {c["product"]["title"] for c in exported["coverages"]}
    assert {"海信 60E3F 电视", XSS_TITLE} <= titles
    # The same file back: every coverage is replaced in place, none added.
    before = len(service.call("GET", "/api/v1/coverages", seeded["token"])["items"])
    upload = tmp_path / "yanbao-coverages.json"
    upload.write_text(json.dumps(exported), encoding="utf-8")
    page.set_input_files("#import-file", str(upload))
    expect(page.locator("#transfer-status")).to_have_text(
        f"Imported 0 new coverage(s); replaced {len(exported['coverages'])}.")
    assert len(service.call("GET", "/api/v1/coverages", seeded["token"])["items"]) == before
    with page.expect_download() as csv_download:
        page.click("#export-csv")
    csv_bytes = Path(csv_download.value.path()).read_bytes()
    assert csv_bytes.startswith("\ufeff".encode()), "Excel needs the byte order mark"
    assert "海信 60E3F 电视" in csv_bytes.decode("utf-8-sig")
    page.close()


@pytest.mark.parametrize(("lang", "this_tab", "nothing_sent"), [
    ("en", "This tab", "Nothing from this page was sent."),
    ("zh_CN", "当前标签页", "未发送此页面的任何内容")])
def test_popup_lists_coverages_ending_soonest(browser, seeded, lang, this_tab, nothing_sent):
    page = open_page(browser, "popup/popup.html", lang)
    page.wait_for_selector("#ending-list li")
    assert page.inner_text("#tab h2") == this_tab
    assert nothing_sent in page.inner_text("#tab-body")
    items = page.locator("#ending-list li").all_inner_texts()
    assert items and any("海信 60E3F 电视" in i for i in items)
    assert page.errors == []
    page.close()


@pytest.mark.parametrize(("lang", "title", "label"), [
    ("en", "Yanbao options", "Service URL"), ("zh_CN", "延保助手设置", "服务地址")])
def test_options_show_and_save_settings(browser, service, lang, title, label):
    page = open_page(browser, "options/options.html", lang)
    assert page.inner_text("h1") == title
    assert page.inner_text("label[for=serviceUrl]") == label
    assert page.input_value("#serviceUrl") == service.url
    page.fill("#cardExtensionMonths", "24")
    page.fill("#disabledHosts", "item.jd.com\nwww.amazon.com")
    page.click("#settings button[type=submit]")
    page.wait_for_selector("#save-status.ok")
    settings = browser.storage("settings")
    assert settings["cardExtensionMonths"] == 24
    assert settings["disabledHosts"] == ["item.jd.com", "www.amazon.com"]
    page.fill("#serviceUrl", "ftp://127.0.0.1/")
    page.click("#settings button[type=submit]")
    page.wait_for_selector("#save-status.error")
    assert browser.storage("settings")["serviceUrl"] == service.url
    browser.set_settings(cardExtensionMonths=0, disabledHosts=[])
    page.close()


def test_pairing_code_joins_another_device_to_the_account(browser, service, seeded):
    page = open_page(browser, "options/options.html", "en")
    page.click("#pair-code")
    expect(page.locator("#pair-code-shown")).to_have_text(re.compile(r"^[A-Za-z0-9-]{4,}$"))
    code = page.inner_text("#pair-code-shown")
    account = browser.storage("auth")["accountId"]
    # A second device joins with the code and sees the same coverages.
    req = urllib.request.Request(f"{service.url}/api/v1/devices", method="POST",
                                 data=json.dumps({"name": "phone", "pairing_code": code}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        joined = json.load(r)
    assert joined["account_id"] == account
    ids = {c["id"] for c in service.call("GET", "/api/v1/coverages", joined["token"])["items"]}
    assert seeded["tv"]["id"] in ids
    page.close()


def test_welcome_page_says_what_is_read_and_sent(browser):
    assert browser.first_run_url == browser.url("welcome/welcome.html")
    page = open_page(browser, "welcome/welcome.html", "zh_CN")
    text = page.inner_text("body")
    assert "非商品页不会发送任何内容" in text
    assert "已在" in page.inner_text("#registration")
    page.close()
    browser.set_settings(language="en")

