"""Build providers, statutory rules, failure tables and repair costs from TOML tables."""

from __future__ import annotations

from decimal import Decimal

from server.catalog.fields import Fields
from server.catalog.model import (
    ANY,
    FailureTable,
    Provider,
    RepairCost,
    StatutoryRule,
)
from server.domain.vocabulary import CATEGORIES, MARKETS

_ONE = Decimal(1)
_PROVIDER_KINDS = ("platform", "retailer", "third_party", "manufacturer", "card", "insurer")
_SOURCE_KEYS = {"source", "read_on", "published", "estimate", "reasoning", "evidence"}
_KEYS = {
    "provider": _SOURCE_KEYS | {"id", "name", "name_en", "kind", "market", "url"},
    "rule": _SOURCE_KEYS | {"market", "name", "name_en", "name_zh", "subcategories",
                           "whole_unit_months", "main_parts_months", "main_parts",
                           "claim_months", "note"},
    "table": _SOURCE_KEYS | {"subcategory", "category", "market", "cumulative", "years",
                            "accident_cumulative", "accident_years"},
    "cost": _SOURCE_KEYS | {"subcategory", "category", "market", "currency", "amount", "share"},
}


def build_provider(f: Fields) -> Provider:
    f.check_keys(_KEYS["provider"])
    return Provider(
        id=f.text("id"), name=f.text("name"), name_en=f.text("name_en"),
        kind=f.text("kind", choices=_PROVIDER_KINDS), market=f.text("market", choices=MARKETS),
        url=f.web_address("url"), sourced=f.sourced(),
    )


def build_rule(f: Fields) -> StatutoryRule:
    f.check_keys(_KEYS["rule"])
    subcategories = f.names("subcategories")
    if not subcategories:
        raise f.fail("'subcategories' must list at least one subcategory, or \"*\"")
    market = f.text("market", choices=MARKETS)
    # The name in the language the law's own name is not in, for the panel in that language.
    other, language = ("name_en", "English") if market == "CN" else ("name_zh", "Chinese")
    if not f.text(other, required=False):
        raise f.fail(f"a rule of the {market} market needs '{other}': its name in {language}")
    return StatutoryRule(
        market=market, name=f.text("name"),
        name_en=f.text("name_en", required=False), name_zh=f.text("name_zh", required=False),
        subcategories=subcategories,
        whole_unit_months=f.integer("whole_unit_months", minimum=1),
        main_parts_months=f.integer("main_parts_months", required=False, minimum=1),
        sourced=f.sourced(), main_parts=f.text("main_parts", required=False),
        claim_months=f.integer("claim_months", required=False, minimum=1),
        note=f.text("note", required=False),
    )


def _key(f: Fields) -> str:
    """A table belongs to a subcategory or, as a default, to a whole category."""
    subcategory, category = f.data.get("subcategory"), f.data.get("category")
    if (subcategory is None) == (category is None):
        raise f.fail("give exactly one of 'subcategory' or 'category'")
    if category is not None:
        return "category:" + f.text("category", choices=CATEGORIES)
    return f.text("subcategory")


def _yearly(f: Fields, prefix: str, required: bool) -> tuple[float, ...] | None:
    """Constant yearly hazard that reproduces the published cumulative share over its horizon."""
    cumulative = f.decimal(f"{prefix}cumulative", required=required, upper=_ONE)
    if cumulative is None:
        return None
    years = f.integer(f"{prefix}years", minimum=1)
    if cumulative >= _ONE:
        raise f.fail(f"'{prefix}cumulative' must be below 1")
    yearly = 1.0 - (1.0 - float(cumulative)) ** (1.0 / years)
    return (yearly,) * 5


def build_failure(f: Fields) -> FailureTable:
    f.check_keys(_KEYS["table"])
    return FailureTable(
        key=_key(f), market=f.text("market", choices=(*MARKETS, ANY)),
        malfunction=_yearly(f, "", required=True), accident=_yearly(f, "accident_", False),
        sourced=f.sourced(),
    )


def build_repair(f: Fields) -> RepairCost:
    f.check_keys(_KEYS["cost"])
    amount, share = f.decimal("amount"), f.decimal("share", upper=_ONE)
    if (amount is None) == (share is None):
        raise f.fail("give exactly one of 'amount' or 'share'")
    market = f.text("market", choices=(*MARKETS, ANY))
    currency = f.text("currency", required=amount is not None)
    if share is not None and market != ANY:
        raise f.fail("a 'share' applies to every market: use market = \"*\"")
    return RepairCost(_key(f), market, currency, amount, share, f.sourced())
