"""The export file: every coverage as it was entered, with ids and timestamps, so an import
rebuilds the account exactly."""

from __future__ import annotations

from apiflask import fields, validators
from marshmallow import RAISE, ValidationError, missing

from server.schemas.base import Integer, Schema
from server.schemas.coverages import CoverageIn, LayerIn

FORMAT = "yanbao-export"
VERSION = 1
MAX_COVERAGES = 100_000  # per import file, JSON or CSV
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


class ExportQuery(Schema):
    format = fields.String(validate=validators.OneOf(("json", "csv")), load_default="json")


class ImportResult(Schema):
    imported = Integer()
    replaced = Integer(metadata={"description": "Coverages with an id already in this "
                                        "account, overwritten by the file."})


class BulkLoad:
    """Loads export items with the export schema's own fields, hooks and messages, fast enough
    for the 100,000 coverages an import may hold.

    marshmallow spends most of an item's load in per-field bookkeeping, and a file repeats the
    same few values (a currency, a date, "manufacturer", 12) thousands of times. So each schema
    in the tree gets a lean field loop, and each scalar field remembers the values it has already
    loaded (a leaf field's result depends on the raw value alone; only successes are kept). Any
    item that is not plainly valid is loaded again by marshmallow's own loop, so errors read
    exactly as everywhere else. Hooks (`pre_load`, `validates_schema`, `post_load`) run as usual:
    only the loop over fields is replaced.
    """

    MEMO_SIZE = 10_000  # remembered values per field, at most

    def __init__(self, schema: Schema):
        self.schema = schema
        _speed_up(schema, self.MEMO_SIZE)

    def load(self, data):
        return self.schema.load(data)


_NOT_SCALAR = (fields.Nested, fields.List, fields.Tuple, fields.Dict, fields.Method,
               fields.Function, fields.Pluck)
_SCALARS = frozenset({str, int, bool, float, type(None)})


def _speed_up(schema: Schema, memo_size: int) -> None:
    if any(f.attribute and "." in f.attribute for f in schema.load_fields.values()):
        return  # dotted targets need marshmallow's set_value: keep its loop
    for field in schema.load_fields.values():
        if isinstance(field, fields.Nested):
            _speed_up(field.schema, memo_size)
        elif isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            _speed_up(field.inner.schema, memo_size)
        elif isinstance(field, fields.List) and not isinstance(field.inner, _NOT_SCALAR):
            field.inner.deserialize = _remembering(field.inner.deserialize, memo_size)
    lean = _LeanLoop(schema, memo_size)
    marshmallow_loop = schema._deserialize

    def lean_loop(data, *, error_store, many=False, partial=None, unknown=RAISE, index=None):
        if many or partial or unknown != RAISE or type(data) is not dict:
            return marshmallow_loop(data, error_store=error_store, many=many, partial=partial,
                                    unknown=unknown, index=index)
        try:
            return lean.load(data)
        except ValidationError:
            return marshmallow_loop(data, error_store=error_store, many=many, partial=partial,
                                    unknown=unknown, index=index)

    schema._deserialize = lean_loop


class _LeanLoop:
    """marshmallow's field loop for the plain case: a dict with known keys. Costs what the
    given keys cost; absent fields take their defaults. Raises ValidationError on anything
    else, and the caller hands the item to marshmallow's own loop."""

    def __init__(self, schema: Schema, memo_size: int):
        self.memo_size = memo_size
        self.fields = {}  # data key -> (attribute, field, memo of loaded values or None)
        self.defaults, self.factories, self.required = {}, [], set()
        for name, field in schema.load_fields.items():
            key, attr = field.data_key or name, field.attribute or name
            memo = None if isinstance(field, _NOT_SCALAR) else {}
            self.fields[key] = (attr, field, memo)
            if field.required:
                self.required.add(key)
            elif callable(field.load_default):
                self.factories.append((key, attr, field.load_default))
            elif field.load_default is not missing:
                self.defaults[attr] = field.load_default

    def load(self, data: dict) -> dict:
        if not self.required <= data.keys():
            raise ValidationError("required")
        out = dict(self.defaults)
        for key, attr, factory in self.factories:
            if key not in data:
                out[attr] = factory()
        for key, raw in data.items():
            attr, field, memo = self.fields[key] if key in self.fields else _unknown(key)
            if memo is not None and type(raw) in _SCALARS:
                value = memo.get((type(raw), raw), missing)
                if value is missing:
                    value = field.deserialize(raw, key, data)
                    if len(memo) < self.memo_size:
                        memo[(type(raw), raw)] = value
            else:
                value = field.deserialize(raw, key, data)
            out[attr] = value
        return out


def _unknown(key: str):
    raise ValidationError(f"unknown field {key}")


def _remembering(deserialize, memo_size: int):
    memo: dict = {}

    def remembered(value, attr=None, data=None, **kwargs):
        if kwargs or type(value) not in _SCALARS:
            return deserialize(value, attr, data, **kwargs)
        found = memo.get((type(value), value), missing)
        if found is missing:
            found = deserialize(value, attr, data)
            if len(memo) < memo_size:
                memo[(type(value), value)] = found
        return found

    return remembered
