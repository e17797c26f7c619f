"""Request and response shapes for POST /api/v1/pages/detect."""

from __future__ import annotations

from apiflask import fields, validators

from server.schemas.base import Boolean, Integer, Schema
from server.schemas.quotes import QuoteOut, QuoteSettingsIn, default_settings

MAX_HTML_BYTES = 3 * 1024 * 1024
LANG = validators.Regexp(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                         error="Use a language tag such as 'zh-CN' or 'en'.")


class DetectIn(Schema):
    REPLACE_SURROGATES = ("html",)

    url = fields.URL(schemes={"http", "https"}, required=True,
                     validate=validators.Length(max=4096),
                     metadata={"description": "The page's address. It is never fetched."})
    html = fields.String(required=True, metadata={
        "description": "The page as the browser rendered it, trimmed to the product region and "
        "its structured data; at most 3 MiB as UTF-8. Never logged or stored."})
    lang = fields.String(validate=LANG, load_default=None)
    settings = fields.Nested(QuoteSettingsIn, load_default=default_settings,
                             metadata={"description": "The shopper's settings for the "
                                       "comparison, as in POST /api/v1/quotes."})


class OfferOut(Schema):
    name = fields.String()
    provider = fields.String(allow_none=True)
    kind = fields.String()
    term_months = Integer(allow_none=True)
    starts = fields.String(metadata={"description": "purchase, or after_manufacturer where the "
                                     "site's plans begin when the manufacturer warranty ends"})
    price = fields.String(allow_none=True)
    currency = fields.String(allow_none=True)
    preselected = Boolean()
    source = fields.String()


class WarrantyTermOut(Schema):
    component = fields.String(metadata={"description": "whole_unit, main_parts, compressor, "
                                        "motor, panel, sealed_system, tank, battery, …"})
    months = Integer()


class DetectedProductOut(Schema):
    url = fields.String(allow_none=True)
    canonical_url = fields.String(allow_none=True)
    item_id = fields.String(allow_none=True)
    title = fields.String(allow_none=True)
    brand = fields.String(allow_none=True)
    model = fields.String(allow_none=True)
    breadcrumbs = fields.List(fields.String())
    category = fields.String(allow_none=True, metadata={
        "description": "large, small, digital, medical or not_eligible"})
    subcategory = fields.String(allow_none=True)
    category_confidence = fields.Float(allow_none=True)
    category_evidence = fields.List(fields.String())
    price = fields.String(allow_none=True)
    price_min = fields.String(allow_none=True)
    price_max = fields.String(allow_none=True)
    currency = fields.String(allow_none=True)
    seller = fields.String(allow_none=True)
    official_store = Boolean(allow_none=True)
    warranty_text = fields.String(allow_none=True)
    warranty_months = Integer(allow_none=True, metadata={
        "description": "The manufacturer's whole-unit term."})
    warranty_terms = fields.List(fields.Nested(WarrantyTermOut), metadata={
        "description": "The manufacturer's terms per component, as the page states them."})
    nationwide_warranty = Boolean(allow_none=True)


class ComparisonOut(QuoteOut):
    """The quote's shape; `unavailable` is in the language of the body's `lang`."""


class DetectOut(Schema):
    is_product = Boolean()
    reason = fields.String(allow_none=True)
    site = fields.String(allow_none=True)
    product = fields.Nested(DetectedProductOut, allow_none=True)
    provenance = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "How each field was found: structured_data, site_rule or heuristic."})
    offers = fields.List(fields.Nested(OfferOut))
    comparison = fields.Nested(ComparisonOut, allow_none=True)
