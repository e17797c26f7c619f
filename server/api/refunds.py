"""Refund cases on a coverage's plan layer, and the platform guides they follow (issue 14)."""

from __future__ import annotations

from datetime import UTC, datetime

from apiflask import APIBlueprint, abort
from flask import json
from marshmallow import RAISE
from sqlalchemy import select

from server import db, i18n
from server.api.reply import refused, reply
from server.auth import auth, current_account_id
from server.db.models import Coverage, utcnow
from server.domain.refunds.expected import ZERO
from server.domain.refunds.letter import draft
from server.domain.refunds.states import WrongTransition
from server.errors import problem
from server.guides import guides
from server.schemas.refunds import (
    CaseIn,
    CaseList,
    CaseOut,
    GuideOut,
    LetterOut,
    LetterQuery,
    TransitionIn,
)
from server.serialize.refunds import case_record, guide_record, letter_facts
from server.store import claims, evidence, follow_ups
from server.store import refunds as store

bp = APIBlueprint("refunds", __name__, tag="Refund cases")


def _today():
    return datetime.now(UTC).date()


def _records(found: list) -> list[dict]:
    """Cases as JSON, with the evidence each holds and what claims under each case's layer
    have paid (one query for each, for all of them)."""
    today, session = _today(), db.session()
    present = evidence.kinds_present(session, [case.id for case in found])
    paid = claims.paid_under_each(session, [(c.coverage_id, c.layer_public_id) for c in found])
    return [case_record(case, today, present.get(case.id),
                        paid.get((case.coverage_id, case.layer_public_id), ZERO))
            for case in found]


def _record(case) -> dict:
    return _records([case])[0]


def _owned_case(case_id: str):
    case = store.owned_case(db.session(), current_account_id(), case_id)
    if case is None:
        abort(404, "No refund case with this id in your account.")
    return case


@bp.post("/coverages/<coverage_id>/refund-cases")
@bp.auth_required(auth)
@bp.input(CaseIn, arg_name="body", example={"route": "plan_only"})
@bp.output(CaseOut, status_code=201)
@bp.doc(summary="Open a refund case (state draft) on a coverage's plan layer",
        responses={201: "The case, in state draft.",
                   409: "A case is already open on this layer."})
def open_case(coverage_id: str, body):
    session = db.session()
    coverage = _owned_coverage(coverage_id)
    try:
        case = store.open_case(session, coverage, body["route"], body["layer_id"], utcnow())
    except store.CaseError as error:
        return refused(error)
    session.flush()
    follow_ups.sync_case(session, case, _today())
    return reply(_record(case), 201)


def _owned_coverage(coverage_id: str) -> Coverage:
    coverage = db.session().scalar(select(Coverage).where(
        Coverage.public_id == coverage_id, Coverage.account_id == current_account_id()))
    if coverage is None:
        abort(404, "No coverage with this id in your account.")
    return coverage


@bp.post("/refund-cases/<case_id>/transitions")
@bp.auth_required(auth)
@bp.input(TransitionIn, arg_name="body", example={"to": "requested", "note": "Asked on Alipay"})
@bp.output(CaseOut)
@bp.doc(summary="Move a refund case to its next state",
        description="A move the state table does not allow answers 409 with `allowed_next`. "
        "A move to refunded marks the plan layer refunded in the same transaction.",
        responses={200: "The case after the move.",
                   409: "Not a move allowed from the case's state; `allowed_next` lists those "
                        "that are."})
def transition(case_id: str, body):
    case = _owned_case(case_id)
    try:
        store.move(case, body["to"], body["note"], body["amount"], utcnow())
    except WrongTransition as wrong:
        response = problem(409, str(wrong), errors=[{"field": "to", "message": str(wrong)}])
        payload = json.loads(response.get_data())
        payload["allowed_next"] = list(wrong.allowed)
        response.set_data(json.dumps(payload, ensure_ascii=False))
        return response
    except store.CaseError as error:
        return refused(error)
    db.session().flush()
    follow_ups.sync_case(db.session(), case, _today())
    return reply(_record(case))


@bp.get("/refund-cases/<case_id>")
@bp.auth_required(auth)
@bp.output(CaseOut)
@bp.doc(summary="A refund case: state, history, expected refund, next steps and checklist")
def get_case(case_id: str):
    return reply(_record(_owned_case(case_id)))


@bp.get("/refund-cases")
@bp.auth_required(auth)
@bp.output(CaseList)
@bp.doc(summary="The account's refund cases, newest first")
def list_cases():
    cases = store.account_cases(db.session(), current_account_id())
    return reply({"items": _records(cases)})


@bp.get("/refund-cases/<case_id>/letter")
@bp.auth_required(auth)
@bp.input(LetterQuery, location="query", arg_name="query", unknown=RAISE)
@bp.output(LetterOut)
@bp.doc(summary="A complaint letter drafted from the case, in Chinese or English",
        description="Order facts, the case's timeline, amounts asked, offered and received, "
        "the refund the terms promise, the evidence list and the platform's complaint "
        "channels from its guide: text to copy.")
def get_letter(case_id: str, query):
    case = _owned_case(case_id)
    session, today = db.session(), _today()
    lang = query["lang"] or i18n.language()
    facts = letter_facts(case, evidence.of_case(session, case),
                         claims.paid_under(session, case.coverage_id, case.layer_public_id),
                         today)
    drafted = draft(facts, lang, today)
    return reply({"lang": lang, "subject": drafted.subject, "text": drafted.text})


@bp.get("/refund-guides/<platform>")
@bp.auth_required(auth)
@bp.output(GuideOut)
@bp.doc(summary="A platform's refund guide: steps per route, contacts, evidence, sources")
def get_guide(platform: str):
    guide = guides().get(platform)
    if guide is None:
        abort(404, f"No refund guide for '{platform}'; guides exist for: "
              f"{', '.join(sorted(guides()))}.")
    return reply(guide_record(guide))
