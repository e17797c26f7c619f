"""JD product-page data (the JSON behind the 京选服务 block) -> JD plan price rows.

JD prices its service plans per product, so each row is pinned to the product's own price
(min = max = the JD price `p`). Plans are sorted into catalog plans by name: AppleCare+ ->
applecare-plus-cn; full/accident cover (全保, 全面保修, 意外, 损坏, 碎屏) -> jd-accident;
extensions (延保, 延长, 保修) -> jd-extended; replacement (换新, 只换不修) -> jd-replace.
"""

from __future__ import annotations

import json
import re
from datetime import date

from scrapers.providers.entries import PriceEntry, ProviderPageError, parse_money

_TERM = re.compile(r"(\d+)\s*(年|个月)")
_RULES = (
    ("applecare-plus-cn", "accidental_damage", ("AppleCare+",)),
    ("jd-accident", "accidental_damage", ("全保", "全面保修", "意外", "损坏", "碎屏")),
    ("jd-extended", "extended", ("延保", "延长", "保修")),
    ("jd-replace", "replace", ("换新", "只换不修")),
)


def term_months(name: str) -> int:
    """'3年免费换新' -> 36, '6个月延保' -> 6."""
    match = _TERM.search(name)
    if not match:
        raise ProviderPageError(f"no term in plan name {name!r}")
    count = int(match.group(1))
    return count * 12 if match.group(2) == "年" else count


def classify(name: str, group: str) -> tuple[str, str]:
    """(catalog plan id, kind) from the plan's own name first, then its group's name."""
    for text in (name, group):
        for plan, kind, words in _RULES:
            if any(word in text for word in words):
                return plan, kind
    return "jd-extended", "other"


def _services(data: dict) -> list[tuple[str, dict]]:
    try:
        groups = data["warrantyInfo"]["originalFactoryServiceVo"]["serviceItems"]
    except (KeyError, TypeError):
        raise ProviderPageError("no warrantyInfo.originalFactoryServiceVo block") from None
    return [(group.get("scName", ""), item) for group in groups
            for item in group.get("products", []) if not item.get("grey")]


def parse(text: str, *, source: str, read_on: date) -> list[PriceEntry]:
    data = json.loads(text)
    try:
        product_price = parse_money(data["price"]["p"])
    except (KeyError, TypeError):
        raise ProviderPageError("no price.p (JD price) in the page data") from None
    entries = []
    for group, item in _services(data):
        name = item["serviceSkuName"]
        plan, kind = classify(name, group)
        entries.append(PriceEntry(
            plan=plan, name=name, kind=kind, term_months=term_months(name),
            price=parse_money(item["serviceSkuPrice"]), currency="CNY",
            min=product_price, max=product_price, source=source, read_on=read_on,
        ))
    return entries
