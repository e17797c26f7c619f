"""Bytes to text, honouring the charset the page declares (GBK is common on Chinese shops)."""

from __future__ import annotations

import codecs
import re

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# GB18030 is a superset of GBK and GB2312: decoding with it never loses a declared-GBK page.
_WIDER = {"gbk": "gb18030", "gb2312": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
          "iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}  # fmt: skip
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


_GB = {"gb18030", "gbk", "gb2312", "x-gbk", "cp936"}


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not data.isascii()


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    for pattern in (_META, _XML):
        found = pattern.search(head)
        if found:
            name = found.group(1).decode("ascii", "ignore").lower()
            try:
                codecs.lookup(name)
            except LookupError:
                continue
            return _WIDER.get(name, name)
    return None


def to_text(data: bytes | str | None, charset: str | None = None) -> str:
    """Decode with the BOM, the given charset, the declared one, UTF-8, then GB18030."""
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    chosen = charset or declared_charset(data)
    if chosen and chosen.lower() in _GB and _is_utf8(data):
        # Pages re-saved as UTF-8 keep their old "gbk" meta (Tmall 2015 pages do). GBK text is
        # almost never valid UTF-8, so bytes that decode strictly as UTF-8 are UTF-8.
        return data.decode("utf-8")
    if chosen:
        try:
            return data.decode(_WIDER.get(chosen.lower(), chosen), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")
