"""Example request bodies: shown in the OpenAPI document, and reused by tests and benchmarks
so that all three speak of the same purchase."""

from __future__ import annotations

# A fridge bought on JD on 29 Feb 2024: a one-year warranty, ten years on the compressor, and
# JD's two-year 延保 that starts when the warranty ends.
COVERAGE = {
    "product": {"title": "海尔 470升 十字对开门冰箱 BCD-470WGHTD", "site": "jd",
                "url": "https://item.jd.com/100012345678.html", "item_id": "100012345678",
                "brand": "Haier", "model": "BCD-470WGHTD", "category": "large",
                "subcategory": "refrigerator", "price": "3999.00", "currency": "CNY"},
    "purchase_date": "2024-02-29", "order_ref": "JD-0001",
    "layers": [
        {"kind": "manufacturer", "component": "whole unit", "term_months": 12},
        {"kind": "manufacturer", "component": "compressor", "term_months": 120},
        {"kind": "plan", "provider": "京东", "name": "延长保修2年", "plan_kind": "extended",
         "term_months": 24, "starts": "after_manufacturer", "price": "199.00", "currency": "CNY",
         "cancellation": {"full_refund_days": 30, "after": "prorated", "fee": "0"}}]}

# A $949.99 TV on Amazon with SquareTrade's four-year plan on the page.
QUOTE = {
    "product": {"title": "Samsung 65\" QLED TV", "category": "large", "subcategory": "tv",
                "price": "949.99", "currency": "USD", "site": "amazon",
                "manufacturer_warranty_months": 12},
    "offers": [{"name": "SquareTrade 4-Year TV Protection Plan ($900-$1000)",
                "kind": "extended", "term_months": 48, "price": "82.79", "currency": "USD"}],
    "settings": {"card_extension_months": 0, "statutory": True},
}
