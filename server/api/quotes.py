"""Quotes: every plan on the page and in the catalog, priced against the cover already held."""

from __future__ import annotations

from datetime import UTC, datetime

from apiflask import APIBlueprint
from flask import Response

from server import i18n, quoting
from server.auth import auth
from server.domain.fairvalue.inputs import (
    CURRENCY_MARKETS,
    Offer,
    Product,
    Settings,
    component_terms,
)
from server.domain.vocabulary import MARKETS
from server.errors import Invalid
from server.schemas import examples
from server.schemas.quotes import QuoteIn, QuoteOut

bp = APIBlueprint("quotes", __name__, tag="Quotes")
_VARY = (("Vary", "Accept-Language"),)


def _product(data: dict, today) -> Product:
    market = data["market"] or CURRENCY_MARKETS.get(data["currency"])
    if market is None:
        raise Invalid("product.market", f"Say which market the product is sold in "
                      f"({', '.join(MARKETS)}); it could not be told from the currency.")
    return Product(
        category=data["category"], price=data["price"], currency=data["currency"],
        market=market, purchase_date=data["purchase_date"] or today,
        manufacturer_warranty_months=data["manufacturer_warranty_months"],
        subcategory=data["subcategory"], title=data["title"], brand=data["brand"],
        site=data["site"], url=data["url"],
        component_terms=component_terms(data["warranty_terms"]))


def _offer(data: dict) -> Offer:
    return Offer(name=data["name"], kind=data["kind"], term_months=data["term_months"],
                 price=data["price"], currency=data["currency"], starts=data["starts"],
                 provider=data["provider"])


@bp.post("/quotes")
@bp.auth_required(auth)
@bp.input(QuoteIn, arg_name="body", example=examples.QUOTE)
@bp.output(QuoteOut)
@bp.doc(summary="Rank the offers and market alternatives for a product, with verdicts",
        description="Plans in another currency than the product are listed under `excluded`, "
        "never compared silently. `unavailable` is in the language of Accept-Language.")
def create_quote(body):
    today = datetime.now(UTC).date()
    product = _product(body["product"], today)
    offers = tuple(_offer(o) for o in body["offers"])
    settings = Settings(body["settings"]["card_extension_months"],
                        body["settings"]["statutory"])
    # `unavailable` is in the request's language, hence Vary, set as a plain header: adding it
    # through werkzeug's parsed `vary` set took about 5% of a repeated quote (py-spy).
    return Response(quoting.compare_json(product, offers, settings, today, i18n.language()),
                    headers=_VARY, content_type="application/json")
