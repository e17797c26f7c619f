"""Device tokens and one-time codes: made with `secrets`, stored only as SHA-256 digests.

A token carries 256 bits of randomness, so a fast unsalted digest is enough: there is nothing to
brute-force, and a lookup by digest keeps verification cheap per request. Flask-free, so the
storage layer and the benchmarks can make and check tokens without the web layer.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "ybt_"


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
