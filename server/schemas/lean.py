"""Loading a schema's input without marshmallow's per-schema bookkeeping, with the same
result and, for anything not plainly valid, marshmallow's own messages.

Used where one schema loads a great many inputs: the 100,000 coverages an import may hold
(BulkLoad) and the quotes endpoint, whose every request is a new product (LeanSchema).
"""

from __future__ import annotations

from apiflask import fields
from marshmallow import RAISE, ValidationError, missing
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA
from webargs.multidictproxy import MultiDictProxy

from server.schemas.base import LONE_SURROGATE, Schema


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


class LeanSchema(Schema):
    """A request schema loaded by the lean path when a request is plainly valid.

    Loads called the plain way (`schema.load(data)`, as webargs does for a JSON body, or with
    `unknown` the schema's own, as `@bp.input(..., unknown=RAISE)` does) go through one lean
    loader kept on the instance; everything else, and every input the lean path refuses, is
    loaded by marshmallow itself, so answers and errors are the same either way. A query
    string (webargs' MultiDictProxy) takes the lean path when no parameter is repeated: each
    then has the one value marshmallow would read. Values are remembered per field (see
    BulkLoad), so the memo stays small: at most MEMO_SIZE values per field.
    """

    MEMO_SIZE = 2_000

    def load(self, data, *, many=None, partial=None, unknown=None):
        if many is None and partial is None and unknown in (None, self.unknown):
            lean = self.__dict__.get("_lean_loader")
            if lean is None:
                lean = self.__dict__["_lean_loader"] = _Lean(self, self.MEMO_SIZE)
            try:
                return lean.load(_single_values(data))
            except (_NotPlain, ValidationError):
                pass
        return super().load(data, many=many, partial=partial, unknown=unknown)


def _single_values(data):
    """A query string's parameters as a dict, when none is repeated; anything else as it is."""
    if not isinstance(data, MultiDictProxy):
        return data
    pairs = data.data.lists()
    plain = {key: values[0] for key, values in pairs if len(values) == 1}
    return plain if len(plain) == len(data.data) else data
