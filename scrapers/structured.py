"""schema.org Product data from JSON-LD, microdata and OpenGraph tags.

One reader per syntax, each returning the same small dict, so the site parsers (and the generic
fallback) can take structured data as their default for every field. JSON-LD in the wild is often
broken: trailing commas, raw newlines, several objects in one script. Those are repaired where
that is cheap and skipped otherwise.
"""

from __future__ import annotations

import json
import re
from typing import Any

from scrapers.jsobject import to_json_text
from scrapers.page import Page
from scrapers.text import clean_space

_PRODUCT_TYPES = {"product", "productgroup", "individualproduct", "productmodel", "car"}


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: dict) -> set[str]:
    return {str(t).rsplit("/", 1)[-1].lower() for t in _as_list(obj.get("@type"))}


def _load(text: str) -> list[dict]:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    try:  # most JSON-LD is valid JSON: repair only what is not
        return _flatten(json.loads(text, strict=False))
    except (ValueError, RecursionError):
        pass
    fixed = to_json_text(text)
    for candidate in (fixed, "[" + re.sub(r"}\s*{", "},{", fixed) + "]"):
        try:
            data = json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
        return _flatten(data)
    return []


def _flatten(data: Any, depth: int = 0) -> list[dict]:
    out: list[dict] = []
    if depth > 6:
        return out
    for item in _as_list(data):
        if isinstance(item, dict):
            out.append(item)
            out.extend(_flatten(item.get("@graph"), depth + 1))
            out.extend(_flatten(item.get("mainEntity"), depth + 1))
    return out


def jsonld_objects(page: Page) -> list[dict]:
    objects: list[dict] = []
    for node in page.index["jsonld"]:
        objects.extend(_load(node.text() or ""))
    return objects


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or isinstance(value, dict | list):
        return None
    return clean_space(str(value)) or None


_UNITS = {"ANN": "year", "MON": "month", "DAY": "day"}


def _warranty(value: Any) -> str | None:
    """A WarrantyPromise as words ("2 year"), or plain text as given."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, dict):
        return _text(value)
    duration = value.get("durationOfWarranty")
    if isinstance(duration, dict) and duration.get("value") is not None:
        unit = _UNITS.get(str(duration.get("unitCode", "")).upper(), duration.get("unitText"))
        if unit:
            return f"{duration['value']} {unit}"
    return _text(value.get("description")) or _text(value.get("name"))


def _offer_fields(offers: Any) -> dict:
    out: dict = {}
    for offer in _as_list(offers):
        if not isinstance(offer, dict):
            continue
        spec = offer.get("priceSpecification")
        spec = spec[0] if isinstance(spec, list) and spec else spec
        spec = spec if isinstance(spec, dict) else {}
        out.setdefault("price", _text(offer.get("price")) or _text(spec.get("price")))
        out.setdefault("low", _text(offer.get("lowPrice")))
        out.setdefault("high", _text(offer.get("highPrice")))
        out.setdefault(
            "currency", _text(offer.get("priceCurrency")) or _text(spec.get("priceCurrency"))
        )
        out.setdefault("seller", _text(offer.get("seller")))
        out.setdefault("warranty", _warranty(offer.get("warranty")))
    return {k: v for k, v in out.items() if v}


def _breadcrumbs(objects: list[dict]) -> list[str]:
    for obj in objects:
        if "breadcrumblist" in _types(obj):
            items = sorted(
                (i for i in _as_list(obj.get("itemListElement")) if isinstance(i, dict)),
                key=lambda i: int(i.get("position") or 0) if str(i.get("position", "")).isdigit()
                else 0,
            )
            names = [_text(i.get("name")) or _text(i.get("item")) for i in items]
            return [n for n in names if n and not n.startswith("http")]
    return []


def from_jsonld(page: Page) -> dict:
    objects = jsonld_objects(page)
    out: dict = {}
    for obj in objects:
        if _types(obj) & _PRODUCT_TYPES:
            out = {
                "name": _text(obj.get("name")),
                "brand": _text(obj.get("brand")) or _text(obj.get("manufacturer")),
                "sku": _text(obj.get("sku")) or _text(obj.get("productID")),
                "mpn": _text(obj.get("mpn")),
                "model": _text(obj.get("model")) or _text(obj.get("mpn")),
                "gtin": _text(obj.get("gtin13") or obj.get("gtin12") or obj.get("gtin")),
                "url": _text(obj.get("url")),
                "description": _text(obj.get("description")),
                "category": _text(obj.get("category")),
                "warranty": _warranty(obj.get("warranty")),
            }
            for key, value in _offer_fields(obj.get("offers")).items():
                if not out.get(key):
                    out[key] = value
            break
    crumbs = _breadcrumbs(objects)
    if crumbs:
        out["breadcrumbs"] = crumbs
    return {k: v for k, v in out.items() if v}


def _owned(node, scope) -> bool:
    """True when ``node`` belongs to ``scope`` or its offers, not to a nested item such as a
    breadcrumb (eBay's and Walmart's breadcrumb names sit inside the Product's scope)."""
    parent = node.parent
    while parent is not None and parent.mem_id != scope.mem_id:
        attrs = parent.attributes
        if "itemscope" in attrs and (attrs.get("itemprop") or "") not in ("offers", ""):
            return False
        if "itemscope" in attrs and "itemprop" not in attrs:
            return False
        parent = parent.parent
    return True


def from_microdata(page: Page) -> dict:
    scope = _scope(page, "schema.org/Product")
    if scope is None:
        return {}

    def prop(name: str) -> str | None:
        node = next((n for n in scope.css(f'[itemprop="{name}"]') if _owned(n, scope)), None)
        if node is None:
            return None
        attrs = node.attributes
        value = attrs.get("content") or attrs.get("value") or node.text(separator=" ")
        return clean_space(value or "") or None

    out = {
        "name": prop("name"),
        "brand": prop("brand"),
        "sku": prop("sku") or prop("productID"),
        "model": prop("model") or prop("mpn"),
        "gtin": prop("gtin13") or prop("gtin"),
        "price": prop("price"),
        "low": prop("lowPrice"),
        "high": prop("highPrice"),
        "currency": prop("priceCurrency"),
        "description": prop("description"),
    }
    return {k: v for k, v in out.items() if v}


def _scope(page: Page, kind: str):
    """The first microdata item of a type (``schema.org/Product``), from the page's index."""
    return next((n for n in page.index["itemtype"] if kind in (n.attributes.get("itemtype") or "")
                 and not (n.attributes.get("itemtype") or "").endswith(kind + "Model")), None)


def microdata_breadcrumbs(page: Page) -> list[str]:
    """Names in a microdata BreadcrumbList, in page order."""
    crumbs = _scope(page, "schema.org/BreadcrumbList")
    nodes = crumbs.css('[itemprop="itemListElement"]') if crumbs is not None else []
    names = []
    for node in nodes:
        name = node.css_first('[itemprop="name"]')
        text = clean_space(name.text(separator=" ")) if name is not None else ""
        if text:
            names.append(text)
    return names


def from_opengraph(page: Page) -> dict:
    kind = (page.meta("og:type") or "").lower()
    if "product" not in kind:
        return {}
    out = {
        "name": page.meta("og:title"),
        "brand": page.meta("product:brand") or page.meta("og:brand"),
        "price": page.meta("product:price:amount") or page.meta("og:price:amount"),
        "currency": page.meta("product:price:currency") or page.meta("og:price:currency"),
        "url": page.meta("og:url"),
        "description": page.meta("og:description"),
    }
    return {k: v for k, v in out.items() if v}


def product_data(page: Page) -> dict:
    """JSON-LD first, then microdata, then OpenGraph; earlier sources win per key."""
    merged: dict = {}
    for reader in (from_jsonld, from_microdata, from_opengraph):
        found = reader(page)
        if reader is from_microdata and "breadcrumbs" not in merged:
            crumbs = microdata_breadcrumbs(page)
            found = {**found, "breadcrumbs": crumbs} if crumbs else found
        if found.keys() & {"name", "sku", "price", "low"}:
            merged["is_product"] = True
        for key, value in found.items():
            merged.setdefault(key, value)
    return merged
