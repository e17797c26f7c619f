"""Request and response shapes for /api/v1/coverages; they also write the OpenAPI document."""

from __future__ import annotations

from datetime import date

from apiflask import fields, validators
from marshmallow import ValidationError, post_load, validates_schema

from server.domain.vocabulary import LAYER_KINDS, LAYER_STATES, PLAN_KINDS, STARTS, STATUSES
from server.schemas.base import Boolean, Integer, Schema
from server.schemas.category import CODES, category_code
from server.schemas.common import Currency, Money, check_precision, text
from server.schemas.lean import LeanSchema

SITE = validators.Regexp(r"^[a-z0-9][a-z0-9_.-]{0,39}$", error="Use a short lower-case site id "
                         "such as 'jd', 'taobao', 'tmall', 'amazon' or 'bestbuy'.")
SANE_DATE = validators.Range(min=date(1980, 1, 1), max=date(2100, 12, 31),
                             error="Give a date between 1980-01-01 and 2100-12-31.")
SORTS = ("purchase_date", "-purchase_date", "covered_until", "-covered_until",
         "created_at", "-created_at", "title", "-title")


class ProductIn(Schema):
    title = text(500, min_length=1, required=True)
    site = fields.String(validate=SITE, load_default=None)
    url = fields.URL(schemes={"http", "https"}, validate=validators.Length(max=2048),
                     load_default=None)
    item_id = text(100, load_default=None)
    brand = text(200, load_default=None)
    model = text(200, load_default=None)
    serial = text(200, load_default=None)
    category = text(64, load_default=None, metadata={
        "description": f"One of {', '.join(CODES)}; a product family such as 'refrigerator' "
                       "is turned into its code and subcategory."})
    subcategory = text(64, load_default=None, metadata={"example": "refrigerator"})
    price = Money(load_default=None, metadata={"example": "3999.00"})
    currency = Currency(load_default=None, metadata={"example": "CNY"})

    @validates_schema
    def _price_needs_currency(self, data, **kwargs):
        if not self.partial:  # a PATCH is checked once merged with what is stored
            check_product_money(data)

    @post_load
    def _category_code(self, data, **kwargs):
        if "category" in data:
            code, subcategory = category_code(data["category"], data.get("subcategory"))
            data["category"] = code
            if subcategory is not None or "subcategory" in data:
                data["subcategory"] = subcategory
        return data


class CancellationIn(Schema):
    full_refund_days = Integer(validate=validators.Range(min=0, max=3650), load_default=None)
    after = fields.String(validate=validators.OneOf(("prorated", "none")), load_default=None,
                          metadata={"description": "After the full-refund window: a prorated "
                                    "refund, or none."})
    fee = Money(load_default=None)
    less_claims = Boolean(load_default=None,
                                 metadata={"description": "Claims paid are deducted."})


class LayerIn(Schema):
    id = text(36, load_default=None, metadata={
        "description": "Editing (PUT/PATCH): the id of the layer this is, so it keeps its id "
                       "(refund cases and claims name layers by id). Left out: the layer at "
                       "the same position with the same kind keeps its id; others are new."})
    kind = fields.String(required=True, validate=validators.OneOf(LAYER_KINDS))
    component = text(100, load_default=None, metadata={"example": "whole unit"})
    provider = text(200, load_default=None)
    name = text(200, load_default=None)
    plan_kind = fields.String(validate=validators.OneOf(PLAN_KINDS), load_default=None)
    term_months = Integer(validate=validators.Range(min=0, max=1200), load_default=None)
    end_date = fields.Date(validate=SANE_DATE, load_default=None)
    lifetime = Boolean(load_default=False)
    starts = fields.String(validate=validators.OneOf(STARTS), load_default=None,
                           metadata={"description": "Default: after_manufacturer for a card "
                                     "extension, purchase for everything else."})
    start_date = fields.Date(validate=SANE_DATE, load_default=None)
    price = Money(load_default=None)
    currency = Currency(load_default=None)
    cancellation = fields.Nested(CancellationIn, load_default=None)
    state = fields.String(validate=validators.OneOf(LAYER_STATES), load_default="in_force")
    notes = text(2000, load_default=None)

    @validates_schema
    def _consistent(self, data, **kwargs):
        given = [k for k in ("term_months", "end_date") if data.get(k) is not None]
        given += ["lifetime"] if data.get("lifetime") else []
        if len(given) != 1:
            raise ValidationError("Give exactly one of term_months, end_date or lifetime.",
                                  "term_months")
        if data.get("plan_kind") and data["kind"] != "plan":
            raise ValidationError("plan_kind applies only to layers of kind 'plan'.", "plan_kind")
        if (data.get("starts") == "on_date") != (data.get("start_date") is not None):
            raise ValidationError("Give start_date exactly when starts is 'on_date'.", "start_date")
        _money_pair(data, "price", "currency")
        fee = (data.get("cancellation") or {}).get("fee")
        check_precision(fee, data.get("currency"), "cancellation")


def check_product_money(product: dict) -> None:
    """A price needs its currency, with no more decimals than the currency has."""
    _money_pair(product, "price", "currency")


def _money_pair(data: dict, amount: str, currency: str) -> None:
    if data.get(amount) is not None and data.get(currency) is None:
        raise ValidationError(f"Give the currency of the {amount}.", currency)
    check_precision(data.get(amount), data.get(currency), amount)


class CoverageIn(Schema):
    product = fields.Nested(ProductIn, required=True)
    purchase_date = fields.Date(required=True, validate=SANE_DATE)
    order_ref = text(200, load_default=None)
    notes = text(10000, load_default=None)
    tags = fields.List(text(40, min_length=1),
                       validate=validators.Length(max=20), load_default=list)
    layers = fields.List(fields.Nested(LayerIn), validate=validators.Length(max=50),
                         load_default=list)


class CoveragePatch(Schema):
    """Any subset of a coverage's fields; `layers`, when given, replaces all layers.

    Fields left out stay as stored (no defaults are filled in here, unlike CoverageIn).
    """

    product = fields.Nested(ProductIn(partial=True))
    purchase_date = fields.Date(validate=SANE_DATE)
    order_ref = text(200, allow_none=True)
    notes = text(10000, allow_none=True)
    tags = fields.List(text(40, min_length=1),
                       validate=validators.Length(max=20))
    layers = fields.List(fields.Nested(LayerIn), validate=validators.Length(max=50))
    reminders_muted = Boolean(metadata={"description": "true silences this coverage's "
                                        "reminders; false brings them back."})


class CancellationOut(Schema):
    full_refund_days = Integer(allow_none=True)
    after = fields.String(allow_none=True)
    fee = fields.String(allow_none=True)
    less_claims = Boolean(allow_none=True)


class ProductOut(Schema):
    title = fields.String()
    site = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    item_id = fields.String(allow_none=True)
    brand = fields.String(allow_none=True)
    model = fields.String(allow_none=True)
    serial = fields.String(allow_none=True)
    category = fields.String(allow_none=True, validate=validators.OneOf(CODES))
    subcategory = fields.String(allow_none=True)
    price = fields.String(allow_none=True)
    currency = fields.String(allow_none=True)


class LayerOut(Schema):
    id = fields.String()
    kind = fields.String()
    component = fields.String()
    provider = fields.String(allow_none=True)
    name = fields.String(allow_none=True)
    plan_kind = fields.String(allow_none=True)
    term_months = Integer(allow_none=True)
    end_date = fields.Date(allow_none=True)
    lifetime = Boolean()
    starts = fields.String()
    start_date = fields.Date(allow_none=True)
    price = fields.String(allow_none=True)
    currency = fields.String(allow_none=True)
    cancellation = fields.Nested(CancellationOut, allow_none=True)
    state = fields.String()
    notes = fields.String(allow_none=True)
    starts_on = fields.Date()
    ends_on = fields.Date(allow_none=True, metadata={"description": "Last covered day; null "
                                                     "for lifetime cover."})
    status = fields.String(validate=validators.OneOf(STATUSES))
    days_left = Integer(allow_none=True)
    added_months = fields.String(allow_none=True, metadata={
        "description": "Months this layer adds beyond the layers beneath it; null: unbounded."})


class CoverageOut(Schema):
    id = fields.String()
    product = fields.Nested(ProductOut)
    purchase_date = fields.Date()
    order_ref = fields.String(allow_none=True)
    notes = fields.String(allow_none=True)
    tags = fields.List(fields.String())
    status = fields.String(validate=validators.OneOf(STATUSES))
    covered_from = fields.Date(allow_none=True)
    covered_until = fields.Date(allow_none=True, metadata={
        "description": "The last day any layer covers any component (a compressor's ten-year "
                       "warranty included); null: lifetime."})
    whole_unit_until = fields.Date(allow_none=True, metadata={
        "description": "The last day the whole unit is covered; null when no whole-unit layer "
                       "is in force, or it is lifetime cover."})
    layers = fields.List(fields.Nested(LayerOut))
    reminders_muted = Boolean(metadata={"description": "Its reminders are silenced."})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class CoverageList(Schema):
    items = fields.List(fields.Nested(CoverageOut))
    next_cursor = fields.String(allow_none=True, metadata={
        "description": "Pass as ?cursor= for the next page; null on the last page."})


class ListQuery(LeanSchema):
    status = fields.String(validate=validators.OneOf(STATUSES), load_default=None)
    site = fields.String(validate=SITE, load_default=None)
    category = text(64, load_default=None, metadata={
        "description": "A category code, or a product family ('refrigerator') to list only it."})
    ending_before = fields.Date(validate=SANE_DATE, load_default=None)
    q = text(200, load_default=None, metadata={"description": "Words in title, brand, model "
                                                "or order reference."})
    sort = fields.String(validate=validators.OneOf(SORTS), load_default="-purchase_date")
    limit = fields.Integer(validate=validators.Range(min=1, max=200), load_default=50)
    cursor = text(500, load_default=None)
    as_of = fields.Date(validate=SANE_DATE, load_default=None,
                        metadata={"description": "Compute statuses as on this day (default "
                                  "today, UTC)."})


    @post_load
    def _category_code(self, data, **kwargs):
        """`?category=refrigerator` lists that family; `?category=large` the whole code."""
        if data["category"] and data["category"].strip().lower() not in CODES:
            data["category"], data["subcategory"] = category_code(data["category"], None)
        else:
            data["subcategory"] = None
        return data


class AsOfQuery(LeanSchema):
    as_of = fields.Date(validate=SANE_DATE, load_default=None)


class SpanOut(Schema):
    starts_on = fields.Date()
    ends_on = fields.Date(allow_none=True)
    layers = fields.List(fields.String())


class RowOut(Schema):
    component = fields.String()
    segments = fields.List(fields.Nested(LayerOut))
    gaps = fields.List(fields.Nested(SpanOut))
    overlaps = fields.List(fields.Nested(SpanOut))


class TimelineOut(Schema):
    id = fields.String()
    as_of = fields.Date()
    status = fields.String()
    covered_from = fields.Date(allow_none=True)
    covered_until = fields.Date(allow_none=True)
    rows = fields.List(fields.Nested(RowOut))
