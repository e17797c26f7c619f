"""Repair claims as JSON: the fault, the provider's callback promise and whether it was kept,
the escalation a missed one calls for (with its due day), what happened and what was paid."""

from __future__ import annotations

from datetime import date
from typing import Any

from server.db.models import RepairClaim, stamp
from server.domain.money import format_amount
from server.domain.refunds import claims as domain
from server.store.claims import domain_events


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def claim_record(claim: RepairClaim, today: date) -> dict[str, Any]:
    events = domain_events(claim)
    clock = domain.callback(claim.reported_on, claim.callback_promised_hours, events, today)
    steps = domain.next_steps(claim.reported_on, claim.callback_promised_hours, events, today)
    money = claim.currency
    return {
        "id": claim.public_id, "coverage_id": claim.coverage.public_id,
        "layer_id": claim.layer_public_id, "fault": claim.fault,
        "reported_on": claim.reported_on.isoformat(), "reported_to": claim.reported_to,
        "callback_promised_hours": claim.callback_promised_hours, "currency": money,
        "state": domain.state(events), "closed": domain.is_closed(events),
        "callback": {"promised_hours": clock.promised_hours, "due_on": _day(clock.due_on),
                     "called_back_on": _day(clock.called_back_on), "kept": clock.kept,
                     "overdue": clock.overdue},
        "next_steps": [{"action": s.action, "title": {"en": s.title_en, "zh": s.title_zh},
                        "due_on": s.due_on.isoformat(), "overdue": s.overdue} for s in steps],
        "events": [{"kind": e.kind, "on": e.on.isoformat(), "note": e.note,
                    "amount": format_amount(e.amount, money),
                    "new_layer_id": e.new_layer_public_id, "created_at": stamp(e.created_at)}
                   for e in claim.events],
        "paid": format_amount(domain.paid(events), money),
        "created_at": stamp(claim.created_at), "updated_at": stamp(claim.updated_at),
    }
