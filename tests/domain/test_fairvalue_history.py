"""Offer-price history series for the sparkline, counted only where reporters agree."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from server.domain.price_history import Observation, price_history

D = Decimal


def seen_by(*reporters: str, **fields) -> list[Observation]:
    return [Observation(**fields, reporter=r) for r in reporters]


def test_series_per_offer_term_and_currency_with_lowest_and_highest():
    day1, day2, day3 = date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)
    seen = [
        *seen_by("a", "b", day=day2, offer="延保2年", term_months=24, price=D("169"),
                 currency="CNY"),
        *seen_by("c", "d", day=day1, offer="延保2年", term_months=24, price=D("159"),
                 currency="CNY"),
        *seen_by("e", "f", day=day2, offer="延保2年", term_months=24, price=D("149"),
                 currency="CNY"),  # same day: the lowest agreed price
        *seen_by("a", "c", day=day3, offer="延保2年", term_months=24, price=D("179"),
                 currency="CNY"),
        *seen_by("a", "b", day=day1, offer="延保1年", term_months=12, price=D("99"),
                 currency="CNY"),
        *seen_by("a", "b", day=day1, offer="延保2年", term_months=24, price=D("25"),
                 currency="USD"),  # never merged with CNY
    ]
    series = price_history(seen)
    assert [(s.offer, s.term_months, s.currency) for s in series] == [
        ("延保1年", 12, "CNY"), ("延保2年", 24, "CNY"), ("延保2年", 24, "USD")]
    two_years = series[1]
    assert [p for _, p in two_years.points] == [D("159"), D("149"), D("179")]
    assert (two_years.lowest, two_years.highest) == (D("149"), D("179"))
    assert two_years.to_dict()["points"][0] == {"date": "2026-11-01", "price": "159"}
    assert two_years.to_dict()["lowest"] == "149"


def test_one_reporter_cannot_put_a_price_in_everyone_s_history():
    day = date(2026, 11, 1)
    honest = seen_by("a", "b", "c", day=day, offer="延长保修5年", term_months=60,
                     price=D("399"), currency="CNY")
    made_up = seen_by("mallory", day=day, offer="延长保修5年", term_months=60, price=D("1"),
                      currency="CNY")
    (series,) = price_history(honest + made_up)
    assert series.points == ((day, D("399")),) and series.lowest == D("399")
    (own,) = price_history(honest + made_up, viewer="mallory")  # what mallory saw, for mallory
    assert own.lowest == D("1")


def test_a_price_only_one_reporter_saw_is_no_series_yet():
    alone = seen_by("a", day=date(2026, 11, 1), offer="延保", term_months=12, price=D("9"),
                    currency="CNY")
    assert price_history(alone) == []
    assert len(price_history(alone, viewer="a")) == 1


def test_no_observations_no_series():
    assert price_history([]) == []
