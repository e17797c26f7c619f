"""Money is Decimal with an ISO 4217 code; on the wire it is a string in the currency's units."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import get_currency_precision


def in_units(amount: Decimal, currency: str | None) -> Decimal:
    """199.0000 CNY -> 199.00; 1999.0000 JPY -> 1999: as many decimals as minor units."""
    digits = get_currency_precision(currency) if currency else 2
    return amount.quantize(Decimal(1).scaleb(-digits))


def format_amount(amount: Decimal | None, currency: str | None) -> str | None:
    return None if amount is None else str(in_units(amount, currency))
