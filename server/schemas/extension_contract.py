"""Writes `extension/lib/vocabulary.js`: the shared words and the request schemas' limits, so
the extension checks messages against the same rules the service applies without restating them.

`make vocabulary` (or `python -m server.schemas.extension_contract`) rewrites the file; a test
fails when it is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from apiflask import fields, validators
from marshmallow import Schema

from server.domain import vocabulary
from server.domain.reminders.preferences import MAX_LEAD_DAYS, MAX_LEADS
from server.schemas.channels import ChannelIn
from server.schemas.common import Currency, Money
from server.schemas.coverages import CoveragePatch, ListQuery
from server.schemas.reminders import AccountPatch, ReminderQuery, SnoozeIn

TARGET = Path(__file__).resolve().parents[2] / "extension" / "lib" / "vocabulary.js"
WORDS = ("CATEGORIES", "NOT_ELIGIBLE", "MARKETS", "PRICE_BASES", "ASK_FOR_PRICE",
         "EXCLUDED_REASONS", "LAYER_KINDS", "PLAN_KINDS", "PLAN_STARTS", "STARTS", "LAYER_STATES",
         "STATUSES", "WHOLE_UNIT")
_MONEY_MAX = 17  # twelve digits, a point and four decimals (server.schemas.common.Money)


def rule(field: fields.Field) -> dict:
    """One field as extension/lib/validate.js reads a rule."""
    out: dict = {}
    if isinstance(field, fields.Nested):
        out = {"type": "object", "fields": spec(field.schema)}
        if field.many:
            out = {"type": "array", "items": out}
    elif isinstance(field, fields.List):
        out = {"type": "array", "items": rule(field.inner)}
    elif isinstance(field, fields.Boolean):
        out = {"type": "boolean"}
    elif isinstance(field, fields.Integer):
        out = {"type": "integer"}
    elif isinstance(field, fields.Date):
        out = {"type": "string", "pattern": _Js("DATE")}
    elif isinstance(field, Money):
        out = {"type": "string", "max": _MONEY_MAX}
    elif isinstance(field, Currency):
        out = {"type": "string", "max": 3}
    else:
        out = {"type": "string"}
    for check in field.validators:
        if isinstance(check, validators.Length) or (
                isinstance(check, validators.Range) and out["type"] == "integer"):
            out.update({k: v for k, v in (("min", check.min), ("max", check.max))
                        if v is not None})
        elif isinstance(check, validators.OneOf):
            out["enum"] = list(check.choices)
        elif isinstance(check, validators.Regexp):
            out["pattern"] = _Js("/" + check.regex.pattern.replace("/", "\\/") + "/")
    if field.required:
        out["required"] = True
    if field.allow_none:
        out["nullable"] = True
    return out


class _Js(str):
    """JavaScript written as it is (a regular expression literal, a name), not as a string."""


def js(value, indent: str = "") -> str:
    if isinstance(value, _Js):
        return str(value)
    if isinstance(value, dict) and not any(isinstance(v, dict) for v in value.values()):
        return "{ " + ", ".join(f"{key}: {js(item)}" for key, item in value.items()) + " }"
    if isinstance(value, dict):
        inner = indent + "  "
        items = [f"{inner}{key}: {js(item, inner)}," for key, item in value.items()]
        return "{\n" + "\n".join(items) + f"\n{indent}}}" if items else "{}"
    return json.dumps(value, ensure_ascii=False)


def spec(schema: Schema) -> dict:
    rules = {name: rule(field) for name, field in schema.fields.items() if not field.dump_only}
    if schema.partial is True:  # a PATCH: nothing is required
        for each in rules.values():
            each.pop("required", None)
    return rules


def account_changes() -> dict:
    """PATCH /api/v1/account; the lead-day limits live in a validator, so they are added here."""
    rules = spec(AccountPatch())
    rules["lead_days"].update({"max": MAX_LEADS})
    rules["lead_days"]["items"].update({"min": 0, "max": MAX_LEAD_DAYS})
    rules["quiet_hours"]["fields"] = {
        name: {"type": "string", "pattern": _Js("/^([01]\\d|2[0-3]):[0-5]\\d$/"), "required": True}
        for name in ("start", "end")}
    return rules


def render() -> str:
    lines = ["// Written by `make vocabulary` from server/domain/vocabulary.py and the service's",
             "// request schemas (server/schemas/extension_contract.py). Do not edit by hand.",
             'import { DATE } from "./validate.js";', ""]
    for name in WORDS:
        lines.append(f"export const {name} = {json.dumps(getattr(vocabulary, name))};")
    shapes = {"COVERAGE_CHANGES": spec(CoveragePatch()), "LIST_QUERY": spec(ListQuery()),
              "ACCOUNT_CHANGES": account_changes(), "REMINDER_QUERY": spec(ReminderQuery()),
              "SNOOZE": spec(SnoozeIn()), "CHANNEL_IN": spec(ChannelIn())}
    for name, shape in shapes.items():
        lines += ["", f"export const {name} = {js(shape)};"]
    lines += _refund_words()
    return "\n".join(lines) + "\n"


def _refund_words() -> list[str]:
    """Refund cases and repair claims (issue 14): the states, what a move's amount means, the
    evidence kinds, the claim events and the request shapes, for the dashboard's sections and
    their handlers."""
    from server.domain.refunds import states
    from server.domain.refunds.claims import EVENT_KINDS
    from server.domain.refunds.evidence import EVIDENCE_KINDS
    from server.domain.refunds.guide import ROUTES
    from server.schemas.refunds import CaseIn, ClaimEventIn, ClaimIn, TransitionIn

    words = {"REFUND_STATES": list(states.STATES), "REFUND_FINAL": list(states.FINAL),
             "REFUND_ROUTES": list(ROUTES), "REFUND_AMOUNT_MEANS": dict(states.AMOUNT_MEANS),
             "REFUND_AMOUNT_REQUIRED": list(states.AMOUNT_REQUIRED),
             "EVIDENCE_KINDS": list(EVIDENCE_KINDS), "CLAIM_EVENT_KINDS": list(EVENT_KINDS)}
    lines = [""] + [f"export const {name} = {json.dumps(value)};" for name, value in words.items()]
    shapes = {"REFUND_CASE_IN": CaseIn(), "REFUND_TRANSITION_IN": TransitionIn(),
              "CLAIM_IN": ClaimIn(), "CLAIM_EVENT_IN": ClaimEventIn()}
    for name, schema in shapes.items():
        lines += ["", f"export const {name} = {js(spec(schema))};"]
    return lines


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
