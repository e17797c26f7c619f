"""Timeline arithmetic at the edges: month ends, leap days, layers after the warranty, gaps."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from server.domain.months import add_months, months_in
from server.domain.timeline import (
    Layer,
    TimelineError,
    added_months,
    build_rows,
    layer_status,
    place_layers,
    summarise,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("2026-01-31", 1, "2026-02-28"),  # clamps to the short month
        ("2024-01-31", 1, "2024-02-29"),  # leap February
        ("2024-02-29", 12, "2025-02-28"),  # leap day has no anniversary
        ("2024-02-29", 48, "2028-02-29"),  # ...except four years on
        ("2026-01-31", 12, "2027-01-31"),  # the design card's example
        ("2026-03-31", 1, "2026-04-30"),
        ("2026-12-15", 1, "2027-01-15"),  # year rollover
        ("2026-05-10", 0, "2026-05-10"),
    ],
)
def test_add_months_is_calendar_correct(start, months, end):
    assert add_months(D(start), months) == D(end)


def test_months_in_counts_calendar_months_not_days():
    assert months_in(D("2025-03-01"), D("2027-03-01")) == 24
    assert months_in(D("2025-03-01"), D("2025-03-01")) == 0
    # 1 month and 15 days: 15 / 30.436875 = 0.4928...
    assert months_in(D("2025-01-01"), D("2025-02-16")).quantize(Decimal("0.01")) == Decimal("1.49")


def issue_example():
    return [
        Layer("manufacturer", "whole unit", term_months=12),
        Layer("manufacturer", "compressor", term_months=120),
        Layer("plan", term_months=24, starts="after_manufacturer", plan_kind="extended"),
    ]


def test_issue_example_dates():
    whole, compressor, plan = place_layers(D("2024-02-29"), issue_example())
    assert (whole.starts_on, whole.ends_on) == (D("2024-02-29"), D("2025-02-28"))
    assert compressor.ends_on == D("2034-02-28")
    assert (plan.starts_on, plan.ends_on) == (D("2025-03-01"), D("2027-02-28"))


def test_plan_adds_its_whole_term_beyond_the_whole_unit_warranty():
    segments = place_layers(D("2024-02-29"), issue_example())
    assert added_months(segments[2], segments) == Decimal("24.0")
    assert added_months(segments[0], segments) == Decimal("12.0")


def test_plan_on_compressor_adds_nothing_inside_a_ten_year_warranty():
    layers = [*issue_example()[:2], Layer("plan", "compressor", term_months=36)]
    segments = place_layers(D("2024-02-29"), layers)
    assert added_months(segments[2], segments) == 0


def test_plan_from_purchase_adds_only_months_past_the_warranty():
    layers = [Layer("manufacturer", term_months=12), Layer("plan", term_months=36)]
    segments = place_layers(D("2026-01-15"), layers)
    assert added_months(segments[1], segments) == Decimal("24.0")


def test_after_manufacturer_follows_its_own_component_warranty():
    layers = [
        Layer("manufacturer", term_months=12),
        Layer("manufacturer", "Compressor".lower(), term_months=60),
        Layer("plan", "compressor", term_months=12, starts="after_manufacturer"),
    ]
    plan = place_layers(D("2026-01-01"), layers)[2]
    assert plan.starts_on == D("2031-01-02")


def test_card_extension_and_statutory_sit_beneath_a_plan():
    layers = [
        Layer("manufacturer", term_months=12),
        Layer("card", term_months=12, starts="after_manufacturer"),
        Layer("plan", term_months=36),
    ]
    segments = place_layers(D("2026-06-01"), layers)
    assert segments[1].starts_on == D("2027-06-02")
    assert segments[1].ends_on == D("2028-06-01")
    # The plan runs to 2029-06-01; warranty and card cover to 2028-06-01: 12 months added.
    assert added_months(segments[2], segments) == Decimal("12.0")


def test_accident_cover_is_not_shadowed_by_breakdown_cover():
    layers = [Layer("manufacturer", term_months=24), Layer("accidental", term_months=12)]
    segments = place_layers(D("2026-01-01"), layers)
    assert added_months(segments[1], segments) == Decimal("12.0")
    rows = build_rows(D("2026-01-01"), segments)
    assert rows[0].overlaps == []


def test_refunded_layer_adds_nothing_and_is_not_beneath_others():
    layers = [
        Layer("manufacturer", term_months=12),
        Layer("plan", term_months=24, state="refunded"),
        Layer("plan", term_months=24),
    ]
    segments = place_layers(D("2026-01-01"), layers)
    assert added_months(segments[1], segments) == 0
    assert added_months(segments[2], segments) == Decimal("12.0")


def test_lifetime_layer_adds_unbounded_months():
    layers = [Layer("manufacturer", term_months=12), Layer("plan", lifetime=True)]
    segments = place_layers(D("2026-01-01"), layers)
    assert segments[1].ends_on is None
    assert added_months(segments[1], segments) is None
    assert summarise(segments).covered_until is None


def test_end_date_typed_in_directly():
    layers = [Layer("manufacturer", term_months=12), Layer("plan", end_date=D("2029-12-31"))]
    assert place_layers(D("2026-01-01"), layers)[1].ends_on == D("2029-12-31")


@pytest.mark.parametrize(
    ("layers", "field"),
    [
        ([Layer("plan", term_months=12, starts="after_manufacturer")], "layers.0.starts"),
        ([Layer("manufacturer", lifetime=True),
          Layer("plan", term_months=12, starts="after_manufacturer")], "layers.1.starts"),
        ([Layer("manufacturer", term_months=12, starts="after_manufacturer")], "layers.0.starts"),
        ([Layer("plan", end_date=D("2025-12-31"))], "layers.0.end_date"),
        ([Layer("plan")], "layers.0.term_months"),
    ],
)
def test_layers_that_cannot_be_placed_name_their_field(layers, field):
    with pytest.raises(TimelineError) as caught:
        place_layers(D("2026-01-01"), layers)
    assert caught.value.field == field


def test_gap_between_warranty_and_a_late_plan_and_overlap_of_two_plans():
    layers = [
        Layer("manufacturer", term_months=12),
        Layer("plan", end_date=D("2028-12-31"), starts="purchase"),
        Layer("statutory", term_months=6),
    ]
    segments = place_layers(D("2026-01-01"), layers)
    row = build_rows(D("2026-01-01"), segments)[0]
    assert row.gaps == []
    assert [(o.starts_on, o.ends_on, o.layers) for o in row.overlaps] == [
        (D("2026-01-01"), D("2027-01-01"), (0, 1)),
        (D("2026-01-01"), D("2026-07-01"), (0, 2)),
        (D("2026-01-01"), D("2026-07-01"), (1, 2)),
    ]


def test_gap_is_reported_between_warranty_and_a_plan_bought_later():
    layers = [
        Layer("manufacturer", term_months=12),
        Layer("plan", term_months=24, starts="on_date", start_date=D("2027-03-01")),
    ]
    segments = place_layers(D("2026-01-01"), layers)
    row = build_rows(D("2026-01-01"), segments)[0]
    assert [(g.starts_on, g.ends_on) for g in row.gaps] == [(D("2027-01-02"), D("2027-02-28"))]
    assert segments[1].ends_on == D("2029-03-01")
    assert added_months(segments[1], segments) == Decimal("24.0")


def test_start_date_before_purchase_is_refused():
    with pytest.raises(TimelineError) as caught:
        place_layers(D("2026-01-01"), [Layer("plan", term_months=12, starts="on_date",
                                             start_date=D("2025-12-31"))])
    assert caught.value.field == "layers.0.start_date"


def test_component_rows_include_whole_unit_layers():
    segments = place_layers(D("2024-02-29"), issue_example())
    rows = build_rows(D("2024-02-29"), segments)
    assert [r.component for r in rows] == ["whole unit", "compressor"]
    assert [s.index for s in rows[0].segments] == [0, 2]
    assert [s.index for s in rows[1].segments] == [0, 1, 2]


@pytest.mark.parametrize(
    ("today", "status"),
    [
        ("2025-12-31", "upcoming"),
        ("2026-01-01", "active"),
        ("2026-11-30", "active"),
        ("2026-12-02", "ending_soon"),
        ("2027-01-01", "ending_soon"),
        ("2027-01-02", "ended"),
    ],
)
def test_layer_status_by_day(today, status):
    assert layer_status("in_force", D("2026-01-01"), D("2027-01-01"), D(today), 30) == status


def test_refunded_and_void_states_win_over_dates():
    assert layer_status("refunded", D("2026-01-01"), D("2027-01-01"), D("2026-06-01"), 30) == (
        "refunded"
    )
    segments = place_layers(D("2026-01-01"), [Layer("plan", term_months=12, state="void")])
    assert summarise(segments).status(D("2026-06-01"), 30) == "void"


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    warranty=st.integers(min_value=0, max_value=60),
    short=st.integers(min_value=1, max_value=60),
    extra=st.integers(min_value=0, max_value=60),
)
def test_a_longer_plan_never_adds_fewer_months(start, warranty, short, extra):
    def added(term):
        segs = place_layers(start, [Layer("manufacturer", term_months=warranty),
                                    Layer("plan", term_months=term)])
        return added_months(segs[1], segs)

    assert added(short + extra) >= added(short)


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    term=st.integers(min_value=1, max_value=120),
)
def test_after_manufacturer_never_leaves_a_gap(start, term):
    segs = place_layers(start, [Layer("manufacturer", term_months=term),
                                Layer("plan", term_months=term, starts="after_manufacturer")])
    assert build_rows(start, segs)[0].gaps == []
    assert segs[1].starts_on == segs[0].ends_on.fromordinal(segs[0].ends_on.toordinal() + 1)
