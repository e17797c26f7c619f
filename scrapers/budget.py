"""Cheap checks that refuse pages the HTML parser would spend minutes on, before it sees them.

Lexbor's tree builder does work that grows with the square of some shapes: nested `<div>`s
(every such start tag looks down the stack of open elements), stray end tags under deep nesting,
formatting elements with distinct attributes, and the attributes of one element (each is checked
against the others). 100 KB of nested `<div>`s takes half a second; one tag with 300,000
attributes, tens of seconds. Real pages are far from that: across the 55 real saved pages in
tests/data the most '<' characters on a page is 23,140 and the most attributes on one element 44.

Two shapes are refused here, in a pass over the bytes that runs in the regular-expression
engine's C loops: too many '<' (each is a tag the tokenizer must try) and an element with too
many attributes. They are the shapes a hostile client reaches for first, and refusing them costs
a few milliseconds. Everything else the parser might find costly — nesting in all its forms,
attributes hidden behind quoted '>' — is bounded by time instead: the service parses in a child
process with a deadline (server.page_reader), because no check short of the parser's own tree
builder can bound it soundly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ANGLES = 60_000  # '<' characters
MAX_ATTRIBUTES = 128  # on one element
# Comments, scripts and styles: their text holds no tags, though it may hold '<'.
_NO_TAGS = re.compile(
    rb"<!--[^-]*(?:-(?!->)[^-]*)*(?:-->)?"
    rb"|<(script|style)[\s/>][^<]*(?:<(?!/\1[\s/>])[^<]*)*", re.IGNORECASE)
# A start tag whose text runs long before its first '>': only such a tag can hold that many
# attributes (unless quoted values hold '>', a shape the deadline bounds instead).
_LONG_TAG = re.compile(rb"<[A-Za-z][^\s/>]*([^>]{%d,})" % (2 * MAX_ATTRIBUTES))
# More than MAX_ATTRIBUTES attributes at the start of a tag's text. As in the tokenizer, any
# character but space, '/' and '>' starts a name. Atomic groups: the engine never goes back into
# an attribute it has read, so a try costs at most the attributes it reads.
_MANY_ATTRIBUTES = re.compile(
    rb"""(?>[\s/]*(?>[^\s/>][^\s/>=]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)){%d}"""
    % (MAX_ATTRIBUTES + 1))


class PageTooComplex(ValueError):
    """The page is beyond what the parser is given; the message says why and what to send."""


@dataclass(frozen=True)
class Shape:
    angles: int  # '<' characters
    crowded: bool  # one element carries more than MAX_ATTRIBUTES attributes


def measure(html: str | bytes) -> Shape:
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    angles = data.count(b"<")
    if angles > MAX_ANGLES:
        return Shape(angles, False)  # refused anyway; no need to read the tags
    crowded = _LONG_TAG.search(data) is not None and any(
        _MANY_ATTRIBUTES.match(text) for text in _LONG_TAG.findall(_NO_TAGS.sub(b" ", data)))
    return Shape(angles, crowded)


def check(html: str | bytes) -> Shape:
    """Raises PageTooComplex when a page is beyond what any real page needs."""
    shape = measure(html)
    if shape.angles > MAX_ANGLES:
        raise PageTooComplex(f"The page has {shape.angles:,} '<' characters (tags); at most "
                             f"{MAX_ANGLES:,} are read. {SEND_LESS}")
    if shape.crowded:
        raise PageTooComplex(f"The page has an element with more than {MAX_ATTRIBUTES} "
                             f"attributes. {SEND_LESS}")
    return shape


SEND_LESS = "Send the product's own region of the page, as the extension does."
