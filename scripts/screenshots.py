"""Screenshots of the panel, the popup and the dashboard in English and Simplified Chinese, into
docs/screenshots/, taken in Chromium with the unpacked extension against the real service and a
saved JD product page (the testkit package, shared with the browser tests, sets it all up)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from testkit import ROOT
from testkit.chromium import CHROMIUM, launch_browser
from testkit.images import png
from testkit.pages import PageServer
from testkit.panel import Panel
from testkit.service import Service

OUT = ROOT / "docs" / "screenshots"
PRODUCT = "jd/rendered_hisense_tv"
# A US comparison beside the CN one: a Best Buy TV page that sells its own plans.
US_PRODUCT, US_PLAN = "bestbuy/product_tv", "5-Year Protection"
SEED = [
    ("海信 60E3F 60英寸 4K 电视", "2025-03-08", [
        {"kind": "manufacturer", "term_months": 12},
        {"kind": "manufacturer", "component": "main parts", "term_months": 36},
        {"kind": "plan", "plan_kind": "extended", "name": "延长保修2年", "term_months": 24,
         "starts": "after_manufacturer", "price": "169.00", "currency": "CNY"}]),
    ("Haier 10 kg washer EG10014B39GU1", "2024-12-20", [
        {"kind": "manufacturer", "term_months": 36},
        {"kind": "card", "term_months": 12, "starts": "after_manufacturer"},
        {"kind": "plan", "plan_kind": "accidental_damage", "name": "Accident cover",
         "term_months": 12, "price": "99.00", "currency": "CNY"}]),
    ("Frigidaire retro bar fridge", "2025-10-02", [
        {"kind": "manufacturer", "term_months": 12},
        {"kind": "plan", "plan_kind": "extended", "name": "3-Year Protection Plan",
         "term_months": 36, "starts": "on_date", "start_date": "2026-12-01",
         "price": "39.99", "currency": "USD"}]),
]


def seed(service: Service, token: str) -> None:
    for title, bought, layers in SEED:
        service.call("POST", "/api/v1/coverages", token, {
            "product": {"title": title, "site": "jd"}, "purchase_date": bought, "layers": layers})


# Text that shows the plan's arithmetic is open, per language.
ARITHMETIC_SHOWN = {"en": "modelled chance", "zh_CN": "模型估计为"}


def shoot_panel(browser, url: str, path: Path, lang: str, plan: str = "延长保修2年") -> None:
    page = browser.context.new_page()
    page.set_viewport_size({"width": 1280, "height": 860})
    page.goto(url)
    panel = Panel(page)
    panel.wait_for_text(plan)
    panel.click("tr.plan button.link")
    panel.wait_for_text(ARITHMETIC_SHOWN[lang])
    page.screenshot(path=str(path))
    page.close()


def shoot_page(browser, path_in_extension: str, size: dict, path: Path, ready: str) -> None:
    page = browser.context.new_page()
    page.set_viewport_size(size)
    page.goto(browser.url(path_in_extension))
    page.wait_for_selector(ready)
    page.wait_for_timeout(200)
    page.screenshot(path=str(path), full_page=True)
    page.close()


# A refund case mid-way (asked, the provider negotiating) on a Taobao plan bought 100 days ago, so
# the expected refund is prorated; and a repair claim whose 24-hour callback is three days late.
def seed_refund(service: Service, token: str) -> dict:
    today = datetime.now(UTC).date()
    record = service.call("POST", "/api/v1/coverages", token, {
        "product": {"title": "美的 1.5匹 变频空调 KFR-35GW", "site": "taobao", "price": "2399.00",
                    "currency": "CNY"},
        "purchase_date": (today - timedelta(days=100)).isoformat(), "order_ref": "3958 2711 0264",
        "layers": [
            {"kind": "manufacturer", "term_months": 12},
            {"kind": "plan", "plan_kind": "extended", "provider": "第三方延保服务商",
             "name": "家电延保 3年", "term_months": 36, "starts": "after_manufacturer",
             "price": "199.00", "currency": "CNY",
             "cancellation": {"full_refund_days": 7, "after": "prorated", "fee": "10.00"}}]})
    case = service.call("POST", f"/api/v1/coverages/{record['id']}/refund-cases", token,
                        {"route": "plan_only"})
    path = f"/api/v1/refund-cases/{case['id']}/transitions"
    asked = case["expected_refund"]["amount"]
    service.call("POST", path, token, {"to": "requested", "amount": asked,
                                       "note": "支付宝 → 交易记录 → 退款"})
    service.call("POST", path, token, {"to": "negotiating", "amount": "80.00",
                                       "note": "客服只同意退 80 元"})
    plan = record["layers"][1]
    claim = service.call("POST", f"/api/v1/coverages/{record['id']}/claims", token, {
        "layer_id": plan["id"], "fault": "空调不制冷，室外机不启动",
        "reported_on": (today - timedelta(days=3)).isoformat(), "reported_to": "400 客服热线",
        "callback_promised_hours": 24})
    return {"case": case["id"], "claim": claim["id"]}


def shoot_refunds(browser, seeded: dict, lang: str, upload: bool) -> None:
    page = browser.context.new_page()
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(browser.url(f"dashboard/dashboard.html#refunds?case={seeded['case']}"))
    card = page.locator(f"details.refund-case[data-id='{seeded['case']}']")
    card.locator("table.checklist, .evidence p.muted").first.wait_for()
    if upload:
        card.locator("tr[data-kind=chat_screenshots] input[type=file]").set_input_files(files=[
            {"name": "聊天记录.png", "mimeType": "image/png", "buffer": png(120, 80)}])
        card.locator(".evidence-files li").first.wait_for()
    page.wait_for_timeout(200)
    card.screenshot(path=str(OUT / f"refund-case-{lang}.png"))
    card.locator("select[name=letter-lang]").select_option("zh" if lang == "zh_CN" else "en")
    card.locator("button.draft-letter").click()
    card.locator(".letter-text:not([hidden])").wait_for()
    card.locator("section.letter").screenshot(path=str(OUT / f"refund-letter-{lang}.png"))
    page.goto(browser.url(f"dashboard/dashboard.html#claims?claim={seeded['claim']}"))
    claim = page.locator(f"article.claim[data-id='{seeded['claim']}']")
    claim.locator(".escalation").wait_for()
    page.wait_for_timeout(200)
    claim.screenshot(path=str(OUT / f"claim-overdue-{lang}.png"))
    page.close()


def main(argv: list[str]) -> int:
    """`screenshots.py` takes every shot; `screenshots.py refunds` only the refund and claim
    sections' (refund-case-*, refund-letter-*, claim-overdue-*)."""
    only_refunds = argv[1:] == ["refunds"]
    if not CHROMIUM.exists():
        print("/usr/bin/chromium is missing: install Debian's 'chromium' (make browser-deps)")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="yanbao-shots-"))
    service, pages = Service(workdir), PageServer(workdir)
    pages.start()
    service.migrate()
    service.start()
    try:
        url = pages.add_fixture(PRODUCT)
        us_url = pages.add_fixture(US_PRODUCT)
        with launch_browser(service, pages) as browser:
            token = browser.register()
            seed(service, token)
            for lang in () if only_refunds else ("en", "zh_CN"):
                browser.set_settings(language=lang)
                shoot_panel(browser, url, OUT / f"panel-{lang}.png", lang)
                shoot_panel(browser, us_url, OUT / f"panel-us-{lang}.png", lang, US_PLAN)
                # Opened as a tab right after the product page, the popup describes that page.
                product = browser.context.new_page()
                product.goto(url)
                Panel(product).wait_for_text("延长保修2年")
                shoot_page(browser, "popup/popup.html", {"width": 360, "height": 420},
                           OUT / f"popup-{lang}.png", "#tab-body .chip")
                product.close()
                shoot_page(browser, "dashboard/dashboard.html", {"width": 1200, "height": 900},
                           OUT / f"dashboard-{lang}.png", "article.coverage .seg")
            # After the dashboard's shot, so its list of coverages stays the three above.
            seeded = seed_refund(service, token)
            for lang in ("en", "zh_CN"):
                browser.set_settings(language=lang)
                shoot_refunds(browser, seeded, lang, upload=lang == "en")
    finally:
        service.stop()
        pages.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    for shot in sorted(OUT.glob("*.png")):
        print(shot.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
