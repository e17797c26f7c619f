"""The kinds of evidence a refund step may want, with their names in both languages.

The first four are the seed article's list for a complaint (电话录音、聊天记录截图、
合同信息、银行或者网上转账记录);
the others are what issue 14 adds and what a guide's sources ask for.
"""

from __future__ import annotations

import unicodedata

EVIDENCE_KINDS: dict[str, dict[str, str]] = {
    "call_recordings": {"en": "Call recordings", "zh": "电话录音"},
    "chat_screenshots": {"en": "Chat screenshots", "zh": "聊天记录截图"},
    "contract": {"en": "The contract (the plan's agreement)", "zh": "合同信息"},
    "transfer_records": {"en": "Bank or online transfer records", "zh": "银行或网上转账记录"},
    "order_screenshot": {"en": "A screenshot of the order", "zh": "订单截图"},
    "plan_terms": {"en": "The plan's terms", "zh": "延保服务条款"},
    "plan_receipt": {"en": "The plan's receipt (with its plan number)",
                     "zh": "延保购买凭证（含服务单号）"},
}

# --- uploaded files ------------------------------------------------------------------------
# What an upload may be, as read from its first bytes (never its name or the client's
# Content-Type): images (screenshots, photos of papers), PDF (contracts, statements) and audio
# (call recordings). Media type -> the extension the service gives the stored file.
ACCEPTED_TYPES: dict[str, str] = {
    "image/jpeg": "jpg", "image/png": "png", "image/apng": "png", "image/gif": "gif",
    "image/webp": "webp", "image/heic": "heic", "image/avif": "avif", "image/bmp": "bmp",
    "image/tiff": "tif",
    "application/pdf": "pdf",
    "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/aac": "aac", "audio/ogg": "ogg",
    "audio/x-flac": "flac", "audio/x-wav": "wav", "audio/amr": "amr", "audio/x-aiff": "aiff",
}
ACCEPTED_NAMES = "JPEG, PNG, GIF, WebP, HEIC, AVIF, BMP, TIFF, PDF, MP3, M4A, AAC, OGG, FLAC, " \
    "WAV, AMR or AIFF"
MAX_NAME = 120
_RESERVED = set('<>:"/\\|?*')


def clean_name(raw: str | None) -> str:
    """A client's file name made safe to show and to put in a Content-Disposition: the last
    path part only (no folders, either slash), no control or format characters, none of the
    characters Windows reserves, no leading dots or spaces, at most MAX_NAME characters.
    Only ever metadata: stored files are named by the service."""
    text = unicodedata.normalize("NFC", raw or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join("_" if ch in _RESERVED else ch for ch in text
                   if not unicodedata.category(ch).startswith("C"))
    kept = " ".join(kept.split()).lstrip(". ").rstrip(" ")
    if len(kept) > MAX_NAME:
        stem, ext = _split(kept)
        kept = stem[:MAX_NAME - len(ext) - 1] + "." + ext if ext else kept[:MAX_NAME]
    return kept or "evidence"


def _split(name: str) -> tuple[str, str]:
    """(stem, extension) when the name ends in a short alphanumeric extension, else (name, "")."""
    stem, dot, ext = name.rpartition(".")
    if dot and stem and 1 <= len(ext) <= 5 and ext.isascii() and ext.isalnum():
        return stem, ext
    return name, ""


def download_name(original: str, media_type: str) -> str:
    """The name a download is offered under: the cleaned original name, with the extension of
    what the file really is (a PNG sent as 'x.pdf' downloads as 'x.png')."""
    return f"{_split(original)[0]}.{ACCEPTED_TYPES.get(media_type, 'bin')}"
