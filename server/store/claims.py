"""Repair claims in the database: reporting a fault under a coverage layer, recording what
happened, a replacement that starts a new manufacturer warranty, and the claim's follow-up kept
in the reminders (server.store.follow_ups) in the same unit of work.

Errors are ClaimError(status, field, message); the view turns them into problems.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from babel.numbers import get_currency_precision
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import ClaimEvent, Coverage, CoverageLayer, RepairClaim, new_public_id
from server.domain.months import add_months
from server.domain.refunds import claims as domain
from server.domain.refunds.expected import units
from server.domain.vocabulary import BOUGHT_KINDS
from server.guides import for_site
from server.store import follow_ups
from server.store.coverages import segments_of, store_summary, summarise
from server.store.layer_requests import LayerRequestError, layer_by_id

BOUGHT = BOUGHT_KINDS
REPLACEMENT_COMPONENT = "replacement unit"


ClaimError = LayerRequestError


def pick_layer(coverage: Coverage, layer_id: str | None) -> CoverageLayer:
    """The named layer, or the coverage's only bought plan in force."""
    if layer_id is None:
        plans = [r for r in coverage.layers if r.kind in BOUGHT and r.state == "in_force"]
        if len(plans) != 1:
            raise ClaimError(422, "layer_id", "Name the layer the fault is claimed under with "
                             f"layer_id; this coverage has {len(plans)} plan layers in force.")
        return plans[0]
    row = layer_by_id(coverage, layer_id)
    if row is None:
        raise ClaimError(422, "layer_id", "No layer with this id on this coverage.")
    if row.state != "in_force":
        raise ClaimError(422, "layer_id", f"This layer is {row.state}; a claim needs a layer "
                         "in force.")
    return row


def default_hours(coverage: Coverage, layer: CoverageLayer) -> int | None:
    """The platform guide's sourced callback promise, for bought plans (the seed: the service
    provider phones within 24 hours of a claim); none for other layers or platforms."""
    if layer.kind not in BOUGHT:
        return None
    return for_site(coverage.site).claim_callback_hours


def open_claim(session: Session, coverage: Coverage, body: dict[str, Any], today: date,
               now: datetime) -> RepairClaim:
    layer = pick_layer(coverage, body.get("layer_id"))
    reported_on = body.get("reported_on") or today
    if reported_on < coverage.purchase_date:
        raise ClaimError(422, "reported_on", "A fault cannot be reported before the purchase "
                         f"date {coverage.purchase_date.isoformat()}.")
    if reported_on > today:
        raise ClaimError(422, "reported_on", "reported_on is in the future; give the day the "
                         "fault was reported.")
    hours = body["callback_promised_hours"] if "callback_promised_hours" in body \
        else default_hours(coverage, layer)
    claim = RepairClaim(account_id=coverage.account_id, coverage=coverage,
                        layer_public_id=layer.public_id, fault=body["fault"],
                        reported_on=reported_on, reported_to=body.get("reported_to"),
                        callback_promised_hours=hours,
                        currency=layer.currency or coverage.currency,
                        created_at=now, updated_at=now)
    session.add(claim)
    session.flush()
    sync_follow_ups(session, claim, today)
    return claim


def domain_events(claim: RepairClaim) -> list[domain.ClaimEvent]:
    return [domain.ClaimEvent(e.kind, e.on, e.amount) for e in claim.events]


def add_event(session: Session, claim: RepairClaim, body: dict[str, Any], today: date,
              now: datetime) -> ClaimEvent:
    kind, on, amount = body["kind"], body.get("on") or today, body.get("amount")
    months = body.get("new_warranty_months")
    events = domain_events(claim)
    if domain.is_closed(events):
        closing = next(e for e in claim.events if e.kind in domain.CLOSING)
        raise ClaimError(409, "kind", f"This claim was closed ({closing.kind} on "
                         f"{closing.on.isoformat()}); report a new fault as a new claim.")
    if on < claim.reported_on:
        raise ClaimError(422, "on", "An event cannot be before the fault was reported "
                         f"({claim.reported_on.isoformat()}).")
    if on > today:
        raise ClaimError(422, "on", "on is in the future; record what has happened.")
    if amount is not None and kind not in domain.PAID:
        raise ClaimError(422, "amount", "Only repaired and replaced carry an amount (what the "
                         "plan paid); leave it out.")
    if amount is not None and claim.currency and amount != units(amount, claim.currency):
        raise ClaimError(422, "amount", f"{claim.currency} amounts have at most "
                         f"{get_currency_precision(claim.currency)} decimal places.")
    if months is not None and kind != "replaced":
        raise ClaimError(422, "new_warranty_months", "Only a replacement starts a new "
                         "manufacturer warranty; leave new_warranty_months out.")
    event = ClaimEvent(kind=kind, on=on, note=body.get("note"), amount=amount, created_at=now)
    if months is not None:
        event.new_layer_public_id = _new_warranty(claim, on, months)
    claim.events.append(event)
    claim.updated_at = now
    session.flush()
    sync_follow_ups(session, claim, today)
    return event


def _new_warranty(claim: RepairClaim, on: date, months: int) -> str:
    """A replacement unit comes with its own manufacturer warranty, from the day it was
    replaced. Manufacturer layers are dated from purchase (server.domain.timeline), so it is
    recorded with its end date; its own component name keeps plans that start after the
    original warranty where they were."""
    coverage = claim.coverage
    layer = CoverageLayer(position=len(coverage.layers), kind="manufacturer",
                          component=REPLACEMENT_COMPONENT, provider=claim.reported_to,
                          name=f"Replacement unit ({on.isoformat()})", plan_kind=None,
                          term_months=None, end_date=add_months(on, months), lifetime=False,
                          starts="purchase", start_date=None, state="in_force",
                          public_id=new_public_id(),
                          notes=f"Replaced under claim {claim.public_id} on {on.isoformat()}.")
    coverage.layers.append(layer)
    store_summary(coverage, summarise(segments_of(coverage)))
    coverage.etag = uuid.uuid4().hex
    return layer.public_id


def sync_follow_ups(session: Session, claim: RepairClaim, today: date) -> None:
    steps = domain.next_steps(claim.reported_on, claim.callback_promised_hours,
                              domain_events(claim), today)
    names = [claim.reported_to] if claim.reported_to else []
    follow_ups.sync(session, claim.coverage, claim.public_id,
                    domain.follow_ups(claim.public_id, steps), names)


def owned(session: Session, account_id: int, public_id: str) -> RepairClaim | None:
    return session.scalar(select(RepairClaim).where(
        RepairClaim.public_id == public_id, RepairClaim.account_id == account_id))


def account_claims(session: Session, account_id: int) -> list[RepairClaim]:
    return list(session.scalars(select(RepairClaim).where(RepairClaim.account_id == account_id)
                                .order_by(RepairClaim.created_at.desc(), RepairClaim.id.desc())))


def paid_under(session: Session, coverage_id: int, layer_public_id: str) -> Decimal:
    """What claims under one layer have paid: deducted from its prorated refund where the
    plan's terms say less_claims."""
    return paid_under_each(session, [(coverage_id, layer_public_id)]).get(
        (coverage_id, layer_public_id), Decimal(0))


def paid_under_each(session: Session, layers: Sequence[tuple[int, str]]
                    ) -> dict[tuple[int, str], Decimal]:
    """paid_under for many (coverage id, layer public id) at once, in one query: a list of
    refund cases needs it for each. Layers nothing was paid under are left out."""
    wanted = set(layers)
    if not wanted:
        return {}
    rows = session.execute(
        select(RepairClaim.coverage_id, RepairClaim.layer_public_id, ClaimEvent.amount)
        .join(RepairClaim).where(
            RepairClaim.coverage_id.in_({coverage for coverage, _ in wanted}),
            ClaimEvent.kind.in_(domain.PAID), ClaimEvent.amount.is_not(None)))
    paid: dict[tuple[int, str], Decimal] = {}
    for coverage_id, layer, amount in rows:
        if (coverage_id, layer) in wanted:
            paid[(coverage_id, layer)] = paid.get((coverage_id, layer), Decimal(0)) + amount
    return paid
