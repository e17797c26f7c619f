"""Protection plans from the widgets and add-on blocks that shops embed beside the buy button.

Plan providers (Extend, Mulberry, Clyde, Allstate/SquareTrade, Asurion, Geek Squad) render
their offers into a container named after them; retailers' own add-on blocks ("Add a
Protection Plan", "Add-on services") look the same. The containers are data
(``data/plan_widgets.json``); inside one, an offer is the largest block that shows exactly one
price, so a row's label, term and price stay together whatever the markup between them.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from selectolax.lexbor import LexborNode

from scrapers.model import Offer
from scrapers.offers import PRICE, read_option
from scrapers.page import Page, matches
from scrapers.text import match_form
from scrapers.warranty import provider_of

_MAX_DEPTH = 12
_MAX_CONTAINERS = 40


@cache
def _widgets() -> list[dict]:
    raw = resources.files("scrapers.data").joinpath("plan_widgets.json").read_text("utf-8")
    return json.loads(raw)["widgets"]


def _prices(text: str) -> int:
    return len({match.group(0).replace(" ", "") for match in PRICE.finditer(text)})


def _rows(node: LexborNode, depth: int = 0) -> list[LexborNode]:
    """The largest blocks under ``node`` that show exactly one price."""
    count = _prices(node.text(separator=" "))
    if count == 0 or depth > _MAX_DEPTH:
        return []
    if count == 1 and depth > 0:
        return [node]
    out: list[LexborNode] = []
    for child in node.iter():
        out.extend(_rows(child, depth + 1))
    return out


def _mentions(node: LexborNode, words: list[str]) -> bool:
    text = match_form(node.text(separator=" ")[:2000])
    return any(word in text for word in words)


def _attribute(offers: list[Offer], provider: str | None, container: LexborNode) -> list[Offer]:
    """The widget's provider, or the one its heading names ("Walmart protection plan powered
    by Allstate"), for rows that name none; not when the rows name providers of their own."""
    if any(offer.provider for offer in offers):
        return offers
    named = provider or provider_of(container.text(separator=" ")[:1000])
    for offer in offers:
        offer.provider = named
    return offers


def widget_offers(page: Page, currency_hint: str | None) -> list[Offer]:
    """Every plan offer inside a known widget or add-on container, in page order."""
    widgets = _widgets()
    offers: list[Offer] = []
    seen: set[int] = set()
    containers = page.select([sel for widget in widgets for sel in widget["selectors"]])
    for container in containers[:_MAX_CONTAINERS]:  # a real page has a handful
        widget = next((w for w in widgets if _is(container, w["selectors"])), None)
        if widget is None or ("mention" in widget and not _mentions(container, widget["mention"])):
            continue
        found = []
        for row in _rows(container):
            if row.mem_id in seen:
                continue
            seen.add(row.mem_id)
            offer = read_option(row, currency_hint, "site_rule", in_plan_block=True)
            if offer is not None:
                found.append(offer)
        offers.extend(_attribute(found, widget["provider"], container))
    return offers


def _is(node: LexborNode, selectors: list[str]) -> bool:
    return any(matches(node, sel) for sel in selectors)
