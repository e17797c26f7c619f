"""The plan catalog as shoppers may read it: every plan of a market, with its prices' sources.

Public (no token): it is the same for everyone and changes only when the catalog files do, so
each answer carries an ETag made from the catalog's version and the query.
"""

from __future__ import annotations

import hashlib

from apiflask import APIBlueprint
from flask import request
from marshmallow import RAISE

from server import quoting
from server.api.reply import reply
from server.catalog.model import Plan, PriceRow
from server.domain.fairvalue.options import shelf
from server.domain.vocabulary import CATEGORIES
from server.schemas.catalog import CatalogOut, CatalogQuery

bp = APIBlueprint("catalog", __name__, tag="Catalog")
MAX_AGE = 3600


@bp.get("/catalog/plans")
@bp.input(CatalogQuery, location="query", arg_name="query", unknown=RAISE)
@bp.output(CatalogOut, headers={"ETag": {"description": "Send it back in If-None-Match."}})
@bp.doc(summary="Every plan the catalog holds for a market (and category), with sources",
        description="For the extension's \"all plans\" view. Each price row says its product-"
        "price band, whether it is published or an estimate, and a source a shopper can open. "
        "Answers 304 to a matching If-None-Match.",
        responses={304: "Not modified since the ETag you sent."})
def list_plans(query):
    catalog = quoting.current_catalog()
    market, category = query["market"], query["category"]
    tag = hashlib.sha256(repr((catalog.version, market, category)).encode()).hexdigest()[:32]
    if request.if_none_match.contains(tag):
        response = reply(None, 304)
        response.set_etag(tag)
        return response
    codes = [category] if category else list(CATEGORIES)
    seen, plans = set(), []
    for code in codes:
        for plan in shelf(catalog, market, code):
            if plan.id not in seen and plan.card is None:  # card benefits are not plans
                seen.add(plan.id)
                plans.append(_plan(plan))
    response = reply({"plans": plans})
    response.set_etag(tag)
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    return response


def _plan(plan: Plan) -> dict:
    provider = plan.provider
    return {
        "id": plan.id, "provider": {"id": provider.id, "name": provider.name,
                                    "url": provider.url},
        "name": plan.name, "name_en": plan.name_en, "kind": plan.kind,
        "cover": plan.cover, "market": plan.market, "currency": plan.currency,
        "categories": list(plan.categories), "sites": list(plan.sites),
        "where_to_buy": None if plan.where_to_buy is None else {
            "en": plan.where_to_buy[0], "zh": plan.where_to_buy[1]},
        "purchase_window_days": plan.window_days,
        "purchase_window_months": plan.window_months,
        "source": plan.sourced.source,
        "unpriced_reason": None if not plan.unpriced_reason else {
            "en": plan.unpriced_reason, "zh": plan.unpriced_reason_zh or plan.unpriced_reason},
        "prices": [_row(plan, row) for row in plan.prices],
    }


def _row(plan: Plan, row: PriceRow) -> dict:
    """One band of one term: published, or an estimate with its observed range."""
    estimate = row.estimate
    return {
        "term_months": row.term_months, "min": _text(row.min), "max": _text(row.max),
        "price_basis": row.basis, "price": _text(row.price),
        "low": _text(estimate.low) if estimate else None,
        "high": _text(estimate.high) if estimate else None, "share": None,
        "source": row.source, "read_on": row.read_on.isoformat(),
        "published_on": row.published_on,
        "evidence": list(row.evidence),
    }


def _text(value) -> str | None:
    return None if value is None else str(value)
