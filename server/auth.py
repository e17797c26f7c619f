"""Bearer-token authentication of devices (tokens are made in server.tokens).

Each worker remembers the tokens it verified for AUTH_CACHE_SECONDS (a few seconds by default),
because the lookup otherwise costs more than most requests' own work. Revoking a device forgets
its token at once in the revoking worker; other workers notice within that many seconds.
Setting it to 0 checks the database on every request.
"""

from __future__ import annotations

import threading
from datetime import timedelta

from apiflask import HTTPTokenAuth
from cachetools import TTLCache
from flask import Flask, current_app
from sqlalchemy import bindparam, select, update

from server import db
from server.db.models import Device, utcnow
from server.tokens import TOKEN_PREFIX, digest

SEEN_GRANULARITY = timedelta(minutes=10)  # avoid a write on every request

# Built once: this runs on every authenticated request, and building a statement costs more
# than executing it against SQLite.
_BY_DIGEST = select(Device.id, Device.account_id, Device.last_seen_at).where(
    Device.token_hash == bindparam("digest"), Device.revoked_at.is_(None)
)

_CACHE = "yanbao.auth_cache"
_lock = threading.Lock()

auth = HTTPTokenAuth(scheme="Bearer", description="Device token from POST /api/v1/devices")


def init_app(app: Flask) -> None:
    seconds = app.config["AUTH_CACHE_SECONDS"]
    app.extensions[_CACHE] = TTLCache(maxsize=10_000, ttl=seconds) if seconds > 0 else None


def forget(token_digest: str) -> None:
    """Called when a device is revoked, so this worker refuses its token from now on."""
    cache = current_app.extensions[_CACHE]
    if cache is not None:
        with _lock:
            cache.pop(token_digest, None)


@auth.verify_token
def verify(token: str | None) -> Device | None:
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    key, cache = digest(token), current_app.extensions[_CACHE]
    if cache is not None:
        with _lock:
            remembered = cache.get(key)
        if remembered is not None:
            return remembered
    device = _look_up(key)
    if device is not None and cache is not None:
        with _lock:
            cache[key] = device
    return device


def _look_up(key: str):
    connection = db.reader()
    device = connection.execute(_BY_DIGEST, {"digest": key}).first()
    if device is None:
        return None
    now = utcnow()
    if device.last_seen_at is None or now - device.last_seen_at > SEEN_GRANULARITY:
        connection.execute(update(Device).where(Device.id == device.id).values(last_seen_at=now))
        connection.commit()
    return device


def current_device():
    """The requesting device as a row of (id, account_id, last_seen_at)."""
    return auth.current_user


def current_account_id() -> int:
    return auth.current_user.account_id
