"""Repair claims on a coverage layer (issue 14): report a fault, record what happened, see the
callback clock and the escalation a missed promise calls for."""

from __future__ import annotations

from datetime import UTC, datetime

from apiflask import APIBlueprint, abort
from sqlalchemy import select

from server import db
from server.api.reply import refused, reply
from server.auth import auth, current_account_id
from server.db.models import Coverage, utcnow
from server.domain.timeline import TimelineError
from server.errors import Invalid
from server.schemas.refunds import ClaimEventIn, ClaimIn, ClaimList, ClaimOut
from server.serialize.claims import claim_record
from server.store import claims as store
from server.store import reminders

bp = APIBlueprint("claims", __name__, tag="Repair claims")


def _today():
    return datetime.now(UTC).date()


def _owned_coverage(coverage_id: str) -> Coverage:
    coverage = db.session().scalar(select(Coverage).where(
        Coverage.public_id == coverage_id, Coverage.account_id == current_account_id()))
    if coverage is None:
        abort(404, "No coverage with this id in your account.")
    return coverage


def _owned_claim(claim_id: str):
    claim = store.owned(db.session(), current_account_id(), claim_id)
    if claim is None:
        abort(404, "No repair claim with this id in your account.")
    return claim


@bp.post("/coverages/<coverage_id>/claims")
@bp.auth_required(auth)
@bp.input(ClaimIn, arg_name="body", example={
    "fault": "压缩机不制冷", "reported_on": "2026-03-01", "reported_to": "京东服务"})
@bp.output(ClaimOut, status_code=201)
@bp.doc(summary="Report a fault under a coverage layer (a repair claim)",
        description="The callback promise defaults to the platform guide's sourced figure for "
        "bought plans (24 hours on Taobao/Tmall). A promise not kept becomes a next step "
        "(`escalate`, with `due_on`) and a reminder of kind `claim_callback_missed`.")
def open_claim(coverage_id: str, body):
    session = db.session()
    coverage = _owned_coverage(coverage_id)
    try:
        claim = store.open_claim(session, coverage, body, _today(), utcnow())
    except store.ClaimError as error:
        return refused(error)
    return reply(claim_record(claim, _today()), 201)


@bp.post("/claims/<claim_id>/events")
@bp.auth_required(auth)
@bp.input(ClaimEventIn, arg_name="body", example={"kind": "called_back", "on": "2026-03-02"})
@bp.output(ClaimOut)
@bp.doc(summary="Record what happened on a claim: called back, visit, repaired, replaced, "
        "refused",
        description="repaired, replaced and refused close the claim (a later event answers "
        "409). `replaced` with `new_warranty_months` adds the replacement unit's manufacturer "
        "warranty to the coverage as a new layer.",
        responses={200: "The claim after the event.", 409: "The claim is closed."})
def add_event(claim_id: str, body):
    session = db.session()
    claim = _owned_claim(claim_id)
    now = utcnow()
    try:
        event = store.add_event(session, claim, body, _today(), now)
    except store.ClaimError as error:
        return refused(error)
    except TimelineError as error:  # the new layer cannot be dated
        session.rollback()
        raise Invalid("new_warranty_months", error.message) from None
    if event.new_layer_public_id:
        claim.coverage.updated_at = now
        session.flush()
        reminders.reschedule(session, claim.coverage)
    return reply(claim_record(claim, _today()))


@bp.get("/claims/<claim_id>")
@bp.auth_required(auth)
@bp.output(ClaimOut)
@bp.doc(summary="A repair claim: the callback clock, next steps, events and amount paid")
def get_claim(claim_id: str):
    return reply(claim_record(_owned_claim(claim_id), _today()))


@bp.get("/claims")
@bp.auth_required(auth)
@bp.output(ClaimList)
@bp.doc(summary="The account's repair claims, newest first")
def list_claims():
    today = _today()
    claims = store.account_claims(db.session(), current_account_id())
    return reply({"items": [claim_record(claim, today) for claim in claims]})
