"""Request and response shapes for refund cases and platform guides (issue 14)."""

from __future__ import annotations

from apiflask import fields, validators

from server.domain.refunds.claims import EVENT_KINDS as CLAIM_EVENT_KINDS
from server.domain.refunds.claims import MAX_PROMISED_HOURS
from server.domain.refunds.evidence import EVIDENCE_KINDS
from server.domain.refunds.guide import ROUTES
from server.domain.refunds.states import STATES
from server.schemas.base import Boolean, Integer, Schema
from server.schemas.common import Money, text
from server.schemas.lean import LeanSchema


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


class ChecklistItemOut(EvidenceOut):
    present = Boolean(metadata={"description": "At least one file of this kind is attached."})
    files = fields.Integer(metadata={"description": "How many files of this kind."})


class ChecklistOut(Schema):
    to = fields.String()
    evidence = fields.List(fields.Nested(ChecklistItemOut))


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
    evidence_files = fields.Integer(metadata={"description": "Files attached to the case."})
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


# --- evidence files ------------------------------------------------------------------------

class EvidenceUpload(Schema):
    file = fields.File(required=True, metadata={
        "description": "An image, a PDF or an audio recording; its type is read from its "
                       "content. At most YANBAO_MAX_EVIDENCE_BYTES (10 MiB by default)."})
    kind = fields.String(required=True, validate=validators.OneOf(tuple(EVIDENCE_KINDS)),
                         metadata={"description": "What the file shows."})


class EvidenceFileOut(Schema):
    id = fields.String()
    case_id = fields.String()
    kind = fields.String(validate=validators.OneOf(tuple(EVIDENCE_KINDS)))
    label = fields.Nested(Bilingual)
    media_type = fields.String(metadata={"description": "Read from the file's content."})
    size = fields.Integer()
    sha256 = fields.String()
    name = fields.String(metadata={"description": "The name it was sent with, cleaned: shown "
                                   "only, never used to store it."})
    download_name = fields.String()
    download = fields.String(metadata={"description": "GET this path to download the file."})
    created_at = fields.DateTime()


class ListedEvidence(EvidenceFileOut):
    """An evidence file as the list gives it (same shape as EvidenceFileOut)."""


class EvidenceList(Schema):
    items = fields.List(fields.Nested(ListedEvidence))
    limit = fields.Integer(metadata={"description": "The most files a case takes."})


# --- repair claims -------------------------------------------------------------------------

class ClaimIn(Schema):
    layer_id = text(36, load_default=None, metadata={
        "description": "The layer the fault is claimed under; may be left out when the "
                       "coverage has one plan layer in force."})
    fault = text(2000, min_length=1, required=True, metadata={"example": "压缩机不制冷"})
    reported_on = fields.Date(load_default=None, metadata={
        "description": "The day the fault was reported (default: today, UTC)."})
    reported_to = text(200, load_default=None, metadata={"example": "京东服务"})
    callback_promised_hours = Integer(
        allow_none=True, validate=validators.Range(min=1, max=MAX_PROMISED_HOURS), metadata={
            "description": "Hours within which the provider promised to call back. Left out: "
                           "the platform guide's sourced promise for bought plans (24 on "
                           "Taobao/Tmall, from the seed article), else none; null: none."})


class ClaimEventIn(Schema):
    kind = fields.String(required=True, validate=validators.OneOf(CLAIM_EVENT_KINDS))
    on = fields.Date(load_default=None, metadata={"description": "Default: today (UTC)."})
    note = text(2000, load_default=None)
    amount = Money(load_default=None, metadata={
        "example": "350.00",
        "description": "repaired or replaced only: what the plan paid (claims paid reduce a "
                       "prorated refund where the terms say less_claims)."})
    new_warranty_months = Integer(
        load_default=None, validate=validators.Range(min=1, max=120), metadata={
            "description": "replaced only: the replacement unit's own manufacturer warranty, "
                           "added to the coverage as a new layer from the day it was replaced."})


class CallbackOut(Schema):
    promised_hours = fields.Integer(allow_none=True)
    due_on = fields.Date(allow_none=True, metadata={
        "description": "The last day the promise allows (reported_on + ceil(hours / 24))."})
    called_back_on = fields.Date(allow_none=True)
    kept = Boolean(allow_none=True, metadata={"description": "null: nothing promised, or the "
                                              "day has not passed yet."})
    overdue = Boolean()


class ClaimStepOut(Schema):
    action = fields.String(metadata={"example": "escalate"})
    title = fields.Nested(Bilingual)
    due_on = fields.Date()
    overdue = Boolean()


class ClaimEventOut(Schema):
    kind = fields.String(validate=validators.OneOf(CLAIM_EVENT_KINDS))
    on = fields.Date()
    note = fields.String(allow_none=True)
    amount = fields.String(allow_none=True)
    new_layer_id = fields.String(allow_none=True)
    created_at = fields.DateTime()


class ClaimOut(Schema):
    id = fields.String()
    coverage_id = fields.String()
    layer_id = fields.String()
    fault = fields.String()
    reported_on = fields.Date()
    reported_to = fields.String(allow_none=True)
    callback_promised_hours = fields.Integer(allow_none=True)
    currency = fields.String(allow_none=True)
    state = fields.String(metadata={"description": "reported, or the latest event's kind."})
    closed = Boolean()
    callback = fields.Nested(CallbackOut)
    next_steps = fields.List(fields.Nested(ClaimStepOut))
    events = fields.List(fields.Nested(ClaimEventOut))
    paid = fields.String(metadata={"description": "What the plan paid on this claim."})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ListedClaim(ClaimOut):
    """A claim as the list gives it (same shape as ClaimOut)."""


class ClaimList(Schema):
    items = fields.List(fields.Nested(ListedClaim))


# --- complaint letter ----------------------------------------------------------------------

class LetterQuery(LeanSchema):
    lang = fields.String(validate=validators.OneOf(("zh", "en")), load_default=None, metadata={
        "description": "zh or en; default: the request's Accept-Language."})


class LetterOut(Schema):
    lang = fields.String(validate=validators.OneOf(("zh", "en")))
    subject = fields.String()
    text = fields.String(metadata={"description": "Plain text to copy, lines ending in \\n."})
