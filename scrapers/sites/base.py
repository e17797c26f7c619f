"""The interface every site parser implements, and the structured-data defaults.

A field is looked up in three places, in order, and the first answer wins; where it came from
is the field's provenance:

* ``rule_<field>``: the site's own markup or embedded data (defined by site modules),
* ``structured_<field>``: schema.org JSON-LD, microdata or OpenGraph (defined here),
* ``heuristic_<field>``: generic guesses such as the ``<h1>`` (defined here).

A site module therefore declares its hosts and overrides only the ``rule_`` methods where the
site differs. Subclasses register themselves by host when they are defined.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, ClassVar

from scrapers.classify import Classification, classify, for_plan_seller
from scrapers.model import DetectResult, Offer
from scrapers.money import Money, parse_money
from scrapers.offers import collapse
from scrapers.page import Page
from scrapers.structured import product_data
from scrapers.terms import title_clauses, warranty_terms, whole_unit_months
from scrapers.text import clean_space
from scrapers.warranty import is_official_store, mentions_nationwide, term_months
from scrapers.widgets import widget_offers

FIELDS = (
    "item_id", "canonical_url", "title", "brand", "model", "breadcrumbs", "price", "seller",
    "official_store", "warranty_text", "nationwide_warranty",
)  # fmt: skip
SOURCES = (
    ("rule_", "site_rule"), ("structured_", "structured_data"), ("heuristic_", "heuristic"),
)  # fmt: skip
_MODEL = re.compile(
    r"(?<![A-Za-z0-9])([A-Z]{1,6}[-/]?\d[A-Z0-9\-/]{1,18}|\d{2,3}[A-Z][A-Z0-9\-]{1,12})"
)
_PRICE_MARKUP = ('[itemprop="price"], [data-test="product-price"], [data-testid="product-price"], '
                 ".product-buy-box .price-current, .price-current, .product-price")  # fmt: skip
_BRAND_PAIR = re.compile(r"^\s*([^\s（(/]{1,20})\s*[（(]([A-Za-z][A-Za-z .&'-]{1,30})[)）]")
_BRAND_SLASH = re.compile(r"^\s*([A-Za-z][A-Za-z&'-]{1,20})/[\u4e00-\u9fff]")


class SiteParser:
    """Base parser: structured-data defaults plus the registry of site parsers."""

    site: ClassVar[str] = ""
    hosts: ClassVar[tuple[str, ...]] = ()
    currency: ClassVar[str | None] = None
    # When the site's own extended-warranty plans begin. JD and Taobao/Tmall sell 延保 that
    # runs after the manufacturer's whole-unit warranty ends; US retailers' plans run from
    # purchase and overlap it.
    extended_starts: ClassVar[str] = "purchase"
    # Who stands behind a plan the page does not attribute (JD's 京东服务+ plans are JD's own).
    plan_provider: ClassVar[str | None] = None
    registry: ClassVar[dict[str, type[SiteParser]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.site:
            SiteParser.registry[cls.site] = cls

    @classmethod
    def for_host(cls, host: str) -> type[SiteParser] | None:
        """The registered parser whose host (or parent domain) matches, longest first."""
        best: tuple[int, type[SiteParser] | None] = (0, None)
        for parser in cls.registry.values():
            for known in parser.hosts:
                if (host == known or host.endswith("." + known)) and len(known) > best[0]:
                    best = (len(known), parser)
        return best[1]

    def __init__(self, page: Page, lang: str | None = None) -> None:
        self.page = page
        self.lang = lang

    # -- page kind ---------------------------------------------------------------------------

    def url_reason(self) -> str | None:
        """Why the URL alone says this is not a product page (search, listing, shop), or None."""
        return None

    def content_reason(self, values: dict[str, Any]) -> str | None:
        """Why the content says this is not a product page, or None."""
        if not values.get("title"):
            return "no product title on the page"
        signals = (values.get("item_id"), values.get("price"), self.structured.get("is_product"))
        if not any(signals):
            return "no product data (no item id, price or schema.org Product)"
        return None

    # -- structured-data defaults ------------------------------------------------------------

    @cached_property
    def structured(self) -> dict[str, Any]:
        return product_data(self.page)

    def currency_hint(self) -> str | None:
        return self.currency

    def structured_title(self) -> str | None:
        return self.structured.get("name")

    def structured_brand(self) -> str | None:
        return self.structured.get("brand")

    def structured_model(self) -> str | None:
        return self.structured.get("model")

    def structured_item_id(self) -> str | None:
        return self.structured.get("sku")

    def structured_canonical_url(self) -> str | None:
        return self.page.absolute(self.structured.get("url"))

    def structured_breadcrumbs(self) -> list[str]:
        return self.structured.get("breadcrumbs") or []

    def structured_seller(self) -> str | None:
        return self.structured.get("seller")

    def structured_warranty_text(self) -> str | None:
        return self.structured.get("warranty")

    def structured_price(self) -> Money | None:
        data, hint = self.structured, self.structured.get("currency") or self.currency_hint()
        low, high = parse_money(data.get("low"), hint), parse_money(data.get("high"), hint)
        if low and high and high.amount > low.amount:
            return Money(low.amount, hint, high.amount)
        return parse_money(data.get("price"), hint) or low

    # -- generic heuristics ------------------------------------------------------------------

    def heuristic_canonical_url(self) -> str | None:
        links = self.page.index["canonical"]
        return self.page.absolute(links[0].attributes.get("href") if links else None)

    def heuristic_title(self) -> str | None:
        return self.page.meta("og:title") or self.page.text("h1")

    def heuristic_price(self) -> Money | None:
        """Common price markup when no rule or structured data gave one."""
        hint = self.currency_hint()
        prices = self.page.index["price"]
        value = prices[0].attributes.get("content") if prices else None
        money = parse_money(value, hint) if value else None
        text = None if money else self.page.text(_PRICE_MARKUP)
        return money or (parse_money(text, hint) if text else None)

    def heuristic_brand(self) -> str | None:
        """ "海信（Hisense）60E3F …" → 海信（Hisense）; "Haier/海尔冰箱 …" → Haier."""
        title = self.values.get("title") or ""
        pair = _BRAND_PAIR.match(title)
        if pair:
            return f"{pair.group(1)}（{pair.group(2)}）"
        slash = _BRAND_SLASH.match(title)
        return slash.group(1) if slash else None

    def heuristic_model(self) -> str | None:
        found = _MODEL.search(self.values.get("title") or "")
        return found.group(1) if found else None

    def heuristic_official_store(self) -> bool | None:
        return is_official_store(self.values.get("seller"))

    def heuristic_nationwide_warranty(self) -> bool | None:
        return True if mentions_nationwide(self.values.get("warranty_text")) else None

    # -- offers ------------------------------------------------------------------------------

    def rule_offers(self) -> list[Offer]:
        return []

    def widget_offers(self) -> list[Offer]:
        """Plans in embedded provider widgets and add-on blocks (any shop may carry them)."""
        return widget_offers(self.page, self.currency_hint())

    # -- extraction --------------------------------------------------------------------------

    def _lookup(self, name: str) -> tuple[Any, str | None]:
        for prefix, source in SOURCES:
            getter = getattr(self, prefix + name, None)
            if getter is None:
                continue
            try:
                value = getter()
            except Exception:  # one broken rule must not sink the other fields
                value = None
            if isinstance(value, str):
                value = clean_space(value)
            if value not in (None, "", [], {}):
                return value, source
        return None, None

    def extract(self) -> DetectResult:
        reason = self.url_reason()
        if reason:
            return DetectResult(is_product=False, reason=reason, site=self.site or None)
        self.values: dict[str, Any] = {}
        provenance: dict[str, str] = {}
        for name in FIELDS:
            value, source = self._lookup(name)
            if source:
                self.values[name] = value
                provenance[name] = source
        reason = self.content_reason(self.values)
        if reason:
            return DetectResult(is_product=False, reason=reason, site=self.site or None)
        offers = self._offers()
        product = self._product(provenance, offers)
        for offer in offers:
            if offer.kind == "extended":
                offer.starts = self.extended_starts
        return DetectResult(
            is_product=True, site=self.site or None, product=product,
            provenance=provenance, offers=offers,
        )  # fmt: skip

    def _offers(self) -> list[Offer]:
        offers: list[Offer] = []
        for reader in (self.rule_offers, self.widget_offers):
            try:
                offers.extend(reader())
            except Exception:  # a broken block must not hide the product
                continue
        for offer in offers:
            offer.provider = offer.provider or self.plan_provider
        return collapse(offers)

    def rule_category_ids(self) -> list | None:
        """The shop's own category ids for this item (JD: [737, 794, 798]), if the page has them."""
        return None

    def _classify(self, values: dict[str, Any], offers: list[Offer]) -> Classification:
        """Everything the page gives, most specific first (see :func:`classify`)."""
        try:
            ids = self.rule_category_ids()
        except Exception:
            ids = None
        hint = self.structured.get("category")
        verdict = classify(values.get("title"), values.get("breadcrumbs"),
                           self.structured.get("description"), [hint] if hint else None,
                           self.site, ids)  # fmt: skip
        if offers:
            texts = [values.get("title") or "", *reversed(values.get("breadcrumbs") or [])]
            verdict = for_plan_seller(verdict, texts)
        return verdict

    def _warranty(self, values: dict[str, Any], provenance: dict[str, str]) -> None:
        """Terms per component from the warranty text (and a title that states one); the
        whole-unit term stays ``warranty_months``."""
        text = values.get("warranty_text")
        terms = warranty_terms(text, title_clauses(values.get("title")))
        values["warranty_terms"] = terms
        months = whole_unit_months(terms)
        if months is None and text and not terms:
            months = term_months(text)
        if terms:
            provenance["warranty_terms"] = provenance.get("warranty_text", "heuristic")
        if months is not None:
            values["warranty_months"] = months
            provenance["warranty_months"] = provenance.get("warranty_text", "heuristic")

    def _product(self, provenance: dict[str, str], offers: list[Offer]) -> dict[str, Any]:
        values = dict(self.values)
        money: Money | None = values.pop("price", None)
        if money is not None:
            source = provenance["price"]
            values.update(price=money.amount, currency=money.currency or self.currency_hint())
            if money.is_range:
                values.update(price_min=money.amount, price_max=money.high)
                provenance.update(price_min=source, price_max=source)
            provenance["currency"] = source
        elif self.currency:  # a shop with one currency says which, price or not
            values["currency"] = self.currency_hint()
            provenance["currency"] = "site_rule"
        self._warranty(values, provenance)
        verdict = self._classify(values, offers)
        values.update(
            url=self.page.url or None,
            category=verdict.category,
            subcategory=verdict.subcategory,
            category_confidence=verdict.confidence,
            category_evidence=verdict.evidence,
        )
        provenance["category"] = "heuristic"
        return values
