"""eBay (ebay.com and its country sites, /itm/<slug>/<id> and /itm/<id>).

eBay wraps the whole page in a schema.org Product whose breadcrumb names sit inside it, so the
title comes from the item heading (``h1.x-item-title__mainTitle``, older ``#itemTitle``), never
from the first ``itemprop=name``. Prices are per listing; an auction shows its current bid.
"""

from __future__ import annotations

import re

from scrapers.money import Money, parse_money
from scrapers.sites.base import SiteParser

_ITEM = re.compile(r"/itm/(?:[^/]+/)?(\d{9,15})")
_CURRENCIES = {
    "ebay.com": "USD", "ebay.ca": "CAD", "ebay.co.uk": "GBP", "ebay.de": "EUR", "ebay.fr": "EUR",
    "ebay.it": "EUR", "ebay.es": "EUR", "ebay.nl": "EUR", "ebay.ie": "EUR", "ebay.at": "EUR",
    "ebay.be": "EUR", "ebay.com.au": "AUD", "ebay.ch": "CHF", "ebay.pl": "PLN",
    "ebay.com.hk": "HKD", "ebay.com.sg": "SGD", "ebay.com.my": "MYR", "ebay.ph": "PHP",
}  # fmt: skip
_PREFIX = re.compile(r"^Details about\s*", re.IGNORECASE)


class EbayParser(SiteParser):
    site = "ebay"
    hosts = tuple(_CURRENCIES)

    def currency_hint(self) -> str | None:
        host = self.page.host.removeprefix("www.").removeprefix("m.")
        return _CURRENCIES.get(host, "USD")

    def url_reason(self) -> str | None:
        path = self.page.path
        if _ITEM.search(path) or path.startswith("/p/"):
            return None
        if path.startswith("/sch/"):
            return "search results page"
        if path.startswith(("/b/", "/e/")):
            return "category listing"
        if path.startswith(("/str/", "/usr/")):
            return "shop home page"
        return "not an item page (no item number in the URL)"

    def rule_item_id(self) -> str | None:
        found = _ITEM.search(self.page.path)
        return found.group(1) if found else None

    def rule_canonical_url(self) -> str | None:
        item = self.rule_item_id()
        return f"https://{self.page.host or 'www.ebay.com'}/itm/{item}" if item else None

    def rule_title(self) -> str | None:
        title = self.page.text(
            "h1.x-item-title__mainTitle, .x-item-title__mainTitle, "
            "[data-testid=x-item-title-label], #itemTitle, h1[itemprop='name'], .product-title"
        )
        return _PREFIX.sub("", title) if title else None

    def rule_breadcrumbs(self) -> list[str]:
        return self.page.texts("nav.breadcrumbs li a, .seo-breadcrumb-text, #vi-VR-brumb-lnkLst a")

    def rule_price(self) -> Money | None:
        text = self.page.text(
            ".x-price-primary .ux-textspans, .x-price-primary, #prcIsum, #mm-saleDscPrc, "
            "#prcIsum_bidPrice, .x-bin-price__content .ux-textspans"
        )
        return parse_money(text, self.currency_hint()) if text else None

    def rule_seller(self) -> str | None:
        return self.page.text(
            ".x-sellercard-atf__info__about-seller .ux-textspans, .mbg-nw, "
            "[data-testid='str-title']"
        )
