"""Refund cases and guides as JSON: the case's history, the refund its plan's terms promise,
the next steps from the platform's guide and the evidence each of them wants."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from server.db.models import EvidenceFile, RefundCase, stamp
from server.domain.money import format_amount, in_units
from server.domain.refunds.evidence import EVIDENCE_KINDS
from server.domain.refunds.expected import ZERO, expected_refund
from server.domain.refunds.guide import Evidence, Guide, Stage, Text
from server.domain.refunds.letter import CaseFacts, Channel, Exhibit, Move
from server.domain.refunds.next_steps import next_steps
from server.domain.refunds.states import allowed_next
from server.guides import GENERIC, guides
from server.store.refunds import asked_on, plan_terms


def _text(text: Text) -> dict[str, str]:
    return {"en": text.en, "zh": text.zh, "source": text.source}


def _evidence(item: Evidence) -> dict[str, Any]:
    return {"kind": item.kind, "label": EVIDENCE_KINDS[item.kind], "source": item.source}


def case_record(case: RefundCase, today: date, present: Mapping[str, int] | None = None,
                claims_paid: Decimal = ZERO) -> dict[str, Any]:
    """`present`: how many evidence files of each kind the case holds; `claims_paid`: what
    repairs under the case's layer have paid (deducted where the terms say less_claims)."""
    present = present or {}
    money = case.currency
    steps = next_steps(case.state, case.route, case.state_since.date(), today,
                       guides().get(case.platform, guides()[GENERIC]), guides()[GENERIC])
    return {
        "id": case.public_id, "coverage_id": case.coverage.public_id,
        "layer_id": case.layer_public_id, "platform": case.platform, "route": case.route,
        "state": case.state, "allowed_next": list(allowed_next(case.state)),
        "currency": money,
        "history": [{"at": stamp(e.at), "from": e.from_state, "to": e.to_state, "note": e.note,
                     "asked": format_amount(e.asked, money),
                     "offered": format_amount(e.offered, money),
                     "received": format_amount(e.received, money),
                     "layer_refunded": bool(e.layer_refunded)} for e in case.events],
        "expected_refund": _expected(case, today, claims_paid),
        "next_steps": [{"to": s.to, "title": {"en": s.title_en, "zh": s.title_zh},
                        "actions": [_text(a) for a in s.actions],
                        "evidence": [_evidence(e) for e in s.evidence],
                        "from_guide": s.from_guide,
                        "due_on": s.due_on.isoformat() if s.due_on else None,
                        "overdue": s.overdue} for s in steps],
        "checklist": [{"to": s.to, "evidence": [
            _evidence(e) | {"present": present.get(e.kind, 0) > 0,
                            "files": present.get(e.kind, 0)} for e in s.evidence]}
            for s in steps],
        "evidence_files": sum(present.values()),
        "created_at": stamp(case.created_at), "updated_at": stamp(case.updated_at),
    }


def _expected(case: RefundCase, today: date, claims_paid: Decimal) -> dict[str, Any]:
    terms = plan_terms(case)
    if terms is None:
        return {"amount": None, "currency": case.currency, "arithmetic": {
            "en": "The plan layer is no longer on the coverage, so no refund can be worked out.",
            "zh": "该延保已不在保障记录中，无法计算退款。"}}
    result = expected_refund(terms, case.route, asked_on(case, today), claims_paid)
    return {"amount": format_amount(result.amount, result.currency),
            "currency": result.currency, "arithmetic": {"en": result.en, "zh": result.zh}}


def _stage(stage: Stage) -> dict[str, Any]:
    return {"state": stage.state, "actions": [_text(a) for a in stage.actions],
            "evidence": [_evidence(e) for e in stage.evidence],
            "response_days": stage.response_days, "response_source": stage.response_source}


def guide_record(guide: Guide) -> dict[str, Any]:
    return {
        "platform": guide.platform, "name": {"en": guide.name_en, "zh": guide.name_zh},
        "sites": list(guide.sites),
        "routes": {route: [_stage(s) for s in stages.values()]
                   for route, stages in guide.routes.items()},
        "contacts": [{"kind": c.kind, "value": c.value, "label": _text(c.label)}
                     for c in guide.contacts],
        "notes": [_text(n) for n in guide.notes],
        "missing": {"en": guide.missing.en, "zh": guide.missing.zh} if guide.missing else None,
    }


def letter_facts(case: RefundCase, files: Sequence[EvidenceFile], claims_paid: Decimal,
                 today: date) -> CaseFacts:
    """What the complaint letter (server.domain.refunds.letter) is drafted from."""
    coverage = case.coverage
    layer = next((row for row in coverage.layers if row.public_id == case.layer_public_id),
                 None)
    guide = guides().get(case.platform, guides()[GENERIC])
    expected = _expected(case, today, claims_paid)
    money = case.currency
    return CaseFacts(
        case_id=case.public_id, product=coverage.title, site=coverage.site,
        order_ref=coverage.order_ref, purchase_date=coverage.purchase_date,
        plan_name=layer.name if layer else None, provider=layer.provider if layer else None,
        plan_price=in_units(layer.price, money) if layer and layer.price is not None else None,
        currency=money, route=case.route, platform_en=guide.name_en, platform_zh=guide.name_zh,
        moves=tuple(Move(on=e.at.date(), to=e.to_state, note=e.note,
                         asked=_units(e.asked, money), offered=_units(e.offered, money),
                         received=_units(e.received, money)) for e in case.events),
        expected=Decimal(expected["amount"]) if expected["amount"] is not None else None,
        expected_en=expected["arithmetic"]["en"], expected_zh=expected["arithmetic"]["zh"],
        evidence=tuple(Exhibit(kind_en=EVIDENCE_KINDS[f.kind]["en"],
                               kind_zh=EVIDENCE_KINDS[f.kind]["zh"], name=f.original_name,
                               added_on=f.created_at.date(), sha256=f.sha256) for f in files),
        channels=tuple(Channel(c.label.en, c.label.zh, c.value) for c in guide.contacts))


def _units(amount: Decimal | None, currency: str | None) -> Decimal | None:
    return None if amount is None else in_units(amount, currency)
