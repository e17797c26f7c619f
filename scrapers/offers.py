"""Warranty-plan options read from the option lists that product pages render.

Every supported site shows its plans as a labelled group of clickable options ("京东服务",
"延保服务", "Add a Protection Plan", "Geek Squad Protection"). Class names change often, the
shape does not: so a site names its group containers and this module reads the options inside.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

from scrapers.model import Offer
from scrapers.money import parse_money
from scrapers.text import clean_space, match_form
from scrapers.warranty import looks_like_plan, offer_kind, provider_of, term_months

PRICE = re.compile(
    r"(?:US\s?\$|C\$|CA\$|CDN\$|HK\$|A\$|R\$|Rs\.?\s?|[¥￥$€£₹])\s*\d[\d,]*(?:[.,]\d{1,2})?"
    r"|\d[\d,.]*\s*(?:元|€|£)"
)
_DECLINE = ("不选", "无需", "不需要", "暂不", "no protection", "no thanks", "no plan", "none")
_SELECTED = ("selected", "checked", "active", "current", "is-selected", "isselected", "tb-selected")


def _is_selected(node: LexborNode) -> bool:
    attrs = node.attributes
    classes = (attrs.get("class") or "").lower().split()
    if any(part in _SELECTED for c in classes for part in c.split("--")):
        return True
    if (attrs.get("aria-checked") or attrs.get("aria-selected") or "").lower() == "true":
        return True
    box = node.css_first("input[checked]")
    return box is not None


def read_option(
    node: LexborNode, currency_hint: str | None, source: str, in_plan_block: bool = False
) -> Offer | None:
    """One option as an offer; inside a known plan block a term and a price are enough."""
    text = clean_space(node.text(separator=" "))
    if not text or len(text) > 300:
        return None
    if any(word in match_form(text) for word in _DECLINE):
        return None
    price_match = PRICE.search(text)
    if not looks_like_plan(text) and not (in_plan_block and price_match and term_months(text)):
        return None
    money = parse_money(price_match.group(0), currency_hint) if price_match else None
    name = clean_space(PRICE.sub("", text)).strip(" :：-–|+") or text
    for tail in (" for", " 仅", " only"):
        name = name.removesuffix(tail)
    name = re.sub(r"^(?:include|add)\s+", "", name, flags=re.IGNORECASE)
    kind = offer_kind(name)
    if kind == "other" and in_plan_block:  # a term and a price in a protection block
        kind = "extended"
    return Offer(
        name=name,
        kind=kind,
        term_months=term_months(name),
        price=money.amount if money else None,
        currency=(money.currency if money else None),
        provider=provider_of(node.attributes.get("data-provider") or _with_links(node, text)),
        preselected=_is_selected(node),
        source=source,
    )


def _with_links(node: LexborNode, text: str) -> str:
    """The option's text and its links: Amazon names the provider only in the plan's URL."""
    links = " ".join(a.attributes.get("href") or "" for a in node.css("a[href]"))
    return f"{text} {links.replace('-', ' ')}" if links else text


def collapse(offers: list[Offer]) -> list[Offer]:
    """One offer per identity: the same plan read twice (JD's "更多…" list repeats the shown
    options; a widget and a site rule may both see a row) counts once, first reading kept."""
    out: list[Offer] = []
    seen: set[tuple] = set()
    for offer in offers:
        key = identity(offer)
        if key not in seen:
            seen.add(key)
            out.append(offer)
    return out


def identity(offer: Offer) -> tuple:
    """What makes two offers the same plan: kind, term and price; the name when unpriced."""
    name = "" if offer.price is not None else match_form(offer.name).replace(" ", "")
    return (offer.kind, offer.term_months, offer.price, offer.currency, name)


def read_options(
    nodes: list[LexborNode], currency_hint: str | None, source: str = "site_rule"
) -> list[Offer]:
    """Offers from option nodes, in page order, without duplicates."""
    out: list[Offer] = []
    seen: set[tuple] = set()
    for node in nodes:
        offer = read_option(node, currency_hint, source)
        if offer is None:
            continue
        key = (offer.name, offer.price)
        if key not in seen:
            seen.add(key)
            out.append(offer)
    return out
