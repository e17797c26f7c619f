"""One parsed page: the HTML, its URL, and the Lexbor tree built once and shared.

selectolax/Lexbor parses a 1 MB page in a few milliseconds where BeautifulSoup on lxml takes
hundreds, so every parser queries this tree with CSS selectors. Embedded script data is cut out
of the raw string with ``str.find`` instead of walking script nodes.
"""

from __future__ import annotations

from functools import cached_property
from urllib.parse import parse_qs, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from scrapers.text import clean_space


class Page:
    """Read-only view over a snapshot; every accessor tolerates missing nodes."""

    def __init__(self, html: str, url: str) -> None:
        self.html = html
        self.url = url or ""
        self.tree = LexborHTMLParser(html)

    @cached_property
    def parts(self):
        try:
            return urlsplit(self.url)
        except ValueError:
            return urlsplit("")

    @property
    def host(self) -> str:
        return (self.parts.hostname or "").lower()

    @property
    def path(self) -> str:
        return self.parts.path or "/"

    @cached_property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(self.parts.query)

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[0] if values else None

    def first(self, selector: str) -> LexborNode | None:
        """First match of the first comma-separated alternative that matches (a priority list)."""
        for alternative in selector.split(","):
            node = self.tree.css_first(alternative.strip())
            if node is not None:
                return node
        return None

    def all(self, selector: str) -> list[LexborNode]:
        """Matches of the first alternative that matches anything (a priority list)."""
        for alternative in selector.split(","):
            nodes = self.tree.css(alternative.strip())
            if nodes:
                return nodes
        return []

    def text(self, selector: str) -> str | None:
        node = self.first(selector)
        if node is None:
            return None
        return clean_space(node.text(separator=" ")) or None

    def union(self, selector: str) -> list[LexborNode]:
        """Matches of every alternative, each node once."""
        seen: set[int] = set()
        out = []
        for alternative in selector.split(","):
            for node in self.tree.css(alternative.strip()):
                if node.mem_id not in seen:
                    seen.add(node.mem_id)
                    out.append(node)
        return out

    def texts(self, selector: str) -> list[str]:
        found = (clean_space(node.text(separator=" ")) for node in self.all(selector))
        return [t for t in found if t]

    def joined(self, selector: str) -> str:
        """Text of every match of every alternative, joined; for presence checks."""
        return " ".join(clean_space(node.text(separator=" ")) for node in self.union(selector))

    def attr(self, selector: str, name: str) -> str | None:
        node = self.first(selector)
        if node is None:
            return None
        value = node.attributes.get(name)
        return clean_space(value) if value else None

    def meta(self, key: str) -> str | None:
        """``<meta property=key>`` or ``<meta name=key>`` content."""
        return self.attr(f'meta[property="{key}"]', "content") or self.attr(
            f'meta[name="{key}"]', "content"
        )

    def absolute(self, href: str | None) -> str | None:
        if not href:
            return None
        if href.startswith("//"):
            return f"{self.parts.scheme or 'https'}:{href}"
        return urljoin(self.url, href) if self.url else href

    @cached_property
    def title_tag(self) -> str | None:
        return self.text("title")

    def body_text(self, limit: int = 20_000) -> str:
        """Visible text of the body, cut at ``limit`` characters.

        Scripts and styles are stripped from the shared tree to get it (3 ms instead of 10 for a
        copy), so call this only once no more selectors will run: detect() does so for pages
        it has already judged not to be products.
        """
        return self._visible_text[:limit]

    @cached_property
    def _visible_text(self) -> str:
        self.tree.strip_tags(["script", "style", "noscript", "template"])
        root = self.tree.body or self.tree.root
        return clean_space(root.text(separator=" ")) if root is not None else ""
