"""Offer-price history of one product, for the extension's sparkline."""

from __future__ import annotations

from datetime import UTC, datetime

from apiflask import APIBlueprint
from marshmallow import RAISE

from server import db
from server.api.reply import reply
from server.auth import auth, current_account_id
from server.domain.price_history import price_history
from server.schemas.products import HistoryOut, HistoryQuery
from server.store import accounts, observations

bp = APIBlueprint("products", __name__, tag="Products")


@bp.get("/products/<site>/<item_id>/offers/history")
@bp.auth_required(auth)
@bp.input(HistoryQuery, location="query", arg_name="query", unknown=RAISE)
@bp.output(HistoryOut)
@bp.doc(summary="Prices of the warranty offers seen on a product page, day by day",
        description="One series per offer, term and currency (currencies are never merged), "
        "with the lowest and highest price seen. Built from anonymous observations that every "
        "page detection records; a price counts once two accounts saw it, or you did.")
def offer_history(site: str, item_id: str, query):
    today = datetime.now(UTC).date()
    seen = observations.history(db.session(), site, item_id, today, query["days"])
    viewer = observations.reporter(accounts.account_public_id(db.session(),
                                                              current_account_id()))
    series = [s.to_dict() for s in price_history(seen, viewer)]
    return reply({"site": site, "item_id": item_id, "series": series})
