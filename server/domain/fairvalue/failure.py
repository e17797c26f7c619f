"""Chance of at least one failure in a window of product age, from a per-year failure table.

Ages are in months since purchase. Within a year of age the yearly chance is pro-rated by the
share of that year the window covers; years past the table repeat its last year.
"""

from __future__ import annotations


def window_probability(yearly: tuple[float, ...], start_month: int, end_month: int,
                       weighted_until: int = 0, weight: float = 1.0) -> float:
    """P(at least one failure between start_month and end_month), years treated independently.

    Months before `weighted_until` count with their chance scaled by `weight` (months where the
    maker still covers some parts, so only the rest of a failure is the plan's to pay).
    """
    survive = 1.0
    month = max(start_month, 0)
    last = len(yearly) - 1
    while month < end_month:
        year = month // 12
        stop = min(end_month, (year + 1) * 12)
        if month < weighted_until:
            stop = min(stop, weighted_until)
        scale = weight if month < weighted_until else 1.0
        survive *= 1.0 - yearly[min(year, last)] * scale * (stop - month) / 12.0
        month = stop
    return 1.0 - survive


def combine(*probabilities: float) -> float:
    """Chance that at least one of several independent events happens."""
    survive = 1.0
    for p in probabilities:
        survive *= 1.0 - p
    return 1.0 - survive
