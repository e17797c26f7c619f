"""Offer-price history for the extension's sparkline, from anonymous on-page observations.

The database keeps the raw observations; this turns them into one series per offer, term and
currency (prices in different currencies are never merged), with the lowest and highest seen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple


class Observation(NamedTuple):
    day: date
    offer: str
    term_months: int
    price: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class PriceSeries:
    offer: str
    term_months: int
    currency: str
    points: tuple[tuple[date, Decimal], ...]
    lowest: Decimal
    highest: Decimal

    def to_dict(self) -> dict:
        return {
            "offer": self.offer, "term_months": self.term_months, "currency": self.currency,
            "points": [{"date": d.isoformat(), "price": str(p)} for d, p in self.points],
            "lowest": str(self.lowest), "highest": str(self.highest),
        }


def price_history(observations: list[Observation] | tuple[Observation, ...]) -> list[PriceSeries]:
    """One point per day (that day's lowest price), days in order, series sorted by name."""
    daily: dict[tuple, dict[date, Decimal]] = defaultdict(dict)
    for obs in observations:
        days = daily[(obs.offer, obs.term_months, obs.currency)]
        days[obs.day] = min(obs.price, days.get(obs.day, obs.price))
    series = []
    for (offer, term, currency), days in sorted(daily.items()):
        points = tuple(sorted(days.items()))
        prices = [price for _, price in points]
        series.append(PriceSeries(offer, term, currency, points, min(prices), max(prices)))
    return series
