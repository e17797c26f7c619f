"""The export file: every coverage as it was entered, with ids and timestamps, so an import
rebuilds the account exactly."""

from __future__ import annotations

from apiflask import fields, validators

from server.schemas.base import Integer, Schema
from server.schemas.coverages import CoverageIn, LayerIn

FORMAT = "yanbao-export"
VERSION = 1


class ExportLayer(LayerIn):
    id = fields.UUID(load_default=None)


class ExportCoverage(CoverageIn):
    id = fields.UUID(load_default=None)
    created_at = fields.AwareDateTime(load_default=None)
    updated_at = fields.AwareDateTime(load_default=None)
    layers = fields.List(fields.Nested(ExportLayer), validate=validators.Length(max=50),
                         load_default=list)


class ExportFile(Schema):
    format = fields.String(required=True, validate=validators.Equal(FORMAT))
    version = Integer(required=True, validate=validators.Equal(VERSION))
    exported_at = fields.AwareDateTime(load_default=None)
    coverages = fields.List(fields.Nested(ExportCoverage), required=True,
                            validate=validators.Length(max=100_000))


class ExportQuery(Schema):
    format = fields.String(validate=validators.OneOf(("json", "csv")), load_default="json")


class ImportResult(Schema):
    imported = Integer()
    replaced = Integer(metadata={"description": "Coverages with an id already in this "
                                        "account, overwritten by the file."})
