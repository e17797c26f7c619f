"""Best Buy US and Canada, every product URL form.

bestbuy.com: ``/product/<slug>/<id>/sku/<sku>`` (today's form), ``/site/<slug>/<sku>.p?skuId=…``
(the older one) and ``/site/<sku>.p``. bestbuy.ca: ``/en-ca/product/<slug>/<sku>``,
``/fr-ca/produit/<slug>/<sku>``, with or without ``.aspx``, marketplace SKUs with a letter
prefix. Both storefronts ship a schema.org Product in JSON-LD, so most fields come from the
defaults; the rules add the SKU, the rendered price (old class names and today's
``data-testid`` ones) and the Geek Squad Protection options.
"""

from __future__ import annotations

import re

from scrapers.model import Offer
from scrapers.money import Money, parse_money
from scrapers.offers import read_options
from scrapers.sites.base import SiteParser

_SKU_PATH = re.compile(r"/sku/(\d{5,9})(?:$|/)|/(\d{5,9})\.p(?:$|/)")
_CA_PATH = re.compile(r"/(?:product|produit)/(?:[^/]+/)?([A-Za-z]?\d{5,10})(?:\.aspx)?/?$")
_PLANS = ('[class*="protection"] label, [class*="protection"] li[role="radio"], '
          '[class*="warranty"] label, [data-testid*="protection"] label, '
          '[class*="Protection"] label')  # fmt: skip


class BestBuyParser(SiteParser):
    site = "bestbuy"
    hosts = ("bestbuy.com", "bestbuy.ca")
    plan_provider = "Geek Squad"  # the plans Best Buy sells are Geek Squad Protection

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
        found = _SKU_PATH.search(self.page.path) or _CA_PATH.search(self.page.path)
        sku = next((g for g in found.groups() if g), None) if found else None
        return self.page.param("skuId") or sku

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
        return self.page.text(
            ".sku-title h1, [data-testid='product-title'], h1.heading-5, h1[class*='productName'], "
            "h1[class*='product-title'], main h1"
        )

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
            "[data-testid='price-block-customer-price'] span, "
            "[data-testid='price-block-customer-price'], [data-testid='large-customer-price'], "
            "[data-testid='customer-price'] span, [data-automation='product-price'] span"
        )
        return parse_money(text, self.currency_hint()) if text else None

    def rule_seller(self) -> str | None:
        marketplace = self.page.text("[class*='marketplace'] [class*='seller-name']")
        return marketplace or "Best Buy"

    def rule_offers(self) -> list[Offer]:
        return read_options(self.page.union(_PLANS), self.currency_hint())
