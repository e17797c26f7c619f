"""Anonymous offer-price observations: written by every detect, read for the sparkline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server.db.models import OfferObservation
from server.domain.money import in_units
from server.domain.price_history import Observation

_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def record(session: Session, site: str, item_id: str, offers: Iterable[dict], day: date) -> int:
    """Stores each priced offer once per day and price; returns how many rows were given."""
    rows = [
        {"site": site, "item_id": item_id, "offer": o["name"][:200],
         "term_months": o["term_months"], "price": Decimal(o["price"]),
         "currency": o["currency"], "observed_on": day}
        for o in offers
        if o.get("price") and o.get("currency") and o.get("term_months") and o.get("name")
    ]
    if rows:
        insert = _INSERTS[session.get_bind().dialect.name](OfferObservation)
        session.execute(insert.on_conflict_do_nothing(), rows)
        session.flush()
    return len(rows)


def history(session: Session, site: str, item_id: str, today: date,
            days: int) -> list[Observation]:
    stmt = (
        select(OfferObservation.observed_on, OfferObservation.offer, OfferObservation.term_months,
               OfferObservation.price, OfferObservation.currency)
        .where(OfferObservation.site == site, OfferObservation.item_id == item_id,
               OfferObservation.observed_on > today - timedelta(days=days))
        .order_by(OfferObservation.observed_on)
    )
    return [Observation(day, offer, term, in_units(price, currency), currency)
            for day, offer, term, price, currency in session.execute(stmt)]
