"""Where each layer of cover starts and ends, and what a purchase is covered for on a given day.

Real cover is layered: the manufacturer warranty (often per component), statutory cover, a
credit card's extension, bought plans and accidental-damage cover. This module turns a purchase
and its layers into dated segments, per-component rows with gaps and overlaps, and the months
each layer really adds beyond the layers beneath it. Pure: no Flask, no database.

Dates are inclusive. A term of N months anchored on day A ends on A + N months (so a 12-month
warranty from 29 Feb 2024 ends on 28 Feb 2025), and a layer that starts "after the manufacturer
warranty" starts the day after that warranty's last day and anchors its term on that last day
(so a 24-month plan after a warranty ending 28 Feb 2025 runs 1 Mar 2025 to 28 Feb 2027).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from server.domain.months import ONE_DAY, add_months, months_in, round_months
from server.domain.vocabulary import LAYER_KINDS, WHOLE_UNIT

# Lower rank lies beneath: a plan adds only what the warranty, the law and the card do not give.
_RANK = {kind: rank for rank, kind in enumerate(LAYER_KINDS)}
_FOREVER = date.max


class TimelineError(ValueError):
    """A set of layers that cannot be placed on a calendar; names the offending field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Layer:
    """One layer of cover as the shopper described it."""

    kind: str
    component: str = WHOLE_UNIT
    term_months: int | None = None
    end_date: date | None = None
    lifetime: bool = False
    starts: str = "purchase"
    start_date: date | None = None  # with starts="on_date": e.g. a plan bought months later
    state: str = "in_force"
    plan_kind: str | None = None

    @property
    def peril(self) -> str:
        """Accident cover pays for a different risk than breakdown cover, so never overlaps it."""
        if self.kind == "accidental" or self.plan_kind == "accidental_damage":
            return "accident"
        return "breakdown"

    @property
    def in_force(self) -> bool:
        return self.state == "in_force"


@dataclass(frozen=True)
class Segment:
    index: int
    layer: Layer
    starts_on: date
    ends_on: date | None  # None: lifetime

    @property
    def end_exclusive(self) -> date:
        return _FOREVER if self.ends_on is None else self.ends_on + ONE_DAY

    def status(self, today: date, soon_days: int) -> str:
        return layer_status(self.layer.state, self.starts_on, self.ends_on, today, soon_days)

    def days_left(self, today: date) -> int | None:
        if self.ends_on is None:
            return None
        return max(0, (self.ends_on - today).days)


@dataclass(frozen=True)
class Span:
    starts_on: date
    ends_on: date | None
    layers: tuple[int, ...] = ()


@dataclass
class Row:
    component: str
    segments: list[Segment]
    gaps: list[Span] = field(default_factory=list)
    overlaps: list[Span] = field(default_factory=list)


def normalise_component(text: str | None) -> str:
    cleaned = " ".join((text or "").split()).lower()
    return cleaned or WHOLE_UNIT


def place_layers(purchase_date: date, layers: Sequence[Layer]) -> list[Segment]:
    """Date every layer; raises TimelineError naming the layer that cannot be placed."""
    warranties = _manufacturer_segments(purchase_date, layers)
    segments = []
    for index, layer in enumerate(layers):
        if index in warranties:
            segments.append(warranties[index])
            continue
        anchor, starts_on = purchase_date, purchase_date
        if layer.starts == "after_manufacturer":
            anchor = _warranty_end(index, layer, warranties)
            starts_on = anchor + ONE_DAY
        elif layer.starts == "on_date":
            anchor = starts_on = _start_date(index, layer, purchase_date)
        segments.append(Segment(index, layer, starts_on, _end(index, layer, anchor, starts_on)))
    return segments


def _manufacturer_segments(purchase_date: date, layers: Sequence[Layer]) -> dict[int, Segment]:
    placed = {}
    for index, layer in enumerate(layers):
        if layer.kind != "manufacturer":
            continue
        if layer.starts != "purchase":
            raise TimelineError(
                f"layers.{index}.starts",
                "A manufacturer warranty starts at purchase; set starts to 'purchase'.",
            )
        ends_on = _end(index, layer, purchase_date, purchase_date)
        placed[index] = Segment(index, layer, purchase_date, ends_on)
    return placed


def _warranty_end(index: int, layer: Layer, warranties: dict[int, Segment]) -> date:
    """The manufacturer warranty this layer follows: its own component's, else the whole unit's."""
    in_force = [s for s in warranties.values() if s.layer.in_force]
    chosen = [s for s in in_force if s.layer.component == layer.component]
    chosen = chosen or [s for s in in_force if s.layer.component == WHOLE_UNIT]
    if not chosen:
        raise TimelineError(
            f"layers.{index}.starts",
            "This layer starts after the manufacturer warranty, but the purchase has no "
            "manufacturer layer: add one, or set starts to 'purchase'.",
        )
    ends = [s.ends_on for s in chosen]
    if None in ends:
        raise TimelineError(
            f"layers.{index}.starts",
            "The manufacturer warranty is lifetime, so a layer starting after it would never "
            "start; set starts to 'purchase'.",
        )
    return max(ends)


def _start_date(index: int, layer: Layer, purchase_date: date) -> date:
    if layer.start_date is None:
        raise TimelineError(f"layers.{index}.start_date", "Give start_date with starts 'on_date'.")
    if layer.start_date < purchase_date:
        raise TimelineError(
            f"layers.{index}.start_date",
            f"Cover cannot start before the purchase date {purchase_date.isoformat()}.",
        )
    return layer.start_date


def _end(index: int, layer: Layer, anchor: date, starts_on: date) -> date | None:
    if layer.lifetime:
        return None
    if layer.end_date is not None:
        if layer.end_date < starts_on:
            raise TimelineError(
                f"layers.{index}.end_date",
                f"The end date {layer.end_date.isoformat()} is before this layer starts "
                f"({starts_on.isoformat()}).",
            )
        return layer.end_date
    if layer.term_months is None:
        raise TimelineError(
            f"layers.{index}.term_months",
            "Give exactly one of term_months, end_date or lifetime.",
        )
    return add_months(anchor, layer.term_months)


def layer_status(state: str, starts_on: date, ends_on: date | None, today: date, soon: int) -> str:
    if state != "in_force":
        return state
    if starts_on > today:
        return "upcoming"
    if ends_on is None:
        return "active"
    if ends_on < today:
        return "ended"
    return "ending_soon" if (ends_on - today).days <= soon else "active"


@dataclass(frozen=True)
class Summary:
    """What the purchase as a whole is covered for: the basis of list filters and sorting."""

    state: str  # dated | refunded | void
    covered_from: date | None
    covered_until: date | None  # None with state 'dated' means lifetime
    # The whole unit's own cover can end years before a component's (a 10-year compressor
    # warranty): what a shopper most needs to know is when repairs of *anything* stop being free.
    whole_unit_until: date | None = None
    whole_unit_lifetime: bool = False

    def status(self, today: date, soon_days: int) -> str:
        if self.state != "dated":
            return self.state
        return layer_status("in_force", self.covered_from, self.covered_until, today, soon_days)


def summarise(segments: Iterable[Segment]) -> Summary:
    segments = list(segments)
    live = [s for s in segments if s.layer.in_force]
    if not live:
        refunded = any(s.layer.state == "refunded" for s in segments)
        return Summary("refunded" if refunded else "void", None, None)
    ends = [s.ends_on for s in live]
    until = None if None in ends else max(ends)
    whole = [s.ends_on for s in live if s.layer.component == WHOLE_UNIT]
    whole_lifetime = None in whole
    whole_until = None if whole_lifetime or not whole else max(whole)
    return Summary("dated", min(s.starts_on for s in live), until, whole_until, whole_lifetime)


def build_rows(purchase_date: date, segments: Sequence[Segment]) -> list[Row]:
    """One row per component; a component row also holds the whole-unit layers that cover it."""
    components = sorted({s.layer.component for s in segments} - {WHOLE_UNIT})
    rows = []
    if any(s.layer.component == WHOLE_UNIT for s in segments) or not components:
        rows.append(_row(WHOLE_UNIT, purchase_date, segments))
    rows.extend(_row(c, purchase_date, segments) for c in components)
    return rows


def _row(component: str, purchase_date: date, segments: Sequence[Segment]) -> Row:
    mine = [s for s in segments if s.layer.component in (component, WHOLE_UNIT)]
    live = [s for s in mine if s.layer.in_force]
    breakdown = [s for s in live if s.layer.peril == "breakdown"]
    overlaps = []
    for peril in ("breakdown", "accident"):
        overlaps.extend(_overlaps([s for s in live if s.layer.peril == peril]))
    return Row(component, mine, _gaps(purchase_date, breakdown), sorted(overlaps, key=_span_key))


def _span_key(span: Span) -> tuple[date, tuple[int, ...]]:
    return span.starts_on, span.layers


def _gaps(purchase_date: date, segments: Sequence[Segment]) -> list[Span]:
    """Days between purchase and the last covered day on which no breakdown cover is in force."""
    gaps, cursor = [], purchase_date
    for start, end in _union((s.starts_on, s.end_exclusive) for s in segments):
        if start > cursor:
            gaps.append(Span(cursor, start - ONE_DAY))
        cursor = max(cursor, end)
    return gaps


def _overlaps(segments: Sequence[Segment]) -> list[Span]:
    spans = []
    for i, a in enumerate(segments):
        for b in segments[i + 1 :]:
            start = max(a.starts_on, b.starts_on)
            end = min(a.end_exclusive, b.end_exclusive)
            if start < end:
                ends_on = None if end == _FOREVER else end - ONE_DAY
                spans.append(Span(start, ends_on, (a.index, b.index)))
    return spans


def _union(intervals: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[list[date]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def added_months(segment: Segment, segments: Sequence[Segment]) -> Decimal | None:
    """Months of this layer's cover that no layer beneath it already gives (None: unbounded).

    Beneath means a lower kind (warranty < law < card < plan < accident cover) or the same kind
    listed earlier, for the same peril, on this layer's component or the whole unit.
    """
    if not segment.layer.in_force:
        return Decimal(0)
    below = [
        s
        for s in segments
        if s.index != segment.index and s.layer.in_force and _beneath(s, segment)
    ]
    uncovered = _subtract((segment.starts_on, segment.end_exclusive), below)
    if any(end == _FOREVER for _, end in uncovered):
        return None
    return round_months(sum((months_in(s, e) for s, e in uncovered), Decimal(0)))


def _beneath(other: Segment, segment: Segment) -> bool:
    a, b = other.layer, segment.layer
    if a.peril != b.peril or a.component not in (b.component, WHOLE_UNIT):
        return False
    return (_RANK[a.kind], other.index) < (_RANK[b.kind], segment.index)


def _subtract(span: tuple[date, date], below: Sequence[Segment]) -> list[tuple[date, date]]:
    pieces = [span]
    for start, end in _union((s.starts_on, s.end_exclusive) for s in below):
        pieces = [
            piece
            for s, e in pieces
            for piece in ((s, min(e, start)), (max(s, end), e))
            if piece[0] < piece[1]
        ]
    return pieces
