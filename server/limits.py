"""Rate limits. In-process memory by default; RATELIMIT_STORAGE_URI (e.g. redis://) shares
counts between gunicorn workers and hosts.

Each app gets its own Limiter: a module-level one keeps the first app's settings (key prefix,
storage) for every later app in the same process.
"""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

# endpoint -> config key holding its limit, e.g. "20 per hour"
LIMITED_ENDPOINTS = {"devices.register": "REGISTRATION_RATE_LIMIT"}


def init_app(app: Flask) -> Limiter:
    """Call after the blueprints are registered: wraps the limited views in place."""
    limiter = Limiter(
        key_func=get_remote_address,
        app=app,
        default_limits=[],
        headers_enabled=True,
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        key_prefix=app.config.get("RATELIMIT_KEY_PREFIX", "yanbao"),
    )
    for endpoint, config_key in LIMITED_ENDPOINTS.items():
        view = app.view_functions[endpoint]
        app.view_functions[endpoint] = limiter.limit(lambda k=config_key: app.config[k])(view)
    return limiter
