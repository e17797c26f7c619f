"""Platform refund guides: TOML files in this folder, read into server.domain.refunds.guide.

The loader refuses a fact without a source (a web address, or `seed:` for the seed article),
an unknown route, state or evidence kind, and names the file and the place of the error, so a
guide cannot quietly carry an invented step. `python -m server.guides` checks every file.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from server.domain.refunds.evidence import EVIDENCE_KINDS
from server.domain.refunds.guide import ROUTES, Contact, Evidence, Guide, Stage, Text
from server.domain.refunds.states import LADDER

FOLDER = Path(__file__).parent
GENERIC = "generic"
_SOURCE = re.compile(r"^(https?://\S+|seed:\S*)$")


class GuideError(ValueError):
    """A guide file that breaks the rules; the message names the file and the place."""


def _source(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _SOURCE.match(value):
        raise GuideError(f"{where}: every fact needs `source`: a web address or 'seed:'")
    return value


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, dict) or not raw.get("en") or not raw.get("zh"):
        raise GuideError(f"{where}: give the fact in `en` and `zh`")
    return Text(raw["en"], raw["zh"], _source(raw.get("source"), where))


def _stage(state: str, raw: dict, where: str) -> Stage:
    if state not in LADDER:
        raise GuideError(f"{where}: '{state}' is not a step of the ladder {LADDER}")
    actions = tuple(_text(a, f"{where}.actions.{i}") for i, a in enumerate(raw.get("actions", [])))
    evidence = []
    for i, item in enumerate(raw.get("evidence", [])):
        if item.get("kind") not in EVIDENCE_KINDS:
            raise GuideError(f"{where}.evidence.{i}: unknown kind {item.get('kind')!r}; "
                             f"use one of {', '.join(EVIDENCE_KINDS)}")
        source = _source(item.get("source"), f"{where}.evidence.{i}")
        evidence.append(Evidence(item["kind"], source))
    days, days_source = None, None
    if "response_days" in raw:
        response = raw["response_days"]
        if not isinstance(response, dict) or not isinstance(response.get("value"), int):
            raise GuideError(f"{where}.response_days: give {{value = <days>, source = ...}}")
        days = response["value"]
        days_source = _source(response.get("source"), f"{where}.response_days")
    return Stage(state, actions, tuple(evidence), days, days_source)


def parse(raw: dict[str, Any], name: str) -> Guide:
    routes: dict[str, dict[str, Stage]] = {}
    for route, stages in raw.get("routes", {}).items():
        if route not in ROUTES:
            raise GuideError(f"{name}: routes.{route}: use one of {', '.join(ROUTES)}")
        routes[route] = {state: _stage(state, body, f"{name}: routes.{route}.{state}")
                         for state, body in stages.items()}
    contacts = tuple(
        Contact(c.get("kind", "phone"), c["value"], _text(c, f"{name}: contacts.{i}"))
        for i, c in enumerate(raw.get("contacts", [])))
    notes = tuple(_text(n, f"{name}: notes.{i}") for i, n in enumerate(raw.get("notes", [])))
    callback = raw.get("claims", {}).get("callback_hours")
    missing = raw.get("missing")
    if not isinstance(missing, dict) or not missing.get("en") or not missing.get("zh"):
        raise GuideError(f"{name}: say in `missing` (en, zh) what no source gives")
    return Guide(
        platform=raw["platform"], name_en=raw["name"]["en"], name_zh=raw["name"]["zh"],
        sites=tuple(raw.get("sites", [])), routes=routes, contacts=contacts, notes=notes,
        missing=Text(missing["en"], missing["zh"], "guide"),
        claim_callback_hours=callback["value"] if callback else None,
        claim_callback_source=_source(callback.get("source"), f"{name}: claims.callback_hours")
        if callback else None)


def load_folder(folder: Path) -> dict[str, Guide]:
    guides = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise GuideError(f"{path.name}: not valid TOML: {error}") from None
        guide = parse(raw, path.name)
        if guide.platform != path.stem:
            raise GuideError(f"{path.name}: platform must be '{path.stem}', the file's name")
        guides[guide.platform] = guide
    if GENERIC not in guides:
        raise GuideError(f"{folder}: the generic guide ({GENERIC}.toml) is missing")
    return guides


@cache
def guides() -> dict[str, Guide]:
    return load_folder(FOLDER)


def for_site(site: str | None) -> Guide:
    """The guide for a coverage's site (taobao and tmall share one), else the generic one."""
    for guide in guides().values():
        if site and site in guide.sites:
            return guide
    return guides()[GENERIC]
