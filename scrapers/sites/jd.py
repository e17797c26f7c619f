"""JD (item.jd.com, item.jd.hk, npcitem.jd.hk, item.m.jd.com).

Raw HTML carries ``pageConfig.product`` (sku, name, category ids, shop ids) and the breadcrumb
and 售后保障 blocks; the price and the 京东服务+ plans are filled in by scripts, so only the
rendered DOM the extension sends has them.
"""

from __future__ import annotations

import re
from functools import cached_property

from scrapers.jsobject import literal_after, parse_literal
from scrapers.model import Offer
from scrapers.money import Money, parse_money
from scrapers.offers import read_options
from scrapers.sites.base import SiteParser
from scrapers.text import squeeze_cjk

_ITEM_PATH = re.compile(r"/(?:product/)?(\d{5,})\.html")
_SKU = re.compile(r"skuid\s*:\s*(\d+)")
_NAME = re.compile(r"\bname\s*:\s*'((?:[^'\\]|\\.)*)'")


class JDParser(SiteParser):
    site = "jd"
    hosts = ("jd.com", "jd.hk")
    currency = "CNY"
    # JD's help page on its 延保 plans: cover "starts on the day the manufacturer's whole-unit
    # warranty ends" (mirrored at https://help-w.com/360buy/1381754726_zh.html).
    extended_starts = "after_manufacturer"

    def url_reason(self) -> str | None:
        host = self.page.host
        if host.startswith(("search.", "so.m.")) or "/search" in self.page.path:
            return "search results page"
        if host.startswith(("list.", "channel.")) or host.endswith("jiadian.jd.com"):
            return "category listing"
        if host.startswith(("mall.", "shop.", "shop.m.")):
            return "shop home page"
        if not _ITEM_PATH.search(self.page.path) and not self.page.param("sku"):
            return "not a JD item page (no item id in the URL)"
        return None

    @cached_property
    def config(self) -> dict:
        block = literal_after(self.page.html, "pageConfig")
        data = parse_literal(block) if block else None
        product = data.get("product") if isinstance(data, dict) else None
        if isinstance(product, dict):
            return product
        # Field-by-field fallback when the literal holds something the converter cannot read.
        text = block or ""
        sku, name = _SKU.search(text), _NAME.search(text)
        return {
            "skuid": sku.group(1) if sku else None,
            "name": name.group(1).encode().decode("unicode_escape", "ignore") if name else None,
        }

    def rule_item_id(self) -> str | None:
        found = _ITEM_PATH.search(self.page.path)
        sku = self.config.get("skuid")
        return found.group(1) if found else (str(sku) if sku else self.page.param("sku"))

    def rule_canonical_url(self) -> str | None:
        item = self.rule_item_id()
        host = "item.jd.hk" if self.page.host.endswith("jd.hk") else "item.jd.com"
        return f"https://{host}/{item}.html" if item else None

    def rule_title(self) -> str | None:
        return self.page.text(".sku-name") or self.config.get("name") or self.page.text(
            ".fn_text_wrap, #itemName"
        )

    def rule_brand(self) -> str | None:
        return self.page.attr("#parameter-brand li", "title")

    def rule_model(self) -> str | None:
        for item in self.page.texts(".parameter2 li, .p-parameter-list li"):
            label, _, value = item.partition("：")
            if label.strip() in ("型号", "产品型号") and value.strip():
                return value.strip()
        return None

    def rule_breadcrumbs(self) -> list[str]:
        crumbs = self.page.texts("#crumb-wrap .crumb .item a, .crumb .item a")
        return [squeeze_cjk(c) for c in crumbs if c not in (">", "›")]

    def rule_price(self) -> Money | None:
        text = self.page.text(".summary-price .p-price .price, .p-price .price, #jdPrice")
        return parse_money(text, "CNY") if text else None

    def rule_seller(self) -> str | None:
        return self.page.text("#crumb-wrap .contact .name a, .shopName .name, .J-hove-wrap .name")

    def rule_official_store(self) -> bool | None:
        seller = self.values.get("seller") or ""
        if "自营" in seller or "旗舰店" in seller:
            return True
        return None

    def rule_warranty_text(self) -> str | None:
        return self.page.text("#guarantee .serve-agree-bd dd, .serve-agree-bd, #guarantee")

    def rule_nationwide_warranty(self) -> bool | None:
        marks = self.page.joined("#summary-service, .J-promise-icon, #guarantee")
        return True if "全国联保" in marks else None

    def rule_offers(self) -> list[Offer]:
        nodes = self.page.union(
            '[id="choose-service+"] .dd .yb-item, [id="choose-service+"] .dd .item, '
            "#choose-service .dd .item, .service-type-yb .yb-item"
        )
        offers = read_options(nodes, "CNY")
        for offer in offers:  # plans under 京东服务+ are sold and fulfilled by JD itself
            offer.provider = offer.provider or "京东"
        return offers
