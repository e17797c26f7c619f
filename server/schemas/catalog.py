"""Query and response shapes for GET /api/v1/catalog/plans."""

from __future__ import annotations

from apiflask import fields, validators

from server.domain.vocabulary import CATEGORIES, MARKETS, PLAN_KINDS, PRICE_BASES
from server.schemas.base import Integer, Schema
from server.schemas.lean import LeanSchema
from server.schemas.quotes import COVERS, LocalisedOut

MARKET_HINT = f"Send market as one of {', '.join(MARKETS)}, the market whose plans to list."
CATEGORY_HINT = (f"Send category as one of {', '.join(CATEGORIES)}, or leave it out for every "
                 "category.")


class CatalogQuery(LeanSchema):
    market = fields.String(required=True, validate=validators.OneOf(MARKETS, error=MARKET_HINT),
                           metadata={"description": "CN, US, CA, UK or EU."})
    category = fields.String(load_default=None,
                             validate=validators.OneOf(CATEGORIES, error=CATEGORY_HINT),
                             metadata={"description": "large, small, digital or medical; "
                                       "every category when left out."})


class ProviderOut(Schema):
    id = fields.String()
    name = fields.String()
    url = fields.String()


class PriceOut(Schema):
    term_months = Integer()
    min = fields.String(allow_none=True, metadata={"description": "Lowest product price of "
                                                   "the band (inclusive); null: no floor."})
    max = fields.String(allow_none=True, metadata={"description": "Highest product price of "
                                                   "the band (inclusive); null: no ceiling."})
    price_basis = fields.String(validate=validators.OneOf(PRICE_BASES))
    price = fields.String(allow_none=True)
    low = fields.String(allow_none=True)
    high = fields.String(allow_none=True)
    share = fields.String(allow_none=True, metadata={"description": "A share of the product's "
                                                     "price, when the plan is priced so."})
    source = fields.String(metadata={"description": "A web address a shopper can open."})
    read_on = fields.Date()
    published_on = fields.String(allow_none=True, metadata={
        "description": "For a published price, the date its source itself shows, as precise "
                       "as the source is: 2020, 2020-02 or 2020-02-29. Null when the source "
                       "shows none, and for page prices and estimates."})
    evidence = fields.List(fields.String())


class CatalogPlanOut(Schema):
    id = fields.String()
    provider = fields.Nested(ProviderOut)
    name = fields.String()
    name_en = fields.String()
    kind = fields.String(validate=validators.OneOf(PLAN_KINDS))
    cover = fields.String(validate=validators.OneOf(COVERS))
    market = fields.String()
    currency = fields.String()
    categories = fields.List(fields.String())
    sites = fields.List(fields.String(), metadata={
        "description": "Sites whose purchases it goes with; empty: any."})
    where_to_buy = fields.Nested(LocalisedOut, allow_none=True)
    purchase_window_days = Integer(allow_none=True)
    purchase_window_months = Integer(allow_none=True)
    source = fields.String(metadata={"description": "The plan's own page, a web address a "
                                     "shopper can open (to ask for a price where none is "
                                     "listed)."})
    unpriced_reason = fields.Nested(LocalisedOut, allow_none=True, metadata={
        "description": "Why the plan has no price at all (en, zh: English where the catalog "
                       "has no Chinese); null when it has price rows."})
    prices = fields.List(fields.Nested(PriceOut))


class CatalogOut(Schema):
    plans = fields.List(fields.Nested(CatalogPlanOut))
