"""Settings come from the environment (12-factor); tests pass a mapping on top.

Every variable here is listed in the README's configuration table.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from server.push.destinations import networks

DEFAULT_EXTENSION_ORIGINS = r"^(chrome-extension|moz-extension|safari-web-extension)://[A-Za-z0-9._-]+$"


def _number(env: Mapping[str, str], name: str, default, kind=int):
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return kind(raw)
    except ValueError as exc:
        word = "a whole number" if kind is int else "a number"
        raise RuntimeError(f"{name} must be {word}, got {raw!r}") from exc


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    return _number(env, name, default, int)


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    return _number(env, name, default, float)


def _networks(env: Mapping[str, str]) -> str:
    raw = env.get("YANBAO_CHANNEL_PRIVATE_NETWORKS", "")
    try:
        networks(raw)
    except ValueError as exc:
        raise RuntimeError(str(exc)) from exc
    return raw


def database_url(env: Mapping[str, str], instance_path: str) -> str:
    """DATABASE_URL, with Heroku-style postgres:// and driverless URLs pointed at psycopg 3."""
    url = env.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'yanbao.db'}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def from_env(
    env: Mapping[str, str] | None = None, instance_path: str = "instance"
) -> dict[str, Any]:
    env = os.environ if env is None else env
    return {
        "DATABASE_URL": database_url(env, instance_path),
        "MAX_CONTENT_LENGTH": _int(env, "YANBAO_MAX_BODY_BYTES", 4 * 1024 * 1024),
        "MAX_IMPORT_BYTES": _int(env, "YANBAO_MAX_IMPORT_BYTES", 16 * 1024 * 1024),
        # A 3 MiB page, JSON-escaped, can take up to about twice that on the wire.
        "MAX_DETECT_BYTES": _int(env, "YANBAO_MAX_DETECT_BYTES", 8 * 1024 * 1024),
        # How long a client may take to send its request body (slow clients hold no worker).
        "BODY_SECONDS": _float(env, "YANBAO_BODY_SECONDS", 20.0),
        # A page's reading deadline: this many seconds plus so many per MiB of html.
        "DETECT_SECONDS": _float(env, "YANBAO_DETECT_SECONDS", 2.0),
        "DETECT_SECONDS_PER_MIB": _float(env, "YANBAO_DETECT_SECONDS_PER_MIB", 1.0),
        "ENDING_SOON_DAYS": _int(env, "YANBAO_ENDING_SOON_DAYS", 30),
        "PAIRING_CODE_MINUTES": _int(env, "YANBAO_PAIRING_CODE_MINUTES", 10),
        "REGISTRATION_RATE_LIMIT": env.get("YANBAO_REGISTRATION_RATE_LIMIT", "20 per hour"),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "CORS_ORIGINS": env.get("YANBAO_CORS_ORIGINS", DEFAULT_EXTENSION_ORIGINS),
        "LOG_LEVEL": env.get("YANBAO_LOG_LEVEL", "INFO"),
        # Key the calendar feeds' secret addresses are worked out with (server.store.calendar).
        "CALENDAR_KEY": env.get("YANBAO_CALENDAR_KEY", ""),
        # Push channels (server.push, server.dispatch). The key encrypts channel URLs; unset,
        # one is made in the instance folder (instance/channel.key).
        "CHANNEL_KEY": env.get("YANBAO_CHANNEL_KEY") or None,
        "MAX_CHANNELS": _int(env, "YANBAO_MAX_CHANNELS", 10),
        "CHANNEL_TEST_RATE_LIMIT": env.get("YANBAO_CHANNEL_TEST_RATE_LIMIT", "10 per minute"),
        "PUSH_SENDING": env.get("YANBAO_PUSH_SENDING", "on") != "off",
        # Private networks channels may send to (none by default: server.push.destinations).
        "CHANNEL_PRIVATE_NETWORKS": _networks(env),
        "DISPATCH_SECONDS": _float(env, "YANBAO_DISPATCH_SECONDS", 30.0),
        # How often the dispatcher's loop builds calendar-feed events ahead of fetches.
        "CALENDAR_WARM_SECONDS": _float(env, "YANBAO_CALENDAR_WARM_SECONDS", 300.0),
        "DISPATCH_LEASE_SECONDS": _float(env, "YANBAO_DISPATCH_LEASE_SECONDS", 60.0),
        "DISPATCH_BATCH": _int(env, "YANBAO_DISPATCH_BATCH", 20),
        "DISPATCH_WORKERS": _int(env, "YANBAO_DISPATCH_WORKERS", 4),
        "DISPATCH_MAX_AGE_HOURS": _float(env, "YANBAO_DISPATCH_MAX_AGE_HOURS", 48.0),
        "DELIVERY_MAX_ATTEMPTS": _int(env, "YANBAO_DELIVERY_MAX_ATTEMPTS", 5),
        "DELIVERY_RETRY_SECONDS": _float(env, "YANBAO_DELIVERY_RETRY_SECONDS", 60.0),
        # Refund evidence (issue 14): where uploads are kept, the largest file, files per case.
        "EVIDENCE_DIR": env.get("YANBAO_EVIDENCE_DIR") or str(Path(instance_path) / "evidence"),
        "MAX_EVIDENCE_BYTES": _int(env, "YANBAO_MAX_EVIDENCE_BYTES", 10 * 1024 * 1024),
        "MAX_EVIDENCE_FILES": _int(env, "YANBAO_MAX_EVIDENCE_FILES", 30),
    }
