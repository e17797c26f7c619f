"""Request and response shapes for refund cases and platform guides (issue 14)."""

from __future__ import annotations

from apiflask import fields, validators

from server.domain.refunds.evidence import EVIDENCE_KINDS
from server.domain.refunds.guide import ROUTES
from server.domain.refunds.states import STATES
from server.schemas.base import Boolean, Schema
from server.schemas.common import Money, text


class CaseIn(Schema):
    route = fields.String(required=True, validate=validators.OneOf(ROUTES), metadata={
        "description": "with_goods: refunding the goods refunds the plan paid with them; "
                       "plan_only: the plan alone."})
    layer_id = text(36, load_default=None, metadata={
        "description": "The plan layer to refund; may be left out when the coverage has one "
                       "plan layer in force."})


class TransitionIn(Schema):
    to = fields.String(required=True, validate=validators.OneOf(STATES))
    note = text(2000, load_default=None)
    amount = Money(load_default=None, metadata={
        "example": "140.96",
        "description": "In the case's currency. Moving to requested, platform_intervention or "
                       "complaint: the amount asked; to negotiating: the amount the provider "
                       "offers; to refunded or partly_refunded (required): the amount received. "
                       "Not taken with rejected or withdrawn."})


class Bilingual(Schema):
    en = fields.String()
    zh = fields.String()


class Sourced(Schema):
    en = fields.String()
    zh = fields.String()
    source = fields.String(metadata={"description": "A web address, or 'seed:' for the seed "
                                     "article."})


class EventOut(Schema):
    at = fields.DateTime()
    from_state = fields.String(allow_none=True, data_key="from")
    to = fields.String()
    note = fields.String(allow_none=True)
    asked = fields.String(allow_none=True)
    offered = fields.String(allow_none=True)
    received = fields.String(allow_none=True)
    layer_refunded = Boolean(metadata={"description": "This move marked the plan layer "
                                       "refunded."})


class ExpectedOut(Schema):
    amount = fields.String(allow_none=True, metadata={"description": "null when the terms or "
                                                      "the price are not recorded"})
    currency = fields.String(allow_none=True)
    arithmetic = fields.Nested(Bilingual)


class EvidenceOut(Schema):
    kind = fields.String(validate=validators.OneOf(tuple(EVIDENCE_KINDS)))
    label = fields.Nested(Bilingual)
    source = fields.String()


class StepOut(Schema):
    to = fields.String()
    title = fields.Nested(Bilingual)
    actions = fields.List(fields.Nested(Sourced))
    evidence = fields.List(fields.Nested(EvidenceOut))
    from_guide = fields.String(allow_none=True)
    due_on = fields.Date(allow_none=True, metadata={
        "description": "Take this step if the provider has not answered by then (set only "
                       "where the guide gives a sourced response time)."})
    overdue = Boolean()


class ChecklistOut(Schema):
    to = fields.String()
    evidence = fields.List(fields.Nested(EvidenceOut))


class CaseOut(Schema):
    id = fields.String()
    coverage_id = fields.String()
    layer_id = fields.String()
    platform = fields.String()
    route = fields.String(validate=validators.OneOf(ROUTES))
    state = fields.String(validate=validators.OneOf(STATES))
    allowed_next = fields.List(fields.String())
    currency = fields.String(allow_none=True)
    history = fields.List(fields.Nested(EventOut))
    expected_refund = fields.Nested(ExpectedOut)
    next_steps = fields.List(fields.Nested(StepOut))
    checklist = fields.List(fields.Nested(ChecklistOut))
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ListedCase(CaseOut):
    """A case as the list gives it: the same shape as CaseOut. (APIFlask documents the list
    first, its path being shortest, and would otherwise register CaseOut twice.)"""


class CaseList(Schema):
    items = fields.List(fields.Nested(ListedCase))


class StageOut(Schema):
    state = fields.String()
    actions = fields.List(fields.Nested(Sourced))
    evidence = fields.List(fields.Nested(EvidenceOut))
    response_days = fields.Integer(allow_none=True)
    response_source = fields.String(allow_none=True)


class ContactOut(Schema):
    kind = fields.String()
    value = fields.String()
    label = fields.Nested(Sourced)


class GuideOut(Schema):
    platform = fields.String()
    name = fields.Nested(Bilingual)
    sites = fields.List(fields.String())
    routes = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(StageOut)))
    contacts = fields.List(fields.Nested(ContactOut))
    notes = fields.List(fields.Nested(Sourced))
    missing = fields.Nested(Bilingual, metadata={"description": "What no source gives."})
