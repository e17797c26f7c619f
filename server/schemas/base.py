"""The base of every request schema, and field types that are strict about JSON types.

A JSON string may carry a lone UTF-16 surrogate ("\\ud83d" decodes to one). It cannot be written
as UTF-8, so a stored one broke every later read of the account; such strings are refused here,
for every field at every depth, naming where they are. Page snapshots (`html`) are the exception:
a browser may cut an emoji in half when it trims a page, so there the half is replaced instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from apiflask import Schema as APISchema
from apiflask import fields
from marshmallow import ValidationError, pre_load

LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
SURROGATE_MESSAGE = ("Remove the unpaired UTF-16 surrogate (a half of an emoji or other "
                     "character): this text cannot be stored as UTF-8.")


def _surrogates(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, str):
        if LONE_SURROGATE.search(value):
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and LONE_SURROGATE.search(key):
                yield name
            yield from _surrogates(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _surrogates(item, f"{path}.{index}" if path else str(index))


class Schema(APISchema):
    # Fields whose lone surrogates are replaced with U+FFFD rather than refused.
    REPLACE_SURROGATES: ClassVar[tuple[str, ...]] = ()

    @pre_load
    def _no_lone_surrogates(self, data, **kwargs):
        if isinstance(data, dict) and self.REPLACE_SURROGATES:
            data = dict(data)
            for name in self.REPLACE_SURROGATES:
                if isinstance(data.get(name), str):
                    data[name] = LONE_SURROGATE.sub("\ufffd", data[name])
        bad = list(_surrogates(data, ""))
        if bad:
            raise ValidationError({path: [SURROGATE_MESSAGE] for path in bad})
        return data


class Integer(fields.Integer):
    """A JSON number without a fraction: "12" and 12.5 are refused, not coerced or truncated."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool):  # True is an int to Python, not to a client
            raise self.make_error("invalid")
        return super()._validated(value)


class Boolean(fields.Boolean):
    """JSON true or false only; "yes", 1 and "true" are refused."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value
