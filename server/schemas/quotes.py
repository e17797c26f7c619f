"""Request and response shapes for POST /api/v1/quotes."""

from __future__ import annotations

from apiflask import fields, validators
from marshmallow import post_load

from server.domain.vocabulary import (
    CATEGORIES,
    EXCLUDED_REASONS,
    MARKETS,
    PLAN_KINDS,
    PLAN_STARTS,
    PRICE_BASES,
)
from server.schemas.base import Boolean, Integer, Schema
from server.schemas.category import category_code
from server.schemas.common import Currency, Money, text
from server.schemas.coverages import SANE_DATE, SITE
from server.schemas.lean import LeanSchema

VERDICTS = ("worth_it", "marginal", "not_worth_it", "already_covered")
HEADLINE_VERDICTS = (*VERDICTS, "none_sold")
COVERS = ("breakdown", "accident", "replace")
UNAVAILABLE_CODES = ("not_eligible", "no_price", "no_model", "bad_input")


class WarrantyTermIn(Schema):
    component = text(64, required=True, metadata={
        "description": "whole_unit, main_parts, compressor, motor, panel, … (as detect gives)"})
    months = Integer(required=True, validate=validators.Range(min=0, max=1200))


class QuoteProductIn(Schema):
    title = text(500, load_default="")
    category = text(64, required=True, metadata={
        "description": "large, small, digital or medical, as the detect endpoint classifies "
                       "it; a product family such as 'refrigerator' is turned into its code."})
    subcategory = text(64, load_default=None, metadata={"example": "refrigerator"})
    price = Money(required=True, metadata={"example": "3999.00"})
    currency = Currency(required=True)
    site = fields.String(validate=SITE, load_default=None)
    market = fields.String(validate=validators.OneOf(MARKETS), load_default=None,
                           metadata={"description": "Default: from the currency, else the site."})
    purchase_date = fields.Date(validate=SANE_DATE, load_default=None,
                                metadata={"description": "Default: today."})
    manufacturer_warranty_months = Integer(validate=validators.Range(min=0, max=1200),
                                                  load_default=12)
    brand = text(200, load_default=None)
    url = fields.URL(schemes={"http", "https"}, load_default=None)
    warranty_terms = fields.List(
        fields.Nested(WarrantyTermIn), validate=validators.Length(max=20), load_default=list,
        metadata={"description": "The maker's terms per component, as detect's product gives "
                  "them; months where only some parts are covered count as half covered."})

    @post_load
    def _category_code(self, data, **kwargs):
        data["category"], data["subcategory"] = category_code(
            data["category"], data["subcategory"], codes=CATEGORIES)
        return data


class QuoteOfferIn(Schema):
    name = text(200, min_length=1, required=True)
    kind = fields.String(validate=validators.OneOf(PLAN_KINDS), load_default="extended")
    term_months = Integer(required=True, validate=validators.Range(min=1, max=1200))
    starts = fields.String(validate=validators.OneOf(PLAN_STARTS),
                           load_default="purchase")
    price = Money(required=True)
    currency = Currency(required=True)
    provider = text(200, load_default=None)


class QuoteSettingsIn(Schema):
    card_extension_months = Integer(validate=validators.Range(min=0, max=120),
                                           load_default=0)
    statutory = Boolean(load_default=True, metadata={
        "description": "Credit the cover the law already gives (China's 三包, the EU guarantee)."})


def default_settings() -> dict:
    """What a missing `settings` means (a Nested field's default is not itself deserialised)."""
    return {"card_extension_months": 0, "statutory": True}


class QuoteIn(LeanSchema):
    product = fields.Nested(QuoteProductIn, required=True)
    offers = fields.List(fields.Nested(QuoteOfferIn), validate=validators.Length(max=50),
                         load_default=list)
    settings = fields.Nested(QuoteSettingsIn, load_default=default_settings)


class ExplanationOut(Schema):
    en = fields.String()
    zh = fields.String()


class LocalisedOut(Schema):
    en = fields.String()
    zh = fields.String()


class EstimateOut(Schema):
    low = fields.String()
    high = fields.String()
    n = Integer(metadata={"description": "How many real observations the estimate rests on."})
    method = fields.String(metadata={"description": "How they were combined."})
    method_zh = fields.String(allow_none=True, metadata={
        "description": "The same sentence in Chinese, for a shopper reading Chinese (null only "
                       "for an estimate the catalog gives none for)."})


class PlanOut(Schema):
    origin = fields.String(metadata={"description": "offer (on the page) or catalog"})
    name = fields.String()
    provider = fields.String(allow_none=True)
    kind = fields.String()
    term_months = Integer()
    price = fields.String()
    currency = fields.String()
    added_months = Integer()
    failure_probability = fields.Float()
    expected_repair_cost = fields.String()
    expected_value = fields.String()
    break_even_probability = fields.Float(allow_none=True)
    cost_per_added_month = fields.String(allow_none=True)
    premium_share = fields.Float(allow_none=True)
    verdict = fields.String(validate=validators.OneOf(VERDICTS))
    explanation = fields.Nested(ExplanationOut)
    source = fields.String(allow_none=True)
    buy_until = fields.Date(allow_none=True)
    price_basis = fields.String(validate=validators.OneOf(PRICE_BASES), metadata={
        "description": "page (this page sells it), published (the provider's list at "
                       "`source`), or estimate (see `estimate`); an estimate is never ranked "
                       "above a real price."})
    estimate = fields.Nested(EstimateOut, allow_none=True)
    evidence = fields.List(fields.String(), metadata={
        "description": "Provenance that is not a web page: datasets, repository files."})
    read_on = fields.Date(allow_none=True)
    published_on = fields.String(allow_none=True, metadata={
        "description": "For a published price, the date its source itself shows, as precise "
                       "as the source is: 2020, 2020-02 or 2020-02-29. Null when the source "
                       "shows none, and for page prices and estimates."})
    cover = fields.String(validate=validators.OneOf(COVERS))
    covers_theft = fields.Boolean(metadata={
        "description": "The plan also covers loss and theft, which the verdict's sum does not "
                       "count (its explanation says so)."})
    provider_id = fields.String(allow_none=True)
    where_to_buy = fields.Nested(LocalisedOut, allow_none=True)


class ExcludedOut(Schema):
    name = fields.String()
    reason = fields.String()
    reason_zh = fields.String()
    source = fields.String(allow_none=True, metadata={
        "description": "The plan's page (a catalog plan's own, or the page an offer was seen "
                       "on), where a shopper can look it up or ask for a price; null when "
                       "there is none."})
    reason_code = fields.String(validate=validators.OneOf(EXCLUDED_REASONS), metadata={
        "description": "Why it is not compared. no_public_price and no_price_for_product: the "
                       "plan is sold, but no price was found for this product (ask the "
                       "provider); the others say it does not fit this purchase: "
                       "other_currency, not_sold_at_price, checkout_only, partner_shops (sold only "
                       "through the shops the provider works with, on their pages), window_closed, "
                       "own_plan (the page's own plan, priced on the page), other_cover, "
                       "card_counted (a card benefit already in the shopper's cover), "
                       "no_model."})


class HeadlineOut(Schema):
    verdict = fields.String(validate=validators.OneOf(HEADLINE_VERDICTS))
    plan = fields.String(allow_none=True)
    text = fields.Nested(LocalisedOut)


class CardBenefitOut(Schema):
    months = Integer()
    text = fields.Nested(LocalisedOut)


class StatutoryOut(Schema):
    name = fields.String(metadata={"description": "The law's own name, in its own language."})
    names = fields.Nested(LocalisedOut, metadata={
        "description": "The name in English and in Chinese, for the shopper's language."})
    whole_unit_months = Integer()
    main_parts_months = Integer(allow_none=True)
    source = fields.String()


class QuoteOut(Schema):
    plans = fields.List(fields.Nested(PlanOut))
    excluded = fields.List(fields.Nested(ExcludedOut))
    headline = fields.Nested(HeadlineOut, allow_none=True, metadata={
        "description": "The verdict on the plan this page sells (the best of them), or "
                       "none_sold; null only when `unavailable` says why nothing was weighed."})
    better_options = Boolean(metadata={
        "description": "True only when a real-priced alternative is better value than the "
                       "page's best plan."})
    card_benefit = fields.Nested(CardBenefitOut, allow_none=True)
    statutory = fields.Nested(StatutoryOut, allow_none=True)
    alternatives_note = fields.Nested(LocalisedOut, allow_none=True)
    unavailable = fields.String(allow_none=True, metadata={
        "description": "Why no comparison could be made, in the request's language."})
    unavailable_code = fields.String(allow_none=True,
                                     validate=validators.OneOf(UNAVAILABLE_CODES))
