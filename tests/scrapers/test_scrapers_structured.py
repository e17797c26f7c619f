"""schema.org readers: tolerant JSON-LD, microdata, OpenGraph, and their order of precedence."""

from __future__ import annotations

from scrapers.page import Page
from scrapers.structured import product_data


def page(head: str = "", body: str = "") -> Page:
    return Page(f"<html><head>{head}</head><body>{body}</body></html>", "https://shop.example/p")


def ld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


def test_trailing_commas_and_concatenated_objects_are_read() -> None:
    data = product_data(page(ld('{"@type": "WebPage", "name": "x",} {"@type": "Product", '
                                '"name": "Kettle", "offers": {"price": "29.99",},}')))  # fmt: skip
    assert data["name"] == "Kettle" and data["price"] == "29.99" and data["is_product"]


def test_graph_and_type_lists_and_breadcrumb_order() -> None:
    text = ('{"@graph": [{"@type": ["Product", "Thing"], "name": "Fridge", "brand": "LG"},'
            '{"@type": "BreadcrumbList", "itemListElement": ['
            '{"position": 2, "name": "Fridges"}, {"position": 1, "name": "Appliances"}]}]}')
    data = product_data(page(ld(text)))
    assert data["brand"] == "LG"
    assert data["breadcrumbs"] == ["Appliances", "Fridges"]


def test_unreadable_json_ld_is_skipped() -> None:
    assert product_data(page(ld("{not json at all"))) == {}


def test_json_ld_wins_over_microdata_and_opengraph() -> None:
    head = ld('{"@type": "Product", "name": "From JSON-LD"}') + (
        '<meta property="og:type" content="product"><meta property="og:title" content="From OG">'
        '<meta property="product:price:amount" content="10"><meta property="product:price:currency"'
        ' content="EUR">'
    )
    body = (
        '<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">MD</span></div>'
    )
    data = product_data(page(head, body))
    assert data["name"] == "From JSON-LD"
    assert (data["price"], data["currency"]) == ("10", "EUR")


def test_article_open_graph_is_not_a_product() -> None:
    assert product_data(page('<meta property="og:type" content="article">')) == {}
