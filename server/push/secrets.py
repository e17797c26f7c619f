"""Channel URLs at rest: Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`).

The key comes from YANBAO_CHANNEL_KEY (a urlsafe-base64 32-byte key, as
`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`
prints). Several keys separated by commas rotate: the first encrypts, any of them decrypts.
Left unset (development, `make run`), a key is made once and kept in the instance folder
(`instance/channel.key`, mode 0600), the folder the SQLite database lives in; the service and
the dispatcher read the same file. A deployment with DATABASE_URL on another host must set
YANBAO_CHANNEL_KEY, the same on every host, or channels made on one host cannot be read on the
others (they fail with a clear error, never with another account's URL).
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class ChannelKeyError(RuntimeError):
    """The configured key cannot be used (malformed, or not the one that encrypted a URL)."""


def keyring(configured: str | None, key_file: str | Path) -> MultiFernet:
    """The keys from the setting, or from (a new) `key_file` when the setting is empty."""
    raw = [part.strip() for part in (configured or "").split(",") if part.strip()]
    if not raw:
        raw = [_file_key(Path(key_file))]
    try:
        return MultiFernet([Fernet(key.encode()) for key in raw])
    except (ValueError, TypeError) as exc:
        raise ChannelKeyError("YANBAO_CHANNEL_KEY must be urlsafe-base64 32-byte Fernet keys, "
                        "separated by commas") from exc


def _file_key(path: Path) -> str:
    """Read the key file, or make it; two processes starting at once agree on one key."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text().strip()
    with os.fdopen(descriptor, "wb") as out:
        out.write(key)
    return key.decode()


def encrypt(keys: MultiFernet, url: str) -> str:
    return keys.encrypt(url.encode()).decode()


def decrypt(keys: MultiFernet, token: str) -> str:
    try:
        return keys.decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ChannelKeyError("This channel was saved with another YANBAO_CHANNEL_KEY; add the old "
                        "key after the new one (comma-separated) or add the channel again") from exc
