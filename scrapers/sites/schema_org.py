"""Fallback for any host without its own module: schema.org Product data or nothing."""

from __future__ import annotations

from typing import Any

from scrapers.money import currency_for_lang
from scrapers.sites.base import SiteParser
from scrapers.text import match_form

_ARTICLE_WORDS = ("延保", "保修", "退款", "warranty", "protection plan", "refund")


class SchemaOrgParser(SiteParser):
    site = "schema_org"

    def currency_hint(self) -> str | None:
        """No site to ask: the page's language (given, or its <html lang>) stands in."""
        return currency_for_lang(self.lang or self.page.attr("html", "lang"))

    def content_reason(self, values: dict[str, Any]) -> str | None:
        if not self.structured.get("is_product"):
            kind = (self.page.meta("og:type") or "").lower()
            if kind == "article" or self.page.first("article") is not None:
                return "article page without schema.org Product data"
            text = match_form(self.page.body_text(5_000))
            if sum(text.count(word) for word in _ARTICLE_WORDS) >= 3:
                return "article about warranties or refunds, not a product page"
            return "no schema.org Product data or OpenGraph product tags"
        return super().content_reason(values)
