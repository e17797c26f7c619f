"""Device tokens: random, shown once, stored as SHA-256 digests.

A token carries 256 bits of randomness, so a fast unsalted digest is enough: there is nothing
to brute-force, and a constant-time lookup by digest keeps verification cheap per request.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from apiflask import HTTPTokenAuth
from flask import g
from sqlalchemy import select

from server import db
from server.db.models import Device, utcnow

TOKEN_PREFIX = "ybt_"
SEEN_GRANULARITY = timedelta(minutes=10)  # avoid a write on every request

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
    device = session.scalar(select(Device).where(Device.token_hash == digest(token)))
    if device is None or device.revoked_at is not None:
        return None
    now = utcnow()
    if device.last_seen_at is None or now - device.last_seen_at > SEEN_GRANULARITY:
        device.last_seen_at = now
        session.commit()
    g.device = device
    return device


def current_device() -> Device:
    return auth.current_user


def current_account_id() -> int:
    return auth.current_user.account_id
