"""Field types shared by the request schemas: money as strings, ISO 4217 codes, bounded text."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from apiflask import fields, validators
from babel.numbers import get_currency_precision, list_currencies
from marshmallow import ValidationError

MAX_AMOUNT = Decimal("100000000")  # a hundred million: no appliance or plan costs more
_AMOUNT = re.compile(r"^\d{1,12}(\.\d{1,4})?$")
# Babel's is_currency builds this set anew on every call (2% of a quote request's time).
_CURRENCIES = frozenset(list_currencies())


class Money(fields.Field):
    """A non-negative amount written as a string ("199.00"); a bare integer is accepted too.

    Floats are refused: 0.1 + 0.2 is how money goes missing.
    """

    default_error_messages: ClassVar[dict[str, str]] = {
        "invalid": 'Write the amount as a string of digits with an optional decimal point, '
        'e.g. "199.00".',
        "too_large": "The amount is larger than any price this service accepts.",
    }

    def _deserialize(self, value, attr, data, **kwargs) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.make_error("invalid")
        text = str(value).strip()
        if not _AMOUNT.match(text):
            raise self.make_error("invalid")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise self.make_error("invalid") from exc
        if amount > MAX_AMOUNT:
            raise self.make_error("too_large")
        return amount

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else str(value)


class Currency(fields.String):
    """An ISO 4217 code; lower case is accepted and upper-cased."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        code = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if code not in _CURRENCIES:
            raise ValidationError(f"'{value}' is not an ISO 4217 currency code, e.g. CNY or USD.")
        return code


def check_precision(amount: Decimal | None, currency: str | None, field: str) -> None:
    """An amount may not have more decimals than its currency has minor units (JPY has none)."""
    if amount is None or currency is None:
        return
    digits = get_currency_precision(currency)
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        raise ValidationError(f"{currency} amounts have at most {digits} decimal places.", field)


class Text(fields.String):
    """A string without control characters other than tab and newlines.

    PostgreSQL cannot store NUL at all, and other control characters in a title or a note are
    never intended; refusing them keeps both databases holding the same data.
    """

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        result = super()._deserialize(value, attr, data, **kwargs)
        if _CONTROL.search(result):
            raise ValidationError("Remove control characters (such as NUL) from this text.")
        return result


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(max_length: int, min_length: int | None = None, **kwargs) -> Text:
    return Text(validate=validators.Length(min=min_length, max=max_length), **kwargs)
