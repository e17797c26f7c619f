"""Best Buy (bestbuy.com /site/...skuId=..., bestbuy.ca /en-ca/product/...).

Both storefronts ship a schema.org Product in JSON-LD, so most fields come from the defaults;
the rules add the SKU from the URL, the rendered price and the Geek Squad Protection options.
"""

from __future__ import annotations

import re

from scrapers.model import Offer
from scrapers.money import Money, parse_money
from scrapers.offers import read_options
from scrapers.sites.base import SiteParser

_SKU_PATH = re.compile(r"/(\d{7,8})(?:\.p)?(?:$|[/?])")
_PLANS = ('[class*="protection"] label, [class*="protection"] li[role="radio"], '
          '[class*="warranty"] label, [data-testid*="protection"] label, '
          '[class*="Protection"] label')  # fmt: skip


class BestBuyParser(SiteParser):
    site = "bestbuy"
    hosts = ("bestbuy.com", "bestbuy.ca")

    def currency_hint(self) -> str | None:
        return "CAD" if self.page.host.endswith("bestbuy.ca") else "USD"

    def url_reason(self) -> str | None:
        path = self.page.path.lower()
        if "searchpage" in path or "/search" in path:
            return "search results page"
        if self._sku_from_url():
            return None
        if "/category/" in path or re.search(r"pcmcat\d+\.c$|abcat\d+\.c$", path):
            return "category listing"
        if "/brands/" in path or "/brand/" in path:
            return "shop home page"
        return "not a product page (no SKU in the URL)"

    def _sku_from_url(self) -> str | None:
        found = _SKU_PATH.search(self.page.path)
        return self.page.param("skuId") or (found.group(1) if found else None)

    def rule_item_id(self) -> str | None:
        return self._sku_from_url() or self.page.text(".sku .product-data-value")

    def rule_canonical_url(self) -> str | None:
        sku = self._sku_from_url()
        if not sku:
            return None
        if self.page.host.endswith("bestbuy.ca"):
            return f"https://www.bestbuy.ca/en-ca/product/{sku}"
        return f"https://www.bestbuy.com/site/{sku}.p?skuId={sku}"

    def rule_title(self) -> str | None:
        return self.page.text(".sku-title h1, h1.heading-5, h1[class*='productName']")

    def rule_model(self) -> str | None:
        return self.page.text(".model .product-data-value, [class*='modelNumber'] span")

    def rule_breadcrumbs(self) -> list[str]:
        crumbs = self.page.texts(
            ".c-breadcrumbs-list-item a, nav[aria-label='Breadcrumb'] a, [class*='breadcrumb'] a"
        )
        return [c for c in crumbs if c.lower() not in ("best buy", "home")]

    def rule_price(self) -> Money | None:
        text = self.page.text(
            ".priceView-customer-price span[aria-hidden='true'], "
            "[data-testid='customer-price'] span, [data-automation='product-price'] span"
        )
        return parse_money(text, self.currency_hint()) if text else None

    def rule_seller(self) -> str | None:
        marketplace = self.page.text("[class*='marketplace'] [class*='seller-name']")
        return marketplace or "Best Buy"

    def rule_offers(self) -> list[Offer]:
        offers = read_options(self.page.union(_PLANS), self.currency_hint())
        for offer in offers:  # the plans on Best Buy pages are Geek Squad Protection
            offer.provider = offer.provider or "Geek Squad"
        return offers
