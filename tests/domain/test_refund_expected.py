"""The expected refund, each case worked by hand in its comment.

The plan of these tests: 199.00 CNY, 24 months after a one-year manufacturer warranty, bought
with the goods on 2024-02-29: it runs 2025-03-01 to 2027-02-28 (server.domain.timeline), with a
30-day full-refund window and a prorated refund after it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from server.domain.refunds.expected import PlanTerms, expected_refund

PLAN = PlanTerms(price=Decimal("199.00"), currency="CNY", bought_on=date(2024, 2, 29),
                 starts_on=date(2025, 3, 1), ends_on=date(2027, 2, 28), full_refund_days=30,
                 after="prorated", fee=None, less_claims=None)


def test_day_30_is_inside_the_window_whole_price():
    # 2024-02-29 + 30 days = 2024-03-30: day 30 of a 30-day window.
    result = expected_refund(PLAN, "plan_only", date(2024, 3, 30))
    assert result.amount == Decimal("199.00") and result.currency == "CNY"
    assert "30 days after" in result.en and "within the 30-day" in result.en
    assert "30天全额退款期内" in result.zh and "199.00 CNY" in result.zh


def test_day_31_before_the_plan_starts_all_months_unused_less_the_fee():
    # Day 31, cover starts a year later: 24 of 24 months unused: 199.00 × 24/24 = 199.00,
    # less the 10.00 fee = 189.00.
    result = expected_refund(replace(PLAN, fee=Decimal("10")), "plan_only", date(2024, 3, 31))
    assert result.amount == Decimal("189.00")
    assert "199.00 × 24 unused of 24 months = 199.00" in result.en
    assert "less the 10.00 fee = 189.00" in result.en
    assert "减手续费10.00 = 189.00" in result.zh


def test_prorated_by_unused_whole_months():
    # Asked 2025-09-15: March..September begun = 7 months used, 17 unused.
    # 199.00 × 17 / 24 = 140.958333… → 140.96 (half up).
    result = expected_refund(PLAN, "plan_only", date(2025, 9, 15))
    assert result.amount == Decimal("140.96")
    assert "199.00 × 17 unused of 24 months = 140.96" in result.en
    assert "剩余17个月 / 共24个月 = 140.96" in result.zh


def test_the_first_day_of_cover_uses_a_month():
    # Asked 2025-03-01, the plan's first day: 1 month begun, 23 unused:
    # 199.00 × 23 / 24 = 190.708333… → 190.71.
    assert expected_refund(PLAN, "plan_only", date(2025, 3, 1)).amount == Decimal("190.71")


def test_the_last_month_boundary():
    # Asked 2027-01-31: 23 months begun (Mar 2025..Jan 2027), 1 unused: 199/24 = 8.2916… → 8.29.
    # Asked 2027-02-01: the last month has begun: nothing unused.
    assert expected_refund(PLAN, "plan_only", date(2027, 1, 31)).amount == Decimal("8.29")
    assert expected_refund(PLAN, "plan_only", date(2027, 2, 1)).amount == Decimal("0.00")


def test_claims_paid_are_deducted_only_when_the_terms_say_so_and_never_below_zero():
    # 140.96 − fee 10.00 = 130.96; less claims 30.50 = 100.46.
    terms = replace(PLAN, fee=Decimal("10.00"), less_claims=True)
    result = expected_refund(terms, "plan_only", date(2025, 9, 15), Decimal("30.50"))
    assert result.amount == Decimal("100.46")
    assert "less 30.50 claims paid = 100.46" in result.en and "减已赔付30.50 = 100.46" in result.zh
    # 130.96 − 500.00 is below zero: 0.00.
    assert expected_refund(terms, "plan_only", date(2025, 9, 15),
                           Decimal("500")).amount == Decimal("0.00")
    # Terms that do not deduct claims ignore them: 140.96.
    assert expected_refund(replace(PLAN, less_claims=False), "plan_only", date(2025, 9, 15),
                           Decimal("30.50")).amount == Decimal("140.96")


def test_a_currency_without_minor_units():
    # 10000 JPY × 17 / 24 = 7083.33… → 7083.
    terms = replace(PLAN, price=Decimal("10000"), currency="JPY")
    assert expected_refund(terms, "plan_only", date(2025, 9, 15)).amount == Decimal("7083")


def test_with_goods_the_plan_comes_back_whole_with_the_goods():
    result = expected_refund(PLAN, "with_goods", date(2025, 9, 15))
    assert result.amount == Decimal("199.00")
    assert "refunding the goods refunds the plan" in result.en and "随之退还" in result.zh


def test_no_refund_after_the_window_when_the_terms_say_none():
    result = expected_refund(replace(PLAN, after="none"), "plan_only", date(2024, 4, 30))
    assert result.amount == Decimal("0.00") and "no refund after it" in result.en


def test_without_terms_price_or_end_there_is_no_amount_and_the_text_says_why():
    unknown = expected_refund(replace(PLAN, after=None), "plan_only", date(2024, 4, 30))
    assert unknown.amount is None and "not recorded" in unknown.en and "未记录" in unknown.zh
    no_price = expected_refund(replace(PLAN, price=None), "plan_only", date(2024, 3, 1))
    assert no_price.amount is None and "No price" in no_price.en
    lifetime = expected_refund(replace(PLAN, ends_on=None), "plan_only", date(2025, 9, 15))
    assert lifetime.amount is None and "lifetime" in lifetime.en


def test_no_window_recorded_prorates_from_the_first_day():
    # full_refund_days unknown, prorated: asked 2024-03-05, before cover starts: 24/24 = 199.00.
    result = expected_refund(replace(PLAN, full_refund_days=None), "plan_only",
                             date(2024, 3, 5))
    assert result.amount == Decimal("199.00") and "window" not in result.en
