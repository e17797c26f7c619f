"""Site registration: every parser has fixtures, every fixture folder has a parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scrapers import parser_for
from scrapers.sites import load_all

DATA = Path(__file__).resolve().parents[1] / "data"
NOT_SITES = {"classification", "providers", "articles", "real"}

URLS = {
    "jd": ["https://item.jd.com/100007300763.html", "https://item.jd.hk/100012043978.html",
           "https://npcitem.jd.hk/100012043978.html", "https://item.m.jd.com/product/100007300763.html"],
    "taobao": ["https://item.taobao.com/item.htm?id=589284723213",
               "https://world.taobao.com/item/589284723213.htm",
               "https://m.intl.taobao.com/detail/detail.html?id=589284723213",
               "https://h5.m.taobao.com/awp/core/detail.htm?id=589284723213"],
    "tmall": ["https://detail.tmall.com/item.htm?id=599742108377",
              "https://detail.tmall.hk/hk/item.htm?id=599742108377",
              "https://chaoshi.detail.tmall.com/item.htm?id=599742108377",
              "https://detail.m.tmall.com/item.htm?id=599742108377"],
    "amazon": ["https://www.amazon.com/dp/B07MXZ1TYH", "https://www.amazon.co.uk/dp/B0CHX1K3TR",
               "https://www.amazon.de/gp/product/B0BWFQPB4N", "https://www.amazon.co.jp/dp/B0BWFQPB4N",
               "https://www.amazon.com.au/dp/B0BWFQPB4N", "https://www.amazon.ca/dp/B00MVVI1FC"],
    "bestbuy": ["https://www.bestbuy.com/site/x/6536987.p?skuId=6536987",
                "https://www.bestbuy.com/product/lg-65-inch-oled-tv/J3ZYG2HX7K/sku/6578123",
                "https://www.bestbuy.ca/fr-ca/produit/hp-14-chromebook/15446634",
                "https://www.bestbuy.ca/en-ca/product/hp-14-chromebook/15446634.aspx",
                "https://www.bestbuy.ca/en-ca/product/hp-14-chromebook-silver/15446634"],
    "walmart": ["https://www.walmart.com/ip/575782833",
                "https://www.walmart.com/ip/Cyberpunk-2077-PlayStation-4/786104378",
                "https://www.walmart.ca/en/ip/apple-airpods/6000201234567"],
    "ebay": ["https://www.ebay.com/itm/276543210987", "https://www.ebay.co.uk/itm/x-y/175678901234",
             "https://www.ebay.de/itm/175678901234?hash=item1"],
    "aliexpress": ["https://www.aliexpress.com/item/1005004567890123.html",
                   "https://fr.aliexpress.com/item/1005004567890123.html?spm=x",
                   "https://www.aliexpress.us/item/3256804567890123.html"],
    "schema_org": ["https://shop.example-appliances.com/products/x", "https://www.jdsports.com/p/1"],
}  # fmt: skip


def fixture_sites() -> set[str]:
    built = {p.name for p in DATA.iterdir() if p.is_dir() and p.name not in NOT_SITES}
    return built | {p.name for p in (DATA / "real").iterdir() if p.name in load_all()}


def _is_product(spec: dict) -> bool:
    return spec["labels"]["is_product"] if "labels" in spec else spec["expect"]["is_product"]


def test_every_registered_site_has_fixtures() -> None:
    assert set(load_all()) - fixture_sites() == set()


def test_every_fixture_folder_maps_to_a_site() -> None:
    assert fixture_sites() - set(load_all()) == set()


@pytest.mark.parametrize("site", sorted(fixture_sites()))
def test_site_has_three_cases_and_a_non_product(site: str) -> None:
    paths = [*(DATA / site).glob("*.json"), *(DATA / "real" / site).glob("*.json")]
    specs = [json.loads(p.read_text("utf-8")) for p in paths]
    assert len(specs) >= 3
    assert any(_is_product(spec) is False for spec in specs)


@pytest.mark.parametrize(("site", "url"), [(s, u) for s, urls in URLS.items() for u in urls])
def test_host_routes_to_site(site: str, url: str) -> None:
    assert parser_for(url).site == site


@pytest.mark.parametrize(("site", "url"), [(s, u) for s, urls in URLS.items() for u in urls])
def test_url_is_rejected_by_every_other_site(site: str, url: str) -> None:
    others = [p for name, p in load_all().items() if name != site and p.hosts]
    host = url.split("/")[2]
    assert not [p.site for p in others if any(host == h or host.endswith("." + h) for h in p.hosts)]


@pytest.mark.parametrize("site", ["taobao", "tmall", "jd"])
def test_chinese_sites_keep_rendered_and_raw_fixtures(site: str) -> None:
    names = {p.stem.split("_")[0] for p in (DATA / site).glob("*.html")}
    assert {"rendered", "raw"} <= names


@pytest.mark.parametrize(("site", "url"), [(s, u) for s, urls in URLS.items() for u in urls])
def test_every_product_url_form_is_taken_for_a_product_page(site: str, url: str) -> None:
    from scrapers.page import Page

    assert parser_for(url)(Page("", url)).url_reason() is None


@pytest.mark.parametrize(
    "url",
    ["https://www.bestbuy.com/site/searchpage.jsp?st=tv", "https://www.bestbuy.ca/en-ca/category/tvs/21344",
     "https://search.jd.com/Search?keyword=tv", "https://list.jd.com/list.html?cat=737,794,798",
     "https://s.taobao.com/search?q=tv", "https://list.tmall.com/search_product.htm?q=tv",
     "https://www.amazon.com/s?k=tv", "https://www.walmart.com/search?q=tv",
     "https://www.walmart.com/browse/electronics/3944"],
)  # fmt: skip
def test_listing_urls_are_not_product_pages(url: str) -> None:
    from scrapers.page import Page

    assert parser_for(url)(Page("", url)).url_reason() is not None
