"""The dashboard's layer editing against the real service: a plan marked refunded and a warranty's
term changed are stored; layers removed and added; an edit the service refuses is shown beside
the layer it names and changes nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def coverage(title: str) -> dict:
    return {
        "product": {"title": title, "site": "jd", "item_id": "100012043978", "price": "4599.00",
                    "currency": "CNY"},
        "purchase_date": "2026-03-01",
        "layers": [
            {"kind": "manufacturer", "term_months": 12, "starts": "purchase"},
            {"kind": "card", "term_months": 12, "starts": "after_manufacturer"},
            {"kind": "plan", "plan_kind": "extended", "provider": "京东", "name": "京东延保 2年",
             "term_months": 24, "starts": "after_manufacturer", "price": "299.00",
             "currency": "CNY", "notes": "paid with the TV",
             "cancellation": {"full_refund_days": 30, "after": "prorated"}},
        ],
    }


@pytest.fixture
def stored(browser, service, request):
    token = browser.token()
    body = coverage(f"洗衣机 {request.node.name}")
    record = service.call("POST", "/api/v1/coverages", token, body)
    return {"token": token, "record": record,
            "get": lambda: service.call("GET", f"/api/v1/coverages/{record['id']}", token)}


def open_editor(browser, record):
    browser.set_settings(language="en")
    page = browser.context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(browser.url("dashboard/dashboard.html"))
    card = page.locator(f"article[data-id='{record['id']}']")
    card.locator(".edit-btn").click()
    page.errors = errors
    return page, card, card.locator("form.edit fieldset.layer-edit")


def test_a_refunded_plan_and_a_longer_warranty_are_stored(browser, stored):
    page, card, layers = open_editor(browser, stored["record"])
    expect(layers).to_have_count(3)
    maker, plan = layers.nth(0), layers.nth(2)
    expect(plan.locator("legend")).to_have_text("Plan · 京东延保 2年")
    plan.get_by_label("State", exact=True).select_option("refunded")
    maker.get_by_label("Months", exact=True).fill("24")
    card.get_by_role("button", name="Save").click()
    # Saved: the card is drawn again with the plan's segment greyed out as refunded.
    expect(card.locator(".seg.k-plan.s-refunded")).to_have_count(1)
    expect(card.locator("form.edit")).to_have_count(0)

    after = stored["get"]()
    kinds = [(layer["kind"], layer["state"], layer["term_months"]) for layer in after["layers"]]
    assert kinds == [("manufacturer", "in_force", 24), ("card", "in_force", 12),
                     ("plan", "refunded", 24)]
    assert after["layers"][0]["ends_on"] == "2028-03-01"
    saved_plan = after["layers"][2]
    assert saved_plan["status"] == "refunded"
    # What the form does not show went back unchanged.
    kept = ("provider", "name", "price", "currency", "plan_kind", "starts", "notes")
    assert [saved_plan[name] for name in kept] == [
        "京东", "京东延保 2年", "299.00", "CNY", "extended", "after_manufacturer",
        "paid with the TV"]
    assert saved_plan["cancellation"]["full_refund_days"] == 30
    assert saved_plan["cancellation"]["after"] == "prorated"
    assert page.errors == []
    page.close()


def test_layers_are_removed_and_added_with_an_end_date(browser, stored):
    page, card, layers = open_editor(browser, stored["record"])
    layers.nth(1).get_by_role("button", name="Remove layer").click()
    expect(layers).to_have_count(2)
    card.get_by_label("New layer kind").select_option("statutory")
    card.get_by_role("button", name="Add layer").click()
    added = layers.nth(2)
    expect(added.locator("legend")).to_have_text("New layer: Statutory")
    added.get_by_label("Starts", exact=True).select_option("purchase")
    added.get_by_label("Term", exact=True).select_option("end_date")
    added.get_by_label("Last day covered", exact=True).fill("2027-02-28")
    added.get_by_label("Name", exact=True).fill("三包")
    card.get_by_role("button", name="Save").click()
    expect(card.locator(".seg.k-statutory")).to_have_count(1)

    after = stored["get"]()
    assert [layer["kind"] for layer in after["layers"]] == ["manufacturer", "plan", "statutory"]
    statutory = after["layers"][2]
    fields = ("end_date", "term_months", "lifetime", "name", "starts")
    assert [statutory[name] for name in fields] == ["2027-02-28", None, False, "三包", "purchase"]
    assert page.errors == []
    page.close()


def test_a_refused_edit_is_shown_beside_its_layer_and_changes_nothing(browser, stored):
    before = stored["get"]()
    page, card, layers = open_editor(browser, stored["record"])
    plan = layers.nth(2)
    # Also a change elsewhere, which must not be stored either.
    layers.nth(0).get_by_label("Months", exact=True).fill("18")
    plan.get_by_label("Term", exact=True).select_option("end_date")
    end_date = plan.get_by_label("Last day covered", exact=True)
    end_date.fill("2026-06-30")  # before the plan starts, when the warranty and card end
    card.get_by_role("button", name="Save").click()

    error = plan.locator(".layer-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("end date 2026-06-30")
    expect(end_date).to_have_attribute("aria-invalid", "true")
    expect(end_date).to_have_attribute("aria-describedby", error.get_attribute("id"))
    for other in (layers.nth(0), layers.nth(1)):
        expect(other.locator(".layer-error")).to_be_hidden()
    expect(card.locator(".edit-status")).to_have_text(
        "Some layers need fixing; see the messages beside them.")
    expect(card.locator("form.edit")).to_have_count(1)

    assert stored["get"]() == before
    assert page.errors == []
    page.close()
