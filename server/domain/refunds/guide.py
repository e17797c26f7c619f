"""The shape of a platform's refund guide (the data lives in server/guides/*.toml).

Every fact carries its source: a web address, or `seed:` for the seed article. A guide gives,
per route (`with_goods`, `plan_only`) and per rung of the ladder it knows (the state a step
moves the case to), the actions to take, the evidence the step wants and, where a source says
so, how long the provider has to answer. What a platform's own guide lacks comes from the
generic guide (`falls_back`).
"""

from __future__ import annotations

from dataclasses import dataclass

ROUTES = ("with_goods", "plan_only")


@dataclass(frozen=True)
class Text:
    en: str
    zh: str
    source: str


@dataclass(frozen=True)
class Evidence:
    kind: str
    source: str


@dataclass(frozen=True)
class Stage:
    """How to move a case to `state` on one route."""

    state: str
    actions: tuple[Text, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    response_days: int | None = None  # how long the other side has to answer this step
    response_source: str | None = None


@dataclass(frozen=True)
class Contact:
    kind: str  # "phone" | "web"
    value: str
    label: Text


@dataclass(frozen=True)
class Guide:
    platform: str
    name_en: str
    name_zh: str
    sites: tuple[str, ...]
    routes: dict[str, dict[str, Stage]]  # route -> state -> stage
    contacts: tuple[Contact, ...] = ()
    notes: tuple[Text, ...] = ()
    missing: Text | None = None  # what no source gives, said in the file
    claim_callback_hours: int | None = None
    claim_callback_source: str | None = None

    def stage(self, route: str, state: str) -> Stage | None:
        return self.routes.get(route, {}).get(state)
