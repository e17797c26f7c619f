"""Refund cases in the database: opening one on a coverage's plan layer, moving it along the
table in server.domain.refunds.states, and — in the same transaction as a move to `refunded` —
marking the plan layer refunded so the coverage and its timeline show it.

Errors are CaseError(status, field, message); the view turns them into problems.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from babel.numbers import get_currency_precision
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.db.models import Coverage, CoverageLayer, RefundCase, RefundEvent
from server.domain.refunds import states
from server.domain.refunds.expected import PlanTerms, units
from server.domain.vocabulary import BOUGHT_KINDS
from server.guides import for_site
from server.store.coverages import segments_of, store_summary, summarise
from server.store.layer_requests import LayerRequestError, layer_by_id

REFUNDABLE_KINDS = BOUGHT_KINDS


CaseError = LayerRequestError


def pick_layer(coverage: Coverage, layer_id: str | None) -> CoverageLayer:
    """The named plan layer, or the coverage's only plan layer in force."""
    if layer_id is None:
        plans = [r for r in coverage.layers
                 if r.kind in REFUNDABLE_KINDS and r.state == "in_force"]
        if len(plans) != 1:
            raise CaseError(422, "layer_id", "This coverage has no plan layer in force to "
                            "refund." if not plans else f"This coverage has {len(plans)} plan "
                            "layers in force; name one with layer_id.")
        return plans[0]
    row = layer_by_id(coverage, layer_id)
    if row is None:
        raise CaseError(422, "layer_id", "No layer with this id on this coverage.")
    if row.kind not in REFUNDABLE_KINDS:
        raise CaseError(422, "layer_id", f"A {row.kind} layer is not a bought plan; only plan "
                        "and accidental-damage layers can be refunded.")
    if row.state != "in_force":
        raise CaseError(422, "layer_id", f"This layer is already {row.state}.")
    return row


def open_case(session: Session, coverage: Coverage, route: str, layer_id: str | None,
              now: datetime) -> RefundCase:
    layer = pick_layer(coverage, layer_id)
    busy = session.scalar(select(RefundCase.public_id).where(
        RefundCase.coverage_id == coverage.id, RefundCase.layer_public_id == layer.public_id,
        RefundCase.state.in_(states.OPEN)))
    if busy is not None:
        raise CaseError(409, "layer_id", f"Refund case {busy} is already open on this layer; "
                        "continue it or withdraw it first.")
    case = RefundCase(account_id=coverage.account_id, coverage=coverage,
                      layer_public_id=layer.public_id, platform=for_site(coverage.site).platform,
                      route=route, state=states.DRAFT,
                      currency=layer.currency or coverage.currency, state_since=now,
                      created_at=now, updated_at=now)
    case.events.append(RefundEvent(at=now, from_state=None, to_state=states.DRAFT))
    session.add(case)
    return case


def move(case: RefundCase, to: str, note: str | None, amount: Decimal | None,
         now: datetime) -> RefundEvent:
    """Raises WrongTransition (with the states allowed next) or CaseError for the amount."""
    states.check_transition(case.state, to)
    means = states.AMOUNT_MEANS.get(to)
    if amount is not None and means is None:
        raise CaseError(422, "amount", f"A move to {to} carries no amount; leave it out.")
    if amount is None and to in states.AMOUNT_REQUIRED:
        raise CaseError(422, "amount", f"Give the amount received when moving to {to}.")
    if amount is not None and case.currency and amount != units(amount, case.currency):
        raise CaseError(422, "amount", f"{case.currency} amounts have at most "
                        f"{get_currency_precision(case.currency)} decimal places.")
    event = RefundEvent(at=now, from_state=case.state, to_state=to, note=note)
    if means is not None:
        setattr(event, means, amount)
    if to == states.REFUNDED:
        event.layer_refunded = _mark_refunded(case, now)
    case.events.append(event)
    case.state, case.state_since, case.updated_at = to, now, now
    return event


def _mark_refunded(case: RefundCase, now: datetime) -> bool:
    """The plan is cancelled and paid back: its layer stops covering from now on."""
    coverage = case.coverage
    layer = layer_by_id(coverage, case.layer_public_id)
    if layer is None or layer.state == "refunded":
        return False
    layer.state = "refunded"
    store_summary(coverage, summarise(segments_of(coverage)))
    coverage.etag = uuid.uuid4().hex
    coverage.updated_at = now
    return True


def plan_terms(case: RefundCase) -> PlanTerms | None:
    """The layer's price, dates and cancellation terms; None when the layer is gone."""
    coverage = case.coverage
    layer = layer_by_id(coverage, case.layer_public_id)
    if layer is None:
        return None
    segment = next(s for s in segments_of(coverage)
                   if s.index == coverage.layers.index(layer))
    bought_on = layer.start_date if layer.starts == "on_date" and layer.start_date \
        else coverage.purchase_date
    return PlanTerms(price=layer.price, currency=layer.currency or coverage.currency,
                     bought_on=bought_on, starts_on=segment.starts_on, ends_on=segment.ends_on,
                     full_refund_days=layer.full_refund_days, after=layer.refund_after,
                     fee=layer.refund_fee, less_claims=layer.refund_less_claims)


def asked_on(case: RefundCase, today: date) -> date:
    """The day the refund was asked for: the move to `requested`, or today for a draft."""
    for event in case.events:
        if event.to_state == states.REQUESTED:
            return event.at.date()
    return today


def owned_case(session: Session, account_id: int, case_id: str) -> RefundCase | None:
    return session.scalar(select(RefundCase).where(
        RefundCase.public_id == case_id, RefundCase.account_id == account_id))


def account_cases(session: Session, account_id: int) -> list[RefundCase]:
    return list(session.scalars(select(RefundCase).where(RefundCase.account_id == account_id)
                                .order_by(RefundCase.created_at.desc(), RefundCase.id.desc())))
