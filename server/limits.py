"""Rate limits, with the `limits` library (the engine behind Flask-Limiter) used directly.

Only a few endpoints are limited, so they check their own limit instead of every request paying
for a global before-request hook. Counts live in process memory by default;
RATELIMIT_STORAGE_URI (e.g. redis://host:6379/0) shares them between gunicorn workers and hosts.
"""

from __future__ import annotations

import math
import time

from flask import Flask, current_app, request
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from server.errors import problem

_EXTENSION = "yanbao.limiter"


def init_app(app: Flask) -> None:
    storage = storage_from_string(app.config["RATELIMIT_STORAGE_URI"])
    app.extensions[_EXTENSION] = FixedWindowRateLimiter(storage)


def check(name: str, config_key: str):
    """None when this client may go on; otherwise a 429 problem with Retry-After."""
    limiter: FixedWindowRateLimiter = current_app.extensions[_EXTENSION]
    limit = parse(current_app.config[config_key])
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX", "yanbao")
    client = request.remote_addr or "unknown"
    if limiter.hit(limit, prefix, name, client):
        return None
    reset_at, _remaining = limiter.get_window_stats(limit, prefix, name, client)
    retry_after = max(1, math.ceil(reset_at - time.time()))
    return problem(429, f"Too many requests from this address; try again in {retry_after} s.",
                   headers={"Retry-After": str(retry_after)})
