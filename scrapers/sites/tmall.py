"""Tmall (detail.tmall.com, detail.tmall.hk, chaoshi.detail.tmall.com, detail.m.tmall.com).

Same page family as Taobao; differs in hosts, in which URLs are shop pages (every brand has
``brand.tmall.com``), and in that its stores are brand or authorised stores.
"""

from __future__ import annotations

from scrapers.sites.taobao import TaobaoParser


class TmallParser(TaobaoParser):
    site = "tmall"
    hosts = ("tmall.com", "tmall.hk")
    item_host = "detail.tmall.com"

    def url_reason(self) -> str | None:
        host, path = self.page.host, self.page.path
        if host.startswith(("list.", "s.")) or "search" in path:
            return "search results page"
        if "detail" in host.split("."):
            return None if self._item_id_from_url() else "not an item page (no item id in the URL)"
        if host in ("tmall.com", "www.tmall.com", "tmall.hk", "www.tmall.hk"):
            return "not an item page (no item id in the URL)"
        return "shop home page"

    def rule_canonical_url(self) -> str | None:
        item = self.rule_item_id()
        host = "detail.tmall.hk" if self.page.host.endswith("tmall.hk") else self.item_host
        return f"https://{host}/item.htm?id={item}" if item else None
