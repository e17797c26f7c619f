"""Accounts, devices and pairing codes. Secrets are stored only as digests."""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.db.models import Account, Device, PairingCode, utcnow
from server.tokens import digest, new_token

# Crockford's base32 without I, L, O, U: nothing to misread when typing a code from one screen
# into another. Eight characters give 40 bits, for a code that lives ten minutes behind a limit.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class PairingRefused(ValueError):
    pass


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_pairing_code(session: Session, account_id: int, minutes: int) -> tuple[str, PairingCode]:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    row = PairingCode(account_id=account_id, code_hash=digest(raw),
                      expires_at=utcnow() + timedelta(minutes=minutes))
    session.add(row)
    session.flush()
    return f"{raw[:4]}-{raw[4:]}", row


def _redeem(session: Session, code: str) -> int:
    """Marks the code used in the same statement that checks it, so it works exactly once."""
    now = utcnow()
    row = session.scalar(select(PairingCode).where(
        PairingCode.code_hash == digest(normalise_code(code))))
    if row is None or row.used_at is not None or row.expires_at < now:
        raise PairingRefused("The pairing code is wrong, used or expired; make a new one on a "
                             "device that is already registered.")
    claimed = session.execute(
        update(PairingCode).where(PairingCode.id == row.id, PairingCode.used_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        raise PairingRefused("The pairing code has just been used; make a new one.")
    return row.account_id


def register_device(session: Session, name: str, pairing_code: str | None) -> tuple[str, Device]:
    if pairing_code:
        account_id = _redeem(session, pairing_code)
    else:
        account = Account()
        session.add(account)
        session.flush()
        account_id = account.id
    token = new_token()
    device = Device(account_id=account_id, name=name.strip(), token_hash=digest(token))
    session.add(device)
    session.flush()
    return token, device


def account_public_id(session: Session, account_id: int) -> str:
    return session.get(Account, account_id).public_id
