"""The panel lives in a closed shadow root: page scripts and Playwright locators cannot see into
it, so this reads and clicks through a CDP session's DOM with ``pierce``."""

from __future__ import annotations

import html
import re
import time


class Panel:
    """Reads and clicks inside the panel's closed shadow root via CDP (DOM with pierce)."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)

    def _root(self) -> dict | None:
        document = self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        stack = [document]
        while stack:
            node = stack.pop()
            if node.get("nodeName") == "YANBAO-PANEL" and node.get("shadowRoots"):
                return node["shadowRoots"][0]
            stack.extend(node.get("children", []))
            stack.extend(node.get("shadowRoots", []))
        return None

    def exists(self) -> bool:
        return self._root() is not None

    def text(self) -> str:
        root = self._root()
        if root is None:
            return ""
        out, stack = [], [root]
        while stack:
            node = stack.pop(0)
            if node.get("nodeType") == 3:
                out.append(node.get("nodeValue", ""))
            if node.get("nodeName") not in ("STYLE",):
                stack[:0] = node.get("children", [])
        return " ".join(" ".join(out).split())

    def node_names(self) -> set[str]:
        root, names, stack = self._root(), set(), []
        stack.append(root)
        while stack:
            node = stack.pop()
            names.add(node.get("nodeName"))
            stack.extend(node.get("children", []))
        return names

    def wait_for_text(self, needle: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if needle in text:
                return text
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} never appeared in the panel; it shows: {text[:500]!r}")

    def _node(self, selector: str) -> int:
        root = self._root()
        assert root is not None, "no panel"
        found = self.cdp.send("DOM.querySelector", {"nodeId": root["nodeId"], "selector": selector})
        node_id = found["nodeId"]
        assert node_id, f"nothing matches {selector!r} in the panel"
        return node_id

    def click(self, selector: str) -> None:
        node_id = self._node(selector)
        self.cdp.send("DOM.scrollIntoViewIfNeeded", {"nodeId": node_id})
        quad = self.cdp.send("DOM.getBoxModel", {"nodeId": node_id})["model"]["border"]
        x, y = sum(quad[0::2]) / 4, sum(quad[1::2]) / 4
        self.page.mouse.click(x, y)

    def attribute(self, selector: str, name: str) -> str | None:
        flat = self.cdp.send("DOM.getAttributes", {"nodeId": self._node(selector)})["attributes"]
        return dict(zip(flat[::2], flat[1::2], strict=True)).get(name)

    def has_class(self, selector: str, name: str) -> bool:
        return name in (self.attribute(selector, "class") or "").split()

    def fill(self, selector: str, value: str) -> None:
        self.cdp.send("DOM.focus", {"nodeId": self._node(selector)})
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(value)

    def texts(self, selector: str) -> list[str]:
        """The text of every element matching selector in the panel, in document order."""
        root = self._root()
        if root is None:
            return []
        found = self.cdp.send("DOM.querySelectorAll",
                              {"nodeId": root["nodeId"], "selector": selector})["nodeIds"]
        return [_text_of(self.cdp.send("DOM.getOuterHTML", {"nodeId": n})["outerHTML"])
                for n in found]

    def attribute_or_none(self, selector: str, name: str) -> str | None:
        """An attribute of the first match, or None when nothing in the panel matches."""
        root = self._root()
        if root is None:
            return None
        found = self.cdp.send("DOM.querySelector",
                              {"nodeId": root["nodeId"], "selector": selector})["nodeId"]
        return self.attribute(selector, name) if found else None


def _text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())
