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

_MANY = 64  # matches past which telling alternatives apart node by node could go quadratic
_INDEX = 'script[type], meta[content], link[rel], [itemtype], [itemprop="price"]'
_INDEX_KINDS = ("jsonld", "meta", "canonical", "itemtype", "price")


def matches(node: LexborNode, selector: str) -> bool:
    """Whether ``node`` itself matches ``selector`` (Lexbor's css_matches also counts its
    descendants; a subtree query lists the node first when it matches)."""
    first = node.css_first(selector)
    return first is not None and first.mem_id == node.mem_id


class Page:
    """Read-only view over a snapshot; every accessor tolerates missing nodes."""

    def __init__(self, html: str, url: str) -> None:
        self.html = html
        self.url = url or ""
        self.tree = LexborHTMLParser(html)
        self._cache: dict[str, tuple[list[str], list[LexborNode]]] = {}

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

    def _matches(self, selector: str) -> tuple[list[str], list[LexborNode]]:
        """The alternatives of ``selector`` and every node any of them matches, found in one
        walk of the tree (a walk per alternative costs as much as the parse on a 1 MB page)."""
        found = self._cache.get(selector)
        if found is None:
            alternatives = [a.strip() for a in selector.split(",") if a.strip()]
            unique = {node.mem_id: node for node in self.tree.css(selector)}  # one per node
            found = self._cache[selector] = (alternatives, list(unique.values()))
        return found

    def first(self, selector: str) -> LexborNode | None:
        """First match of the first comma-separated alternative that matches (a priority list)."""
        alternatives, nodes = self._matches(selector)
        if len(alternatives) == 1 or not nodes:
            return nodes[0] if nodes else None
        if len(nodes) > _MANY:  # testing each node costs its subtree: walk per alternative
            return next(filter(None, (self.tree.css_first(a) for a in alternatives)), None)
        for alternative in alternatives:
            node = next((n for n in nodes if matches(n, alternative)), None)
            if node is not None:
                return node
        return None

    def all(self, selector: str) -> list[LexborNode]:
        """Matches of the first alternative that matches anything (a priority list)."""
        alternatives, nodes = self._matches(selector)
        if len(alternatives) == 1 or not nodes:
            return list(nodes)
        if len(nodes) > _MANY:
            return next(filter(None, (self.tree.css(a) for a in alternatives)), [])
        for alternative in alternatives:
            matched = [n for n in nodes if matches(n, alternative)]
            if matched:
                return matched
        return []

    def text(self, selector: str) -> str | None:
        node = self.first(selector)
        if node is None:
            return None
        return clean_space(node.text(separator=" ")) or None

    def union(self, selector: str) -> list[LexborNode]:
        """Matches of every alternative, each node once, in document order."""
        return list(self._matches(selector)[1])

    def select(self, selectors: list[str]) -> list[LexborNode]:
        """Matches of any of ``selectors`` in document order, in one walk of the tree."""
        return self.union(", ".join(selectors))

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
        return self._metas.get(key)

    @cached_property
    def index(self) -> dict[str, list[LexborNode]]:
        """The nodes structured data lives in, sorted by kind in one walk of the tree:
        ``jsonld`` scripts, ``meta`` tags with content, ``canonical`` links, ``itemtype``
        scopes and ``price`` (itemprop=price)."""
        kinds: dict[str, list[LexborNode]] = {k: [] for k in _INDEX_KINDS}
        for node in self.tree.css(_INDEX):
            attrs = node.attributes
            if node.tag == "script":
                if (attrs.get("type") or "").strip().lower() == "application/ld+json":
                    kinds["jsonld"].append(node)
            elif node.tag == "meta" and "content" in attrs:
                kinds["meta"].append(node)
            elif node.tag == "link" and "canonical" in (attrs.get("rel") or "").lower():
                kinds["canonical"].append(node)
            if "itemtype" in attrs:
                kinds["itemtype"].append(node)
            if attrs.get("itemprop") == "price":
                kinds["price"].append(node)
        return kinds

    @cached_property
    def _metas(self) -> dict[str, str]:
        """Every meta tag's content by property and by name; the first tag for a key wins,
        property before name."""
        by_property: dict[str, str] = {}
        by_name: dict[str, str] = {}
        for node in self.index["meta"]:
            attrs = node.attributes
            content = clean_space(attrs.get("content") or "")
            if not content:
                continue
            if attrs.get("property"):
                by_property.setdefault(attrs["property"], content)
            if attrs.get("name"):
                by_name.setdefault(attrs["name"], content)
        return {**by_name, **by_property}

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
