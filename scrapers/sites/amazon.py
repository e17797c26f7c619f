"""Amazon, every country storefront (/dp/ASIN and /gp/product/ASIN pages).

The currency follows the storefront, so a bare "$" on amazon.ca reads as CAD. Protection plans
("Add a Protection Plan", Asurion or Allstate) are checkbox rows beside the buy box.
"""

from __future__ import annotations

import re

from scrapers.model import Offer
from scrapers.money import Money, parse_money
from scrapers.sites.base import SiteParser
from scrapers.text import clean_space

_ASIN = re.compile(r"/(?:dp|gp/product|gp/aw/d|o/ASIN)/([A-Z0-9]{10})(?:[/?]|$)")
_CURRENCIES = {
    "amazon.com": "USD", "amazon.ca": "CAD", "amazon.co.uk": "GBP", "amazon.de": "EUR",
    "amazon.fr": "EUR", "amazon.it": "EUR", "amazon.es": "EUR", "amazon.nl": "EUR",
    "amazon.com.be": "EUR", "amazon.ie": "EUR", "amazon.co.jp": "JPY", "amazon.in": "INR",
    "amazon.com.au": "AUD", "amazon.com.mx": "MXN", "amazon.com.br": "BRL", "amazon.cn": "CNY",
    "amazon.se": "SEK", "amazon.pl": "PLN", "amazon.sg": "SGD", "amazon.ae": "AED",
    "amazon.sa": "SAR", "amazon.com.tr": "TRY", "amazon.eg": "EGP",
}  # fmt: skip
_PRICE = ("#corePrice_feature_div .a-price .a-offscreen, "
          "#corePriceDisplay_desktop_feature_div .a-price .a-offscreen, "
          "#priceblock_dealprice, #priceblock_ourprice, #price_inside_buybox, "
          "#apex_desktop .a-price .a-offscreen, #price")  # fmt: skip
_FROM = re.compile(r"^\s*(?:from|by|de|von|par|da)\s+(.{2,80})$", re.IGNORECASE)
_BYLINE_PREFIX = re.compile(
    r"^(Visit the|Besuche den|Visitez la boutique|Visita lo Store di|Visita la tienda de|"
    r"Brand|Marke|Marca|Marque)\s*:?\s*",
    re.IGNORECASE,
)
_BYLINE_SUFFIX = re.compile(r"[\s-]*(Store|Boutique|Tienda)$", re.IGNORECASE)
_MODEL_LABELS = (
    "item model number", "model number", "model name", "modellnummer", "numéro du modèle",
)  # fmt: skip


class AmazonParser(SiteParser):
    site = "amazon"
    hosts = tuple(_CURRENCIES)

    def currency_hint(self) -> str | None:
        host = self.page.host.removeprefix("www.").removeprefix("smile.")
        return _CURRENCIES.get(host, "USD")

    def url_reason(self) -> str | None:
        path = self.page.path
        if _ASIN.search(path):
            return None
        if path.startswith("/s") and ("k" in self.page.query or path.startswith("/s/")):
            return "search results page"
        if path.startswith(("/b", "/gp/browse", "/gp/bestsellers", "/Best-Sellers")):
            return "category listing"
        if path.startswith("/stores/"):
            return "shop home page"
        return "not a product page (no ASIN in the URL)"

    def rule_item_id(self) -> str | None:
        found = _ASIN.search(self.page.path)
        return found.group(1) if found else self.page.attr("input#ASIN", "value")

    def rule_canonical_url(self) -> str | None:
        asin = self.rule_item_id()
        host = self.page.host or "www.amazon.com"
        return f"https://{host}/dp/{asin}" if asin else None

    def rule_title(self) -> str | None:
        return self.page.text("#productTitle, #title")

    def rule_brand(self) -> str | None:
        byline = self.page.text("#bylineInfo")
        if not byline:
            return None
        byline = _BYLINE_PREFIX.sub("", byline)
        return _BYLINE_SUFFIX.sub("", byline).strip() or None

    def rule_model(self) -> str | None:
        rows = self.page.all(
            "#productDetails_techSpec_section_1 tr, #productDetails_detailBullets_sections1 tr"
        )
        for row in rows:
            head, cell = row.css_first("th"), row.css_first("td")
            if head and cell and head.text(strip=True).lower() in _MODEL_LABELS:
                return cell.text(strip=True).lstrip("\u200e") or None
        for item in self.page.texts("#detailBullets_feature_div li"):
            label, _, value = item.partition(":")
            if label.strip(" \u200e\u200f").lower() in _MODEL_LABELS:
                return value.strip(" \u200e\u200f") or None
        return None

    def rule_breadcrumbs(self) -> list[str]:
        return self.page.texts("#wayfinding-breadcrumbs_feature_div li a")

    def rule_price(self) -> Money | None:
        hint = self.currency_hint()
        ranged = self.page.text("#corePrice_desktop .a-price-range, .a-price-range")
        if ranged:
            money = parse_money(ranged, hint)
            if money:
                return money
        text = self.page.text(_PRICE)
        return parse_money(text, hint) if text else None

    def rule_seller(self) -> str | None:
        sold_by = self.page.text("#sellerProfileTriggerId")
        if sold_by:
            return sold_by
        merchant = self.page.text("#merchant-info, #tabular-buybox .tabular-buybox-text")
        if merchant:
            found = re.search(r"[Ss]old by\s+(.+?)(?:\s+and\b|\.\s|\.$|$)", merchant)
            return found.group(1).strip() if found else merchant
        return None

    def rule_official_store(self) -> bool | None:
        seller, brand = (self.values.get("seller") or "").lower(), (self.values.get("brand") or "")
        if brand and brand.lower() in seller:
            return True
        return None

    def rule_warranty_text(self) -> str | None:
        for node in self.page.union("#productDetails_techSpec_section_1 tr, #feature-bullets li"):
            item = node.text(separator=" ")
            if "warranty" in item.lower():
                return item
        return None

    def widget_offers(self) -> list[Offer]:
        """The shared reader finds the plan rows; Amazon names the seller of each plan
        ("from Onsite Electro Services") only in its pop-over, in the same order."""
        offers = super().widget_offers()
        sellers = []
        for popover in self.page.union(".mbb__m"):
            lines = [clean_space(n.text()) for n in popover.css(".a-row span")]
            found = next((m.group(1) for m in map(_FROM.match, lines) if m), None)
            sellers.append(found)
        for offer, seller in zip(offers, sellers, strict=False):
            offer.provider = offer.provider or seller
        return offers
