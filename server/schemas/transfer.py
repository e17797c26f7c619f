"""The export file: every coverage as it was entered, with ids and timestamps, so an import
rebuilds the account exactly."""

from __future__ import annotations

from apiflask import fields, validators
from marshmallow import RAISE, ValidationError, missing
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA

from server.schemas.base import LONE_SURROGATE, Boolean, Integer, Schema
from server.schemas.coverages import CoverageIn, LayerIn

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


class ExportQuery(Schema):
    format = fields.String(validate=validators.OneOf(("json", "csv")), load_default="json")


class ImportResult(Schema):
    imported = Integer()
    replaced = Integer(metadata={"description": "Coverages with an id already in this "
                                        "account, overwritten by the file."})


class BulkLoad:
    """Loads export items with the export schema's own fields, hooks and messages, fast enough
    for the 100,000 coverages an import may hold.

    marshmallow spends most of an item's load in per-schema bookkeeping (hook dispatch, error
    stores, the surrogate walk of every nested dict), and a file repeats the same few values (a
    currency, a date, "manufacturer", 12) thousands of times. So each schema in the tree gets a
    lean loader: a plain loop over its fields that calls the fields' own `deserialize`, the
    schema's own `validates_schema` and `post_load` methods, and remembers each scalar field's
    loaded values (a leaf field's result depends on the raw value alone; only successes are
    kept). Strings the lean path has not seen before are searched for lone surrogates, the one
    thing the schemas' `pre_load` hook looks for. Any item that is not plainly valid is loaded
    again by marshmallow itself, so errors read exactly as everywhere else.
    """

    MEMO_SIZE = 10_000  # remembered values per field, at most

    def __init__(self, schema: Schema):
        self.schema = schema
        self._lean = _Lean(schema, self.MEMO_SIZE)

    def load(self, data, fallback=None):
        """`fallback` loads what the lean path refuses (default: the schema's own load)."""
        try:
            return self._lean.load(data)
        except (_NotPlain, ValidationError):
            return (fallback or self.schema.load)(data)


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


class _NotPlain(Exception):
    """The lean path cannot vouch for this input; marshmallow's own loop takes it."""


_SCALARS = frozenset({str, int, bool, float, type(None)})
_OWN_HOOKS = frozenset({"_no_lone_surrogates"})  # done by the lean path itself


class _Lean:
    """One schema's lean loader (see BulkLoad). A schema it cannot mirror exactly (other
    pre_load hooks, `many` or pass_original hooks, field-level @validates, surrogate
    replacement, field types it does not know) is left to marshmallow entirely."""

    def __init__(self, schema: Schema, memo_size: int):
        self.schema, self.memo_size = schema, memo_size
        hooks = schema._hooks
        self.plain = (not getattr(schema, "REPLACE_SURROGATES", ()) and not schema.many
                      and not schema.partial and schema.unknown == RAISE
                      and not hooks[VALIDATES]
                      and all(name in _OWN_HOOKS for name, _, _ in hooks[PRE_LOAD])
                      and not any(many or kwargs.get("pass_original")
                                  for tag in (VALIDATES_SCHEMA, POST_LOAD)
                                  for _, many, kwargs in hooks[tag]))
        self.validators = [getattr(schema, name) for name, _, _ in hooks[VALIDATES_SCHEMA]]
        self.post_loads = [getattr(schema, name) for name, _, _ in hooks[POST_LOAD]]
        self.loaders = {}  # data key -> (attribute, loader)
        self.defaults, self.factories, self.required = {}, [], set()
        for name, field in schema.load_fields.items():
            if field.attribute and "." in field.attribute:
                self.plain = False  # dotted targets need marshmallow's set_value
            loader = self._loader(field)
            if loader is None:
                self.plain = False
            key, attr = field.data_key or name, field.attribute or name
            self.loaders[key] = (attr, loader)
            if field.required:
                self.required.add(key)
            elif callable(field.load_default):
                self.factories.append((key, attr, field.load_default))
            elif field.load_default is not missing:
                self.defaults[attr] = field.load_default

    def load(self, data) -> dict:
        """Costs what the given keys cost; absent fields take their defaults."""
        if not self.plain or type(data) is not dict or not self.required <= data.keys():
            raise _NotPlain
        out = dict(self.defaults)
        for key, attr, factory in self.factories:
            if key not in data:
                out[attr] = factory()
        loaders = self.loaders
        for key, raw in data.items():
            if key not in loaders:
                raise _NotPlain
            attr, loader = loaders[key]
            out[attr] = loader(raw)
        for validator in self.validators:
            validator(out, partial=self.schema.partial, many=False, unknown=RAISE)
        for post_load in self.post_loads:
            out = post_load(out, partial=self.schema.partial, many=False, unknown=RAISE)
        return out

    def _loader(self, field):
        """A function raw -> loaded value for one field, or None if the field is not one the
        lean path knows."""
        if field.pre_load or field.post_load:
            return None
        if isinstance(field, fields.Nested):
            if field.many or not isinstance(field.schema, Schema):
                return None
            return _nested(field, _Lean(field.schema, self.memo_size))
        if isinstance(field, fields.List):
            inner = self._loader(field.inner)
            return None if inner is None else _listed(field, inner)
        if isinstance(field, _NOT_SCALAR):
            return None
        return _remembered(field, self.memo_size)


_NOT_SCALAR = (fields.Tuple, fields.Dict, fields.Method, fields.Function, fields.Pluck)


def _nested(field, lean: _Lean):
    def load(raw):
        if raw is None:
            if field.allow_none:
                return None
            raise _NotPlain
        value = lean.load(raw)
        if field.validators:
            field._validate(value)
        return value

    return load


def _listed(field, inner):
    def load(raw):
        if type(raw) is not list:
            raise _NotPlain
        value = [inner(each) for each in raw]
        if field.validators:
            field._validate(value)
        return value

    return load


def _remembered(field, memo_size: int):
    memo: dict = {}
    deserialize = field.deserialize

    def load(raw):
        kind = type(raw)
        if kind not in _SCALARS:
            raise _NotPlain
        found = memo.get((kind, raw), missing)
        if found is missing:
            if kind is str and LONE_SURROGATE.search(raw):
                raise _NotPlain
            found = deserialize(raw)
            if len(memo) < memo_size:
                memo[(kind, raw)] = found
        return found

    return load
