"""Walmart (walmart.com /ip/<slug>/<id>, walmart.ca /en/ip/<slug>/<id>).

Older pages mark the product up with microdata (``h1[itemprop=name]``, ``[itemprop=price]``);
the current Next.js page carries the item in ``__NEXT_DATA__`` (``priceInfo.currentPrice``).
Plans ("Walmart protection plan powered by Allstate") are radio rows in the add-on services
block, which the shared widget reader finds. Walmart's other country sites run on other
platforms and fall back to schema.org.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from typing import Any

from scrapers.jsobject import find_key
from scrapers.money import Money, parse_money
from scrapers.sites.base import SiteParser

_ITEM = re.compile(r"/ip/(?:[^/]+/)?(\d{5,})")


class WalmartParser(SiteParser):
    site = "walmart"
    hosts = ("walmart.com", "walmart.ca")

    def currency_hint(self) -> str | None:
        return "CAD" if self.page.host.endswith("walmart.ca") else "USD"

    def url_reason(self) -> str | None:
        path = self.page.path
        if _ITEM.search(path):
            return None
        if path.startswith(("/search", "/en/search")):
            return "search results page"
        if path.startswith(("/browse", "/cp/", "/en/browse", "/en/cp/")):
            return "category listing"
        return "not a product page (no item id in the URL)"

    @cached_property
    def next_data(self) -> Any:
        node = self.page.first("script#__NEXT_DATA__")
        try:
            return json.loads(node.text()) if node is not None else None
        except ValueError:
            return None

    def rule_item_id(self) -> str | None:
        found = _ITEM.search(self.page.path)
        return found.group(1) if found else self.page.attr('meta[itemprop="sku"]', "content")

    def rule_canonical_url(self) -> str | None:
        item = self.rule_item_id()
        return f"https://{self.page.host or 'www.walmart.com'}/ip/{item}" if item else None

    def rule_title(self) -> str | None:
        return self.page.text('h1[itemprop="name"], h1#main-title, h1.prod-ProductTitle, main h1')

    def rule_breadcrumbs(self) -> list[str]:
        return self.page.texts(
            '[data-automation-id="breadcrumb"] [itemprop="name"], nav[aria-label="breadcrumb"] a'
        )

    def rule_price(self) -> Money | None:
        hint = self.currency_hint()
        value = self.page.attr('[itemprop="price"]', "content")
        money = parse_money(value, hint) if value else None
        if money is None:
            text = self.page.text('[itemprop="price"], [data-testid="price-wrap"] span')
            money = parse_money(text, hint) if text else None
        if money is None and self.next_data:
            current = find_key(self.next_data, ("currentPrice",))
            price = current.get("price") if isinstance(current, dict) else None
            money = parse_money(str(price), hint) if price is not None else None
        return money
