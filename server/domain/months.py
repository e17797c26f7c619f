"""Calendar-correct month arithmetic.

A term of N months that starts on day D ends on the same day N months later, clamped to the
month's last day: 31 Jan + 1 month = 28/29 Feb, and 29 Feb 2024 + 12 months = 28 Feb 2025.
dateutil's relativedelta already clamps this way, so we lean on it instead of hand-rolling.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from dateutil.relativedelta import relativedelta

# Average Gregorian month, used only to express a leftover run of days as a month fraction.
_DAYS_PER_MONTH = Decimal("30.436875")
ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=65536)  # pure, and dateutil's arithmetic dominates rendering a list
def add_months(start: date, months: int) -> date:
    return start + relativedelta(months=months)


@lru_cache(maxsize=65536)
def months_in(start: date, end_exclusive: date) -> Decimal:
    """Whole calendar months between two dates plus the leftover days as a fraction of a month.

    [2025-03-01, 2027-03-01) is exactly 24 months, though it spans 730 days.
    """
    if end_exclusive <= start:
        return Decimal(0)
    delta = relativedelta(end_exclusive, start)
    whole = delta.years * 12 + delta.months
    return whole + Decimal(delta.days) / _DAYS_PER_MONTH


def round_months(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
