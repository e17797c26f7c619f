"""Importing this reads one small page, so that every table and converter the scrapers load on
first use (OpenCC, the category tables, price parsing) is loaded. server.page_reader preloads it
in its forkserver: each reader child then starts with them already in memory."""

from __future__ import annotations

from scrapers import detect

detect("<html><body><h1>海尔冰箱 BCD-470 延保服務 ¥3,999</h1>"
       '<script type="application/ld+json">{"@type": "Product", "name": "x"}</script>'
       "</body></html>", "https://item.jd.com/100012345678.html")
