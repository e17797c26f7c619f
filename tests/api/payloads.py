"""Request bodies shared by the API tests."""

import copy

ISSUE_EXAMPLE = {
    "product": {"title": "海尔 470升 十字对开门冰箱 BCD-470WGHTD", "site": "jd",
                "url": "https://item.jd.com/100012345678.html", "item_id": "100012345678",
                "brand": "Haier", "model": "BCD-470WGHTD", "category": "refrigerator",
                "price": "3999.00", "currency": "CNY"},
    "purchase_date": "2024-02-29", "order_ref": "JD-0001",
    "layers": [
        {"kind": "manufacturer", "component": "whole unit", "term_months": 12},
        {"kind": "manufacturer", "component": "compressor", "term_months": 120},
        {"kind": "plan", "provider": "京东", "name": "延长保修2年", "plan_kind": "extended",
         "term_months": 24, "starts": "after_manufacturer", "price": "199.00", "currency": "CNY",
         "cancellation": {"full_refund_days": 30, "after": "prorated", "fee": "0"}}]}


def coverage(**changes) -> dict:
    """The issue's example with top-level changes, e.g. coverage(purchase_date="2026-01-01")."""
    body = copy.deepcopy(ISSUE_EXAMPLE)
    body.update(changes)
    return body


def simple(title: str, purchase_date: str, months: int, **product) -> dict:
    return {"product": {"title": title, **product}, "purchase_date": purchase_date,
            "layers": [{"kind": "manufacturer", "term_months": months}]}
