"""Offer-price history for the extension's sparkline, from anonymous on-page observations.

The database keeps the raw observations; this turns them into one series per offer, term and
currency (prices in different currencies are never merged), with the lowest and highest seen.

Anyone can post a made-up page, so a price counts only when independent reporters agree: a
day's point is the lowest price that at least AGREEING distinct reporters saw that day. Each
reporter has one price a day, so no reporter outweighs another. The viewer's own reports count
for them (they saw those prices), never for anyone else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

AGREEING = 2


class Observation(NamedTuple):
    day: date
    offer: str
    term_months: int
    price: Decimal
    currency: str
    reporter: str = ""


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


def price_history(observations: Iterable[Observation], viewer: str | None = None
                  ) -> list[PriceSeries]:
    """One point per day with an agreed price (that day's lowest), days in order, series sorted
    by name; series without any agreed day are left out."""
    seen: dict[tuple, dict[date, dict[Decimal, set[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(set)))
    for obs in observations:
        seen[(obs.offer, obs.term_months, obs.currency)][obs.day][obs.price].add(obs.reporter)
    series = []
    for (offer, term, currency), days in sorted(seen.items()):
        points = tuple(sorted(
            (day, min(agreed)) for day, prices in days.items()
            if (agreed := [p for p, who in prices.items()
                           if len(who) >= AGREEING or viewer in who])))
        if points:
            prices = [price for _, price in points]
            series.append(PriceSeries(offer, term, currency, points, min(prices), max(prices)))
    return series
