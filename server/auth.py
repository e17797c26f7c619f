"""Device tokens: random, shown once, stored as SHA-256 digests.

A token carries 256 bits of randomness, so a fast unsalted digest is enough: there is nothing
to brute-force, and a constant-time lookup by digest keeps verification cheap per request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from apiflask import HTTPTokenAuth
from sqlalchemy import bindparam, select, update

from server import db
from server.db.models import Device, utcnow

TOKEN_PREFIX = "ybt_"
SEEN_GRANULARITY = timedelta(minutes=10)  # avoid a write on every request

# Built once: this runs on every authenticated request, and building a statement costs more
# than executing it against SQLite.
_BY_DIGEST = select(Device.id, Device.account_id, Device.last_seen_at).where(
    Device.token_hash == bindparam("digest"), Device.revoked_at.is_(None)
)

auth = HTTPTokenAuth(scheme="Bearer", description="Device token from POST /api/v1/devices")


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@auth.verify_token
def verify(token: str | None) -> Device | None:
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    session = db.session()
    device = session.connection().execute(_BY_DIGEST, {"digest": digest(token)}).first()
    if device is None:
        return None
    now = utcnow()
    if device.last_seen_at is None or now - device.last_seen_at > SEEN_GRANULARITY:
        session.execute(update(Device).where(Device.id == device.id).values(last_seen_at=now))
        session.commit()
    return device


def current_device():
    """The requesting device as a row of (id, account_id, last_seen_at)."""
    return auth.current_user


def current_account_id() -> int:
    return auth.current_user.account_id
