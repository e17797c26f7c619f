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


@dataclass(frozen=True, slots=True)
class AgreedOffer:
    """One offer on one product page as independent reporters agreed on it: the price of the
    latest agreed day, the range over all agreed days, on how many days and by how many distinct
    reporters (each counted once, whatever they reported)."""

    site: str
    item_id: str
    offer: str
    term_months: int
    currency: str
    price: Decimal
    lowest: Decimal
    highest: Decimal
    days: int
    reporters: int
    last_day: date


def agreed_offers(rows: Iterable[tuple[str, str, Observation]]) -> list[AgreedOffer]:
    """The offers whose price at least AGREEING distinct reporters saw on the same day, one line
    per (site, item, offer, term, currency), sorted; an offer nobody confirmed is left out, so
    one account posting made-up pages adds nothing."""
    seen: dict[tuple, dict[date, dict[Decimal, set[str]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(set)))
    for site, item_id, obs in rows:
        key = (site, item_id, obs.offer, obs.term_months, obs.currency)
        seen[key][obs.day][obs.price].add(obs.reporter)
    found = []
    for key, days in sorted(seen.items()):
        agreed: dict[date, Decimal] = {}
        reporters: set[str] = set()
        for day, prices in days.items():
            confirmed = {p: who for p, who in prices.items() if len(who) >= AGREEING}
            if confirmed:
                agreed[day] = min(confirmed)
                reporters.update(*confirmed.values())
        if agreed:
            last = max(agreed)
            found.append(AgreedOffer(*key, price=agreed[last], lowest=min(agreed.values()),
                                     highest=max(agreed.values()), days=len(agreed),
                                     reporters=len(reporters), last_day=last))
    return found
