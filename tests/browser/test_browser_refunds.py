"""Refund cases and repair claims in the dashboard, in Chromium against the real service (issue
14): a case walked from a coverage's "Start a refund" through draft, requested and negotiating to
refunded with one evidence upload (a real PNG made here), the plan layer then shown refunded; a
claim whose promised callback is past shows the escalation."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from testkit.images import png

pytestmark = pytest.mark.browser


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

    # The complaint letter the service drafts, in either language, ready to copy.
    letter = card.locator("section.letter")
    for lang in ("zh", "en"):
        drafted = service.call("GET", f"/api/v1/refund-cases/{case_id}/letter?lang={lang}", token)
        letter.locator("select[name=letter-lang]").select_option(lang)
        letter.get_by_role("button", name="Draft the letter").click()
        expect(letter.locator(".letter-text")).to_have_value(drafted["text"])
        expect(letter.locator(".letter-subject")).to_have_value(drafted["subject"])
    assert "JD-2026-0001" in drafted["text"]
    letter.get_by_role("button", name="Copy").click()
    expect(letter.locator(".letter-status")).to_have_text("Copied.")

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


def test_a_claim_past_its_promised_callback_shows_the_escalation(browser, service):
    token = browser.token()
    today = datetime.now(UTC).date()
    bought = (today - timedelta(days=400)).isoformat()
    record = service.call("POST", "/api/v1/coverages", token, coverage("海尔冰箱 claim", bought))
    plan = record["layers"][1]
    # Reported three days ago to a provider that promised to call within 24 hours.
    late = service.call("POST", f"/api/v1/coverages/{record['id']}/claims", token, {
        "layer_id": plan["id"], "fault": "不制冷",
        "reported_on": (today - timedelta(days=3)).isoformat(), "reported_to": "京东服务 400",
        "callback_promised_hours": 24})
    stored = service.call("GET", f"/api/v1/claims/{late['id']}", token)
    # Due by the end of the day after it was reported: the service asks to escalate.
    assert stored["callback"]["overdue"] is True
    assert [s["action"] for s in stored["next_steps"] if s["overdue"]] == ["escalate"]

    page = open_dashboard(browser, f"#claims?claim={late['id']}")
    card = page.locator(f"article.claim[data-id='{late['id']}']")
    expect(card).to_have_attribute("data-clock", "overdue")
    expect(card.locator(".callback-clock")).to_contain_text("Overdue by")
    expect(card.locator(".callback-clock")).to_contain_text("escalate")
    escalation = card.locator(".escalation")
    expect(escalation).to_be_visible()
    expect(escalation.locator("h3")).to_have_text(stored["next_steps"][0]["title"]["en"])

    # The provider calls back at last: the clock stops and the escalation goes.
    card.locator("button.event[data-kind='called_back']").click()
    form = card.locator("form.event-form[data-kind='called_back']")
    form.get_by_label("Note").fill("Engineer booked for Tuesday")
    form.get_by_role("button", name="Record").click()
    expect(card).to_have_attribute("data-clock", "answered")
    expect(card.locator(".callback-clock")).to_contain_text("after the promised day")
    expect(card.locator(".escalation")).to_have_count(0)
    expect(card.locator(".claim-events li")).to_contain_text("Engineer booked for Tuesday")
    events = service.call("GET", f"/api/v1/claims/{late['id']}", token)["events"]
    assert [(e["kind"], e["note"]) for e in events] == [
        ("called_back", "Engineer booked for Tuesday")]

    # A fault reported today from the coverage's card: the clock runs, nothing to escalate.
    page.goto(browser.url("dashboard/dashboard.html#coverages"))
    coverage_card = page.locator(f"article.coverage[data-id='{record['id']}']")
    coverage_card.get_by_role("button", name="Report a fault").click()
    coverage_card.get_by_label("What is wrong").fill("Compressor clicks and stops")
    coverage_card.get_by_label("Reported to").fill("京东服务 400")
    coverage_card.get_by_role("button", name="Save the claim").click()
    fresh = page.locator("article.claim").first
    expect(fresh).to_have_attribute("data-clock", "waiting")
    expect(fresh.locator(".callback-clock")).to_have_text(
        re.compile(r"^Callback due in \d+ h \d+ min"))
    expect(fresh.locator(".escalation")).to_have_count(0)
    fresh_id = fresh.get_attribute("data-id")
    assert page.url.endswith(f"#claims?claim={fresh_id}")
    saved = service.call("GET", f"/api/v1/claims/{fresh_id}", token)
    assert (saved["fault"], saved["reported_on"], saved["callback_promised_hours"]) == (
        "Compressor clicks and stops", format_today(page), 24)
    assert page.errors == []
    page.close()


def format_today(page) -> str:
    """Today in the browser's own time zone, as the claim form fills it in."""
    return page.evaluate("""() => { const d = new Date(), p = (n) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; }""")
