"""Plan widgets and add-on blocks, read wherever a shop embeds them.

The Amazon and Walmart blocks are covered by real pages (tests/data/real); no saved page here
shows Extend, Mulberry or Clyde, so these snippets are written by hand in the shape of those
widgets' containers (see scrapers/data/plan_widgets.json for what is and is not verified).
"""

from __future__ import annotations

import pytest

from scrapers import detect

PRODUCT = (
    '<script type="application/ld+json">{"@type":"Product","name":"Acme 65-inch 4K TV",'
    '"offers":{"@type":"Offer","price":"599.99","priceCurrency":"USD"}}</script>'
)


def _offers(widget: str) -> list[dict]:
    html = f"<html><head>{PRODUCT}</head><body><h1>Acme 65-inch 4K TV</h1>{widget}</body></html>"
    return detect(html, "https://shop.example.com/products/acme-tv").to_dict()["offers"]


@pytest.mark.parametrize(
    ("widget", "provider"),
    [
        ('<div id="extend-offer"><button><span>2 Year</span> <span>$49.99</span></button>'
         "<button><span>3 Year</span> <span>$69.99</span></button></div>", "Extend"),
        ('<div class="mulberry-inline-container"><div class="mulberry-offer">'
         "<label>2 Years of Protection</label><span>$49.99</span></div>"
         '<div class="mulberry-offer"><label>3 Years of Protection</label><span>$69.99</span>'
         "</div></div>", "Mulberry"),
        ('<div id="clyde-product-page"><ul><li>2 years <b>$49.99</b></li>'
         "<li>3 years <b>$69.99</b></li></ul></div>", "Clyde"),
    ],
)  # fmt: skip
def test_embedded_widgets(widget: str, provider: str) -> None:
    offers = _offers(widget)
    assert [(o["term_months"], o["price"], o["provider"]) for o in offers] == [
        (24, "49.99", provider), (36, "69.99", provider),
    ]  # fmt: skip
    assert {o["kind"] for o in offers} == {"extended"}


def test_the_provider_named_in_the_row_wins_over_the_block() -> None:
    offers = _offers(
        '<section class="protection-plan"><label>3-Year Accident Protection Plan by Asurion '
        "$89.00</label></section>"
    )
    assert [(o["provider"], o["kind"], o["term_months"]) for o in offers] == [
        ("Asurion", "accidental_damage", 36)
    ]


def test_a_block_without_prices_offers_nothing() -> None:
    assert _offers('<div class="protection-plan">Protect your TV for 2 years</div>') == []


def test_the_word_extended_is_not_the_provider_extend() -> None:
    offers = _offers('<div class="warranty-options"><label>2-Year Extended Warranty $40</label>'
                     "</div>")  # fmt: skip
    assert offers[0]["provider"] is None


def test_jd_more_list_repeats_collapse() -> None:
    shown = '<div class="yb-item"><span>延长保修1年</span> <span>￥99</span></div>'
    again = '<div class="yb-item"><span>延长保修 1 年</span> <span>99.00元</span></div>'
    html = (
        '<html><body><div class="sku-name">海尔冰箱 BCD-470</div><span id="jd-price">￥2999</span>'
        f'<div class="service-type-yb">{shown}<div>更多 {again}</div></div></body></html>'
    )
    offers = detect(html, "https://item.jd.com/100123.html").to_dict()["offers"]
    assert [(o["name"], o["price"]) for o in offers] == [("延长保修1年", "99.00")]
