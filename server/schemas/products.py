"""Response and query shapes for a product's offer-price history."""

from __future__ import annotations

from apiflask import fields, validators

from server.schemas.base import Integer, Schema
from server.schemas.lean import LeanSchema


class HistoryQuery(LeanSchema):
    days = fields.Integer(validate=validators.Range(min=1, max=3650), load_default=365)


class PointOut(Schema):
    date = fields.Date()
    price = fields.String()


class SeriesOut(Schema):
    offer = fields.String()
    term_months = Integer()
    currency = fields.String()
    points = fields.List(fields.Nested(PointOut))
    lowest = fields.String()
    highest = fields.String()


class HistoryOut(Schema):
    site = fields.String()
    item_id = fields.String()
    series = fields.List(fields.Nested(SeriesOut))
