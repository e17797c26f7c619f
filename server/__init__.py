"""Yanbao companion service: `create_app()` builds the Flask (APIFlask) application.

The factory lives in server.app and is imported on first use, so that importing a Flask-free
part (server.domain, server.catalog, server.tokens) does not pull in the web layer.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from server.app import create_app

        return create_app
    raise AttributeError(f"module 'server' has no attribute {name!r}")
