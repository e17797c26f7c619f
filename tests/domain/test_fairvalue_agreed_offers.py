"""The service's own observations as plan-price points: only prices independent reporters
agreed on count, each reporter once, per product page, offer, term and currency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from server.domain.price_history import AGREEING, Observation, agreed_offers

D = Decimal
DAY = date(2026, 11, 20)


def _seen(day_offset: int, price: str, who: str, offer: str = "延长保修2年",
          item: str = "100012345678", currency: str = "CNY"):
    return ("jd", item, Observation(date.fromordinal(DAY.toordinal() + day_offset), offer, 24,
                                    D(price), currency, who))


def test_agreed_days_give_the_latest_price_the_range_and_the_counts():
    rows = [_seen(0, "199.00", "a"), _seen(0, "199.00", "b"),
            _seen(1, "179.00", "b"), _seen(1, "179.00", "c"), _seen(1, "159.00", "d"),
            _seen(2, "209.00", "a"), _seen(2, "209.00", "c")]
    (offer,) = agreed_offers(rows)
    assert (offer.site, offer.item_id, offer.offer, offer.term_months, offer.currency) == (
        "jd", "100012345678", "延长保修2年", 24, "CNY")
    assert (offer.price, offer.lowest, offer.highest) == (D("209.00"), D("179.00"), D("209.00"))
    # d's ¥159 was seen by d alone: it is not a point, and d is not among the agreeing reporters.
    assert (offer.days, offer.reporters, offer.last_day) == (3, 3, date(2026, 11, 22))


def test_one_reporter_alone_adds_nothing_however_often():
    assert AGREEING == 2
    rows = [_seen(day, "1.00", "mallory") for day in range(5)]
    assert agreed_offers(rows) == []


def test_offers_terms_currencies_and_pages_stay_apart_and_come_sorted():
    rows = [_seen(0, "39.00", who, offer="1年延保") for who in "ab"]
    rows += [_seen(0, "69.00", who, item="200") for who in "ab"]
    rows += [_seen(0, "9.00", who, currency="USD") for who in "ab"]
    found = agreed_offers(rows)
    assert [(o.item_id, o.offer, o.currency, o.price) for o in found] == [
        ("100012345678", "1年延保", "CNY", D("39.00")),
        ("100012345678", "延长保修2年", "USD", D("9.00")),
        ("200", "延长保修2年", "CNY", D("69.00"))]
