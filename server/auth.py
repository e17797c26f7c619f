"""Bearer-token authentication of devices (tokens are made in server.tokens).

Every request looks its token up in the database (one indexed read), so a revoked device is
refused at once by every worker on every host: there is no per-worker memory of tokens that
could outlive a revocation. The read is compiled once and run on a pooled DBAPI connection
(server.db.PreparedRead), which hands the connection back before the view runs.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from apiflask import HTTPTokenAuth
from sqlalchemy import bindparam, select, update

from server import db
from server.db.models import Device, utcnow
from server.tokens import TOKEN_PREFIX, digest

SEEN_GRANULARITY = timedelta(minutes=10)  # avoid a write on every request

# Built once: this runs on every authenticated request, and building a statement costs more
# than executing it against SQLite. Its columns are those of SignedIn, in that order.
_BY_DIGEST = select(Device.id, Device.account_id, Device.last_seen_at).where(
    Device.token_hash == bindparam("digest"), Device.revoked_at.is_(None)
)



class SignedIn(NamedTuple):
    """The requesting device, as read by the token lookup."""

    id: int
    account_id: int
    last_seen_at: datetime | None


auth = HTTPTokenAuth(scheme="Bearer", description="Device token from POST /api/v1/devices")


@auth.verify_token
def verify(token: str | None) -> Device | None:
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    return _look_up(digest(token))


def _look_up(key: str) -> SignedIn | None:
    row = db.prepared(_BY_DIGEST).first(digest=key)
    if row is None:
        return None
    device = SignedIn(*row)
    now = utcnow()
    if device.last_seen_at is None or now - device.last_seen_at > SEEN_GRANULARITY:
        with db.engine().begin() as connection:
            connection.execute(update(Device).where(Device.id == device.id)
                               .values(last_seen_at=now))
    return device


def current_device() -> SignedIn:
    """The requesting device: id, account_id, last_seen_at."""
    return auth.current_user


def current_account_id() -> int:
    return auth.current_user.account_id
