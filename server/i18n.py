"""The service's messages in the shopper's language: English, or Chinese when the request's
Accept-Language prefers it. Translations live in messages_zh.toml, one entry per message, with
`{name}` for the parts that vary; a message without an entry stays English."""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from pathlib import Path

from flask import has_request_context, request
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

LANGUAGES = ("en", "zh")
_FILE = Path(__file__).with_name("messages_zh.toml")
_HOLE = re.compile(r"\\\{(\w+)\\\}")


@cache
def _table() -> tuple[tuple[re.Pattern[str], str], ...]:
    entries = tomllib.loads(_FILE.read_text(encoding="utf-8"))["message"]
    return tuple((re.compile(_HOLE.sub(r"(?P<\1>.+?)", re.escape(e["en"]))), e["zh"])
                 for e in entries)


def language() -> str:
    """'zh' when the request prefers Chinese (zh, zh-CN, zh-TW, ...), else 'en'."""
    if not has_request_context():
        return "en"
    # From the environ: a missing header costs werkzeug's Headers.get an exception.
    return _preferred(request.environ.get("HTTP_ACCEPT_LANGUAGE", ""))


@lru_cache(maxsize=256)  # browsers send a handful of distinct headers; parsing one is not free
def _preferred(header: str) -> str:
    best = parse_accept_header(header, LanguageAccept).best_match(
        ["en", "zh", "zh-CN", "zh-TW", "zh-HK"])
    return "zh" if best and best.startswith("zh") else "en"


def translate(message: str, lang: str) -> str:
    if lang != "zh":
        return message
    for pattern, zh in _table():
        if match := pattern.fullmatch(message):
            return zh.format(**match.groupdict())
    return message


def more(count: int, lang: str) -> str:
    return f"（另有 {count} 处）" if lang == "zh" else f" (and {count} more)"
