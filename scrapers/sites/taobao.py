"""Taobao (item.taobao.com, world.taobao.com, m.intl.taobao.com, h5.m.taobao.com).

The rendered page names its blocks with CSS-module classes (``ItemHeader--mainTitle--x1y2``),
so selectors match the stable prefix. Older and mobile pages embed the item as JavaScript
(``g_config``, ``Hub.config.set('sku', …)``, ``TShop.Setup(…)``, ``_DATA_Detail``); those are
read with the literal reader and searched by key, since their nesting differs page to page.
Tmall shares all of this and subclasses it.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from scrapers.jsobject import find_key, literal_after, parse_literal
from scrapers.model import Offer
from scrapers.money import Money, parse_money
from scrapers.offers import read_options
from scrapers.sites.base import SiteParser
from scrapers.text import clean_space

_ITEM_PATH = re.compile(r"/(?:item|i)/?(\d{6,})")
_EMBEDDED = ("TShop.Setup(", "Hub.config.set('sku',", "g_config =", "g_config=", "_DATA_Detail =",
             "_DATA_Detail=", "__INIT_DATA =", "__ICE_APP_CONTEXT__ =")  # fmt: skip
# "<name>-tmall.com天猫", "<name> - 天猫Tmall.com", "<name>-淘宝网": the page title is the name.
_TITLE_SUFFIX = re.compile(r"\s*[-–|]\s*(?:tmall\.com天猫|天猫tmall\.com|淘宝网|淘宝|天猫超市).*$",
                           re.IGNORECASE)
_SERVICE_LABELS = ("服务", "延保", "保障", "保修")
_GROUPS = ('[class*="SkuContent--skuItem"], .tb-sku dl.tb-prop, .tb-sku dl, dl.tm-sale-prop, '
           '.sku-group, [class*="skuItem"]')  # fmt: skip
_OPTIONS = '[class*="valueItem"], li, .sku-option, [role="radio"]'


class TaobaoParser(SiteParser):
    site = "taobao"
    hosts = ("taobao.com", "tb.cn")
    currency = "CNY"
    item_host = "item.taobao.com"
    # The source article: 延保 covers faults "after the warranty period ends" (超過保修期以後).
    extended_starts = "after_manufacturer"

    def url_reason(self) -> str | None:
        host, path = self.page.host, self.page.path
        if host.startswith(("s.", "list.", "search.")) or "search" in path:
            return "search results page"
        if self._item_id_from_url():
            return None
        if host.startswith(("shop", "store.")) or re.match(r"^shop\d+\.", host):
            return "shop home page"
        return "not an item page (no item id in the URL)"

    def _item_id_from_url(self) -> str | None:
        found = _ITEM_PATH.search(self.page.path)
        return self.page.param("id") or (found.group(1) if found else None)

    @cached_property
    def embedded(self) -> list[Any]:
        found = []
        for marker in _EMBEDDED:
            data = parse_literal(literal_after(self.page.html, marker))
            if data:
                found.append(data)
        return found

    def _embedded(self, *keys: str) -> Any:
        """Value of the first key (in the order given) found in any embedded literal."""
        for key in keys:
            for data in self.embedded:
                value = find_key(data, (key,))
                if value not in (None, "", [], {}):
                    return value
        return None

    def _param(self, *labels: str) -> str | None:
        for item in self.page.texts(
            '#J_AttrUL li, .attributes-list li, [class*="generalParamsInfoItem"], '
            '[class*="emphasisParamsInfoItem"]'
        ):
            label, sep, value = item.replace("：", ":").partition(":")
            if sep and label.strip() in labels and value.strip():
                return value.strip()
        return None

    def rule_item_id(self) -> str | None:
        return self._item_id_from_url() or _str(self._embedded("itemId", "item_id"))

    def rule_canonical_url(self) -> str | None:
        item = self.rule_item_id()
        return f"https://{self.item_host}/item.htm?id={item}" if item else None

    def rule_title(self) -> str | None:
        return (
            self.page.text('[class*="ItemHeader--mainTitle"], [class*="mainTitle--"]')
            or self.page.attr("#J_Title .tb-main-title", "data-title")
            or self.page.text("#J_Title .tb-main-title, .tb-detail-hd h1, .main-title, .title-text")
            or _str(self._embedded("title", "itemTitle"))
            or _TITLE_SUFFIX.sub("", self.page.title_tag or "").strip()
        )

    def rule_brand(self) -> str | None:
        return self._param("品牌") or _str(self._embedded("brand", "brandName"))

    def rule_model(self) -> str | None:
        return self._param("型号", "产品型号", "货号")

    def rule_price(self) -> Money | None:
        text = self.page.text(
            '[class*="Price--priceText"], [class*="highlightPrice"] [class*="text"], '
            "#J_PromoPriceNum, #J_PromoPrice .tm-price, #J_StrPriceModBox .tm-price, "
            "#J_StrPrice .tb-rmb-num, .price-now, .tm-price"
        )
        if text:
            return parse_money(text, "CNY")
        return self._embedded_price()

    def _embedded_price(self) -> Money | None:
        sku_map = self._embedded("skuMap")
        prices = []
        if isinstance(sku_map, dict):
            for sku in sku_map.values():
                price = _str(sku.get("price")) if isinstance(sku, dict) else None
                money = parse_money(price, "CNY")
                if money:
                    prices.append(money.amount)
        if prices:
            return Money(min(prices), "CNY", max(prices) if len(set(prices)) > 1 else None)
        value = self._embedded("defaultItemPrice", "reservePrice", "priceText", "price")
        return parse_money(_str(value), "CNY")

    def rule_seller(self) -> str | None:
        return self.page.text(
            '[class*="ShopHeader--title"], [class*="shopName"], .slogo-shopname, '
            ".tb-shop-name a, .shop-name-link, .shop-name"
        ) or _str(self._embedded("shopName", "sellerNickName", "sellerNick"))

    def rule_warranty_text(self) -> str | None:
        return self._param("保修期", "售后服务", "质保期")

    def rule_nationwide_warranty(self) -> bool | None:
        text = self.page.joined('[class*="guarantee"], .tb-serPromise, .tm-ser, #J_AttrUL')
        return True if "全国联保" in text else None

    def rule_offers(self) -> list[Offer]:
        offers: list[Offer] = []
        for group in self.page.all(_GROUPS):
            label_node = group.css_first('dt, [class*="labelText"], [class*="ItemLabel"], .label')
            label = clean_space(label_node.text(separator=" ")) if label_node else ""
            if any(word in label for word in _SERVICE_LABELS):
                offers.extend(read_options(group.css(_OPTIONS), "CNY"))
        return offers


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return clean_space(str(value)) or None
