"""Read the JavaScript object literals that Chinese shop pages embed in their HTML.

JD's ``pageConfig`` and Tmall's ``TShop.Setup({...})`` are JavaScript, not JSON: keys without
quotes, single-quoted strings, comments, trailing commas. Evaluating them is out of the
question, so this module cuts the literal out with a brace counter that respects strings, and
rewrites it token by token into JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_LITERALS = {"true": "true", "false": "false", "null": "null", "undefined": "null"}
MAX_LITERAL = 2_000_000


def cut_literal(text: str, start: int) -> str | None:
    """The balanced ``{...}`` or ``[...]`` beginning at or after ``start``; None if unbalanced."""
    open_at = -1
    for i in range(start, min(len(text), start + 200)):
        if text[i] in "{[":
            open_at = i
            break
    if open_at < 0:
        return None
    depth, quote, i = 0, "", open_at
    end = min(len(text), open_at + MAX_LITERAL)
    while i < end:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return text[open_at : i + 1]
        i += 1
    return None


def literal_after(text: str, marker: str) -> str | None:
    """The object literal that follows the first ``marker`` in ``text``."""
    at = text.find(marker)
    return None if at < 0 else cut_literal(text, at + len(marker))


def _read_string(src: str, i: int) -> tuple[str, int]:
    quote, out, i = src[i], [], i + 1
    while i < len(src):
        ch = src[i]
        if ch == "\\" and i + 1 < len(src):
            nxt = src[i + 1]
            if nxt == "'":
                out.append("'")
            elif nxt == "x" and i + 3 < len(src):
                out.append("\\u00" + src[i + 2 : i + 4])
                i += 4
                continue
            else:
                out.append(ch + nxt)
            i += 2
            continue
        if ch == quote:
            break
        out.append('\\"' if ch == '"' else ("\\n" if ch == "\n" else ch))
        i += 1
    return '"' + "".join(out) + '"', i + 1


def to_json_text(src: str) -> str:
    """Rewrite a JavaScript literal as JSON text (best effort, never raises)."""
    out: list[str] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch in "\"'`":
            token, i = _read_string(src, i)
            out.append(token)
        elif src.startswith("//", i):
            nl = src.find("\n", i)
            i = n if nl < 0 else nl
        elif src.startswith("/*", i):
            close = src.find("*/", i + 2)
            i = n if close < 0 else close + 2
        elif ch == "," and _next_significant(src, i + 1) in "}]":
            i += 1
        elif ch.isalpha() or ch in "_$":
            word = _IDENT.match(src, i).group(0)
            i += len(word)
            if word in _LITERALS:
                out.append(_LITERALS[word])
            elif _next_significant(src, i) == ":":
                out.append(json.dumps(word))
            else:  # an expression (new Date, foo(), a.b): its value is unknown
                out.append("null")
                i = _skip_expression(src, i)
        elif ch in "-0123456789":
            num = _NUMBER.match(src, i)
            if num:
                out.append(num.group(0))
                i += len(num.group(0))
            else:
                i += 1
        elif ch in "+!~" or (ch == "(" and out and out[-1] in ":,["):
            out.append("null")
            i = _skip_expression(src, i + 1)
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _skip_expression(src: str, i: int) -> int:
    """Index of the ``,``/``}``/``]`` that ends the expression starting at ``i``."""
    depth, quote = 0, ""
    while i < len(src):
        ch = src[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "," and depth == 0:
            return i
        i += 1
    return i


def _next_significant(src: str, i: int) -> str:
    while i < len(src) and src[i] in " \t\r\n":
        i += 1
    return src[i] if i < len(src) else ""


def parse_literal(src: str | None) -> Any:
    """JSON first (fast, exact), then the rewrite; None when neither works."""
    if not src:
        return None
    for candidate in (src, to_json_text(src)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def find_key(data: Any, keys: tuple[str, ...], depth: int = 0) -> Any:
    """First value under any of ``keys`` in a nested structure, searched breadth-first."""
    if depth > 12:
        return None
    if isinstance(data, dict):
        for key in keys:
            value = data.get(key)
            if value not in (None, "", [], {}):
                return value
        children = list(data.values())
    elif isinstance(data, list):
        children = data
    else:
        return None
    for child in children:
        if isinstance(child, dict | list):
            found = find_key(child, keys, depth + 1)
            if found not in (None, "", [], {}):
                return found
    return None
