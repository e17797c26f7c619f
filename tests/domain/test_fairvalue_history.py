"""Offer-price history series for the sparkline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from server.domain.price_history import Observation, price_history

D = Decimal


def test_series_per_offer_term_and_currency_with_lowest_and_highest():
    seen = [
        Observation(date(2026, 11, 2), "延保2年", 24, D("169"), "CNY"),
        Observation(date(2026, 11, 1), "延保2年", 24, D("159"), "CNY"),
        Observation(date(2026, 11, 2), "延保2年", 24, D("149"), "CNY"),  # same day: keep lowest
        Observation(date(2026, 11, 3), "延保2年", 24, D("179"), "CNY"),
        Observation(date(2026, 11, 1), "延保1年", 12, D("99"), "CNY"),
        Observation(date(2026, 11, 1), "延保2年", 24, D("25"), "USD"),  # never merged with CNY
    ]
    series = price_history(seen)
    assert [(s.offer, s.term_months, s.currency) for s in series] == [
        ("延保1年", 12, "CNY"), ("延保2年", 24, "CNY"), ("延保2年", 24, "USD")]
    two_years = series[1]
    assert [p for _, p in two_years.points] == [D("159"), D("149"), D("179")]
    assert (two_years.lowest, two_years.highest) == (D("149"), D("179"))
    assert two_years.to_dict()["points"][0] == {"date": "2026-11-01", "price": "159"}
    assert two_years.to_dict()["lowest"] == "149"


def test_no_observations_no_series():
    assert price_history([]) == []
