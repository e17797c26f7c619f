"""AliExpress (aliexpress.com, .us, .ru and country subdomains; /item/<id>.html).

The page builds itself from data in ``window.runParams`` (older pages: ``priceModule`` with
``formatedActivityPrice`` / ``minAmount``) or the rendered price block (``price--current…``,
``.product-price-current``); its og:title ends with the shop's name. Prices carry their own
currency ("US $12.34", "€ 11,20"), which wins over the host's.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from scrapers.jsobject import find_key, literal_after, parse_literal
from scrapers.money import Money, parse_money
from scrapers.sites.base import SiteParser

_ITEM = re.compile(r"/item/(?:[^/]+/)?(\d{6,20})\.html")
_SUFFIX = re.compile(r"\s*[-|]\s*AliExpress.*$", re.IGNORECASE)
_DATA = ("window.runParams =", "runParams =", "window._d_c_.DCData =", "_init_data_ =")
_PRICE = ('[class*="price--currentPriceText"], [class*="price-default--current"], '
          ".product-price-current, .product-price-value, .uniform-banner-box-price, "
          '[class*="currentPrice"]')  # fmt: skip


class AliExpressParser(SiteParser):
    site = "aliexpress"
    hosts = ("aliexpress.com", "aliexpress.us", "aliexpress.ru")

    def currency_hint(self) -> str | None:
        return "RUB" if self.page.host.endswith("aliexpress.ru") else "USD"

    def url_reason(self) -> str | None:
        if _ITEM.search(self.page.path):
            return None
        if "/wholesale" in self.page.path or "/w/" in self.page.path:
            return "search results page"
        if "/store/" in self.page.path:
            return "shop home page"
        return "not an item page (no item id in the URL)"

    @cached_property
    def data(self) -> Any:
        for marker in _DATA:
            found = parse_literal(literal_after(self.page.html, marker))
            if found:
                return found
        return None

    def rule_item_id(self) -> str | None:
        found = _ITEM.search(self.page.path)
        return found.group(1) if found else None

    def rule_canonical_url(self) -> str | None:
        item = self.rule_item_id()
        return f"https://www.aliexpress.com/item/{item}.html" if item else None

    def rule_title(self) -> str | None:
        title = self.page.text('h1[data-pl="product-title"], .product-title-text, h1') or (
            self.page.meta("og:title")
        )
        if not title and self.data:
            title = find_key(self.data, ("subject",))
        return _SUFFIX.sub("", str(title)) if title else None

    def rule_price(self) -> Money | None:
        hint = self.currency_hint()
        text = self.page.text(_PRICE)
        money = parse_money(text, hint) if text else None
        if money or not self.data:
            return money
        for key in ("formatedActivityPrice", "formatedPrice", "formatedAmount"):
            value = find_key(self.data, (key,))
            if isinstance(value, str) and (money := parse_money(value, hint)):
                return money
        amount = find_key(self.data, ("minActivityAmount",)) or find_key(self.data, ("minAmount",))
        if isinstance(amount, dict) and amount.get("value") is not None:
            return parse_money(str(amount["value"]), amount.get("currency") or hint)
        return None
