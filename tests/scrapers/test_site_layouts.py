"""Layouts the saved material does not show, as small snippets in each site's own shapes.

The real pages in tests/data/real cover the old JD desktop page, Tmall desktop and mobile,
Amazon and the old Best Buy page. The snippets below are hand-written from the shapes those
sites use elsewhere (JD's mobile ``window._itemInfo`` JSON and p.3.cn price answers, Best Buy's
``/product/…/sku/…`` pages, 天猫超市), so a layout without a saved page is still read.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from scrapers import detect


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_jd_price_keyed_to_the_sku_not_the_recommendations() -> None:
    html = _page(
        '<div class="sku-name">海尔冰箱 BCD-470WDPG</div>'
        '<ul class="plist"><li><div class="p-price"><span class="price J-p-1">￥9.90</span>'
        "</div></li></ul>"
        '<div class="p-price"><span>￥</span><span class="price J-p-100012345678">3299.00</span>'
        "</div>"
    )
    product = detect(html, "https://item.jd.com/100012345678.html").product
    assert product["price"] == 3299 and product["currency"] == "CNY"


def test_jd_price_from_a_script_when_the_element_is_empty() -> None:
    html = _page(
        '<div class="sku-name">美的 KFR-35GW 空调</div><span class="price J-p-100020"></span>'
        '<script>cb([{"cbf":"0","id":"J_100020","m":"3999.00","op":"2999.00","p":"2799.00"}])'
        "</script>"
    )
    assert detect(html, "https://item.jd.com/100020.html").product["price"] == 2799


def test_jd_mobile_page_reads_the_item_json() -> None:
    html = _page(
        '<div id="itemName"></div><script>window._itemInfo = ({"item":{"skuId":"100030",'
        '"skuName":"小天鹅 TG100V88 滚筒洗衣机","category":["737","794","880"]},'
        '"price":{"p":"2599.00","op":"2999.00"}});</script>'
    )
    result = detect(html, "https://item.m.jd.com/product/100030.html")
    assert result.is_product
    assert result.product["title"] == "小天鹅 TG100V88 滚筒洗衣机"
    assert result.product["price"] == 2599
    assert result.product["canonical_url"] == "https://item.jd.com/100030.html"


@pytest.mark.parametrize(
    "url",
    [
        "https://item.m.jd.com/product/100030.html",
        "https://item.m.jd.com/ware/view.action?wareId=100030",
        "https://item.jd.com/100030.html?extension_id=x",
        "https://item.yiyaojd.com/100030.html",
    ],
)
def test_jd_item_url_forms(url: str) -> None:
    html = _page('<div class="sku-name">鱼跃 血压计</div><span id="jd-price">￥199.00</span>')
    result = detect(html, url)
    assert result.is_product and result.product["item_id"] == "100030"


def test_bestbuy_product_page_of_today() -> None:
    html = _page(
        '<main><h1 class="h4">LG - 65" Class C4 Series OLED evo 4K UHD Smart webOS TV</h1>'
        '<div data-testid="price-block-customer-price"><span>$1,499.99</span></div>'
        '<div role="radiogroup" aria-label="Protection"><h3>Geek Squad Protection</h3>'
        '<div role="radio">2-Year Protection <span>$249.99</span></div>'
        '<div role="radio">5-Year Protection <span>$399.99</span></div></div>'
        '<div role="radiogroup" aria-label="Size"><div role="radio">55" $1,299.99</div>'
        '<div role="radio">65" $1,499.99</div></div></main>'
    )
    url = "https://www.bestbuy.com/product/lg-65-class-c4-oled/J3ZYG2HX7K/sku/6578123"
    result = detect(html, url).to_dict()
    assert result["product"]["item_id"] == "6578123"
    assert result["product"]["price"] == "1499.99"
    assert result["product"]["category"] == "large"
    assert [(o["term_months"], o["price"], o["provider"]) for o in result["offers"]] == [
        (24, "249.99", "Geek Squad"), (60, "399.99", "Geek Squad"),
    ]  # fmt: skip


def test_bestbuy_canada_page_is_a_product() -> None:
    html = _page(
        '<h1 class="productName_2KoPa">HP 14" Chromebook - Silver</h1>'
        '<div data-automation="product-price"><span>$329.99</span></div>'
    )
    result = detect(html, "https://www.bestbuy.ca/en-ca/product/hp-14-chromebook/15446634.aspx")
    assert result.is_product and result.product["currency"] == "CAD"
    assert result.product["price"] == Decimal("329.99")


@pytest.mark.parametrize(
    ("url", "script"),
    [  # ITEM is the same item object in each page's own wrapper
        ("https://h5.m.taobao.com/awp/core/detail.htm?id=612345678901",
         'var _DATA_Detail = {"item":ITEM,"price":{"price":{"priceText":"2899"}}};'),
        ("https://detail.m.tmall.com/item.htm?id=612345678901",
         'window.__INIT_DATA = {"item":ITEM,"price":{"price":{"priceText":"2899.00"}}};'),
        ("https://chaoshi.detail.tmall.com/item.htm?id=612345678901",
         'TShop.Setup({"itemDO":ITEM,"detail":{"defaultItemPrice":"2899.00"}});'),
    ],
)  # fmt: skip
def test_taobao_and_tmall_mobile_and_supermarket_pages(url: str, script: str) -> None:
    item = '{"itemId":"612345678901","title":"格力 KFR-35GW 1.5匹 空调挂机"}'
    result = detect(_page(f"<script>{script.replace('ITEM', item)}</script>"), url)
    assert result.is_product
    assert result.product["title"] == "格力 KFR-35GW 1.5匹 空调挂机"
    assert result.product["price"] == 2899
    assert result.product["subcategory"] == "air_conditioner"
