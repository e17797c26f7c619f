"""Anonymous offer-price observations: written by every detect, read for the sparkline."""

from __future__ import annotations

import hashlib
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
_KEY = ["site", "item_id", "offer", "term_months", "currency", "observed_on", "reporter"]


def reporter(account_public_id: str) -> str:
    """Who reported an observation, as far as history needs to know: distinct accounts get
    distinct values, and the value does not name the account."""
    return hashlib.sha256(f"yanbao-observer:{account_public_id}".encode()).hexdigest()[:16]


def record(session: Session, site: str, item_id: str, offers: Iterable[dict], day: date,
           who: str) -> int:
    """Stores each priced offer once per reporter and day (a later price that day replaces an
    earlier one); returns how many rows were given."""
    rows = {}
    for o in offers:
        if o.get("price") and o.get("currency") and o.get("term_months") and o.get("name"):
            row = {"site": site, "item_id": item_id, "offer": o["name"][:200],
                   "term_months": o["term_months"], "price": Decimal(o["price"]),
                   "currency": o["currency"], "observed_on": day, "reporter": who}
            rows[(row["offer"], row["term_months"], row["currency"])] = row
    if rows:
        insert = _INSERTS[session.get_bind().dialect.name](OfferObservation)
        session.execute(insert.on_conflict_do_update(
            index_elements=_KEY, set_={"price": insert.excluded.price}), list(rows.values()))
        session.flush()
    return len(rows)


def history(session: Session, site: str, item_id: str, today: date,
            days: int) -> list[Observation]:
    stmt = (
        select(OfferObservation.observed_on, OfferObservation.offer, OfferObservation.term_months,
               OfferObservation.price, OfferObservation.currency, OfferObservation.reporter)
        .where(OfferObservation.site == site, OfferObservation.item_id == item_id,
               OfferObservation.observed_on > today - timedelta(days=days))
        .order_by(OfferObservation.observed_on)
    )
    return [Observation(day, offer, term, in_units(price, currency), currency, who)
            for day, offer, term, price, currency, who in session.execute(stmt)]


def since(session: Session, first_day: date) -> list[tuple[str, str, Observation]]:
    """Every observation from `first_day` on, with its site and item, for the maintainers'
    review (`flask catalog observed`)."""
    stmt = (
        select(OfferObservation.site, OfferObservation.item_id, OfferObservation.observed_on,
               OfferObservation.offer, OfferObservation.term_months, OfferObservation.price,
               OfferObservation.currency, OfferObservation.reporter)
        .where(OfferObservation.observed_on >= first_day)
        .order_by(OfferObservation.site, OfferObservation.item_id, OfferObservation.observed_on)
    )
    return [(site, item_id, Observation(day, offer, term, in_units(price, currency), currency,
                                        who))
            for site, item_id, day, offer, term, price, currency, who in session.execute(stmt)]
