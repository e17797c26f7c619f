"""JD (item.jd.com, item.jd.hk, npcitem.jd.hk, item.m.jd.com, item.m.jd.hk, item.yiyaojd.com).

Desktop HTML carries ``pageConfig.product`` (sku, name, category ids, shop ids), the breadcrumb
and 售后保障 blocks; older desktop pages print the price in ``#jd-price``, newer ones leave
``.J-p-<sku>`` empty for a script to fill, so the rendered DOM the extension sends has it. The
mobile page (item.m.jd.com) embeds the item and its price as ``window._itemInfo`` /
``window._itemOnly`` JSON. Every price element JD uses is keyed to the sku (``J-p-<sku>``), which
keeps recommendation lists (also ``.p-price``) out.
"""

from __future__ import annotations

import re
from functools import cached_property

from scrapers.jsobject import find_key, literal_after, parse_literal
from scrapers.model import Offer
from scrapers.money import Money, parse_money
from scrapers.offers import read_options
from scrapers.sites.base import SiteParser
from scrapers.text import clean_space, squeeze_cjk

_ITEM_PATH = re.compile(r"/(?:product/)?(\d{5,})\.html")
_PRICE = ("#jd-price, .summary-price .p-price .price, .itemInfo-wrap .p-price .price, "
          "#product-intro .p-price .price, #priceSale, #specJdPrice, #spec_price, "
          '[class*="finalPrice"] [class*="price"], .price-wrap .price')  # fmt: skip
_MOBILE = ("window._itemInfo", "window._itemOnly", "_itemInfo =", "_itemOnly =")
# Script prices: p.3.cn's {"id":"J_<sku>","p":"…"} answers and the mobile item's "price":{"p":…}.
_SCRIPT_PRICES = (r'"id"\s*:\s*"J_{sku}"[^{{}}]*?"p"\s*:\s*"(\d+(?:\.\d+)?)"',
                  r'"p"\s*:\s*"(\d+(?:\.\d+)?)"[^{{}}]*?"id"\s*:\s*"J_{sku}"',
                  r'"price"\s*:\s*\{{[^{{}}]*?"p"\s*:\s*"(\d+(?:\.\d+)?)"',
                  r'\bjdPrice\s*[:=]\s*["\']?(\d+(?:\.\d+)?)')  # fmt: skip
_MARKERS = ('"J_{sku}"', '"J_{sku}"', '"price"', "jdPrice")
_SKU = re.compile(r"skuid\s*:\s*(\d+)")
_NAME = re.compile(r"\bname\s*:\s*'((?:[^'\\]|\\.)*)'")


class JDParser(SiteParser):
    site = "jd"
    hosts = ("jd.com", "jd.hk", "yiyaojd.com")
    currency = "CNY"
    # JD's help page on its 延保 plans: cover "starts on the day the manufacturer's whole-unit
    # warranty ends" (mirrored at https://help-w.com/360buy/1381754726_zh.html).
    extended_starts = "after_manufacturer"
    plan_provider = "京东"  # plans under 京东服务+ are sold and fulfilled by JD itself

    def url_reason(self) -> str | None:
        host = self.page.host
        if host.startswith(("search.", "so.m.")) or "/search" in self.page.path:
            return "search results page"
        if host.startswith(("list.", "channel.")) or host.endswith("jiadian.jd.com"):
            return "category listing"
        if host.startswith(("mall.", "shop.", "shop.m.", "shopmall.")):
            return "shop home page"
        if not self._url_item():
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

    def _url_item(self) -> str | None:
        found = _ITEM_PATH.search(self.page.path)
        if found:
            return found.group(1)
        for name in ("sku", "skuId", "wareId", "id"):
            value = self.page.param(name)
            if value and value.isdigit():
                return value
        return None

    @cached_property
    def mobile(self) -> dict:
        """The mobile page's item JSON (``window._itemInfo``), or {}."""
        for marker in _MOBILE:
            data = parse_literal(literal_after(self.page.html, marker))
            if isinstance(data, dict):
                return data
        return {}

    def _mobile(self, *keys: str):
        value = find_key(self.mobile, keys) if self.mobile else None
        return value if isinstance(value, str | int | float) else None

    def rule_item_id(self) -> str | None:
        sku = self.config.get("skuid") or self._mobile("skuId", "wareId")
        return self._url_item() or (str(sku) if sku else None)

    def rule_canonical_url(self) -> str | None:
        item = self.rule_item_id()
        host = "item.jd.hk" if self.page.host.endswith("jd.hk") else "item.jd.com"
        return f"https://{host}/{item}.html" if item else None

    def rule_title(self) -> str | None:
        return (
            self.page.text(".sku-name, .sku-title-name, #itemName, .fn_text_wrap")
            or self.config.get("name")
            or self._mobile("skuName", "wareName")
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
        """The category crumbs, not the brand menu that sits among them (``ev=exbrand_…``)."""
        links = self.page.all(".crumb > .item > a, .crumb .item a, .breadcrumb a")
        crumbs = [squeeze_cjk(clean_space(a.text())) for a in links
                  if "exbrand" not in (a.attributes.get("href") or "")]  # fmt: skip
        return [c for c in crumbs if c and c not in (">", "›")]

    def rule_category_ids(self) -> list | None:
        cat = self.config.get("cat") or find_key(self.mobile, ("category",))
        return cat if isinstance(cat, list) else None

    def rule_price(self) -> Money | None:
        sku = self.rule_item_id()
        keyed = f".J-p-{sku}, " if sku else ""
        for node in self.page.union(keyed + _PRICE):
            money = parse_money(node.text(separator=" "), "CNY")
            if money:
                return money
        return self._script_price(sku)

    def _script_price(self, sku: str | None) -> Money | None:
        """The price a script on the page carries for this sku (JD fills the DOM from it)."""
        html = self.page.html
        for pattern, marker in zip(_SCRIPT_PRICES, _MARKERS, strict=True):
            if ("{sku}" in pattern and not sku) or marker.format(sku=sku) not in html:
                continue  # a substring check first: these patterns scan the whole page
            found = re.search(pattern.format(sku=re.escape(sku or "")), html)
            money = parse_money(found.group(1), "CNY") if found else None
            if money and money.amount > 0:
                return money
        return None

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
        return read_options(nodes, "CNY")
