"""The export file: every coverage as it was entered, with ids and timestamps, so an import
rebuilds the account exactly."""

from __future__ import annotations

from apiflask import fields, validators
from marshmallow import ValidationError

from server.schemas.base import Boolean, Integer, Schema
from server.schemas.coverages import CoverageIn, LayerIn
from server.schemas.lean import BulkLoad, LeanSchema

FORMAT = "yanbao-export"
VERSION = 1
MAX_COVERAGES = 100_000  # per import file, JSON or CSV
MAX_BAD = 100  # bad coverages named in one answer; the rest of the file is not looked at
TOO_MANY = (f"A file holds at most {MAX_COVERAGES:,} coverages; split it into several files "
            "and import them one after another.")


class ExportLayer(LayerIn):
    id = fields.UUID(load_default=None)


class ExportCoverage(CoverageIn):
    id = fields.UUID(load_default=None)
    created_at = fields.AwareDateTime(load_default=None)
    updated_at = fields.AwareDateTime(load_default=None)
    layers = fields.List(fields.Nested(ExportLayer), validate=validators.Length(max=50),
                         load_default=list)
    reminders_muted = Boolean(load_default=False, metadata={
        "description": "Its reminders are silenced (false when left out)."})


class ExportFile(Schema):
    format = fields.String(required=True, validate=validators.Equal(FORMAT))
    version = Integer(required=True, validate=validators.Equal(VERSION))
    exported_at = fields.AwareDateTime(load_default=None)
    coverages = fields.List(fields.Nested(ExportCoverage), required=True,
                            validate=validators.Length(max=MAX_COVERAGES, error=TOO_MANY))


def longest_text(schema: Schema) -> int:
    """The most characters any field of the schema (at any depth) accepts."""
    longest = 0
    for field in schema.load_fields.values():
        while isinstance(field, fields.List):
            field = field.inner
        if isinstance(field, fields.Nested):
            longest = max(longest, longest_text(field.schema))
            continue
        for rule in field.validators:
            if isinstance(rule, validators.Length) and rule.max is not None:
                longest = max(longest, rule.max)
    return longest


LONGEST_TEXT = longest_text(ExportCoverage())


class ExportQuery(LeanSchema):
    format = fields.String(validate=validators.OneOf(("json", "csv")), load_default="json")


class ImportResult(Schema):
    imported = Integer()
    replaced = Integer(metadata={"description": "Coverages with an id already in this "
                                        "account, overwritten by the file."})


def load_export_file(body, items: BulkLoad, on_item=None, max_bad: int = 100) -> list[dict]:
    """The coverages of an export file, each loaded by `items` (a BulkLoad of
    ExportCoverage); raises ValidationError with the messages ExportFile().load would give.

    The envelope (format, version, ...) is checked by marshmallow with an empty list in place
    of the coverages; the coverages one by one, so that one bad item costs one marshmallow load
    and not the whole file's. After `max_bad` bad items the rest are not looked at: the
    client has enough to fix. `on_item(index)` is called after each item (see
    server.store.cooperate)."""
    if not isinstance(body, dict) or not isinstance(body.get("coverages"), list):
        return ExportFile().load(body)["coverages"]
    errors: dict = {}
    envelope = ExportFile()
    try:
        envelope.load({**body, "coverages": []})
    except ValidationError as bad:
        errors = dict(bad.messages)
    in_the_list = envelope.fields["coverages"].inner.deserialize  # marshmallow's per item
    loaded, bad_items = [], {}
    for index, raw in enumerate(body["coverages"]):
        try:
            loaded.append(items.load(raw, in_the_list))
        except ValidationError as bad:
            bad_items[index] = bad.messages
            if len(bad_items) >= max_bad:
                bad_items["_schema"] = [TOO_MANY_BAD.format(max_bad)]
                break
        if on_item is not None:
            on_item(index)
    if bad_items:
        errors["coverages"] = bad_items
    if errors:
        raise ValidationError(errors)
    return loaded


TOO_MANY_BAD = ("Stopped after {} coverages with errors; fix these and import the file again "
                "to see whether any others need fixing.")
