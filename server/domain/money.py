"""Money is Decimal with an ISO 4217 code; on the wire it is a string in the currency's units."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import get_currency_precision


def format_amount(amount: Decimal | None, currency: str | None) -> str | None:
    """'199.00' for CNY, '1999' for JPY: as many decimals as the currency has minor units."""
    if amount is None:
        return None
    digits = get_currency_precision(currency) if currency else 2
    return str(amount.quantize(Decimal(1).scaleb(-digits)))
