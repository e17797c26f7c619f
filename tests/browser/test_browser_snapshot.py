"""The trimmed snapshot keeps what the service reads: for every saved page in tests/data (the
real saved pages in tests/data/real included), the content script's snapshot code runs on the
page in Chromium, and scrapers.detect() must read the same product and offers from the snapshot
as from the whole page."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from scrapers import detect
from scrapers.decode import to_text

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
# The content script's libraries and site files, in the manifest's order (not the content
# script itself: the snapshot code runs alone on the page).
SCRIPTS = [path for path in json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
           ["content_scripts"][0]["js"] if path.startswith(("lib/", "sites/"))]
CASES = sorted(p for p in (ROOT / "tests" / "data").glob("*/*.json")
               if p.with_suffix(".html").exists())
# Newegg is no supported site: its snapshot keeps the schema.org regions only, and the whole
# page's price comes from a heuristic read of a hidden analytics block outside them.
HEURISTIC_PRICE = pytest.mark.xfail(strict=True, reason="price read outside schema.org regions")
REAL = [pytest.param(p, marks=HEURISTIC_PRICE) if p.stem == "newegg-us-msi-rtx3080-suprim" else p
        for p in sorted((ROOT / "tests" / "data" / "real").glob("*/*.json"))
        if p.with_name(f"{p.stem}.html.gz").exists()]
FIELDS = ("is_product", "site", "product.title", "product.item_id", "product.price",
          "product.currency", "product.brand", "product.model", "product.breadcrumbs",
          "product.category", "product.warranty_months", "product.nationwide_warranty")


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu",
                                          # the real pages' images and scripts: no network
                                          "--host-resolver-rules=MAP * ~NOTFOUND"])
        yield browser.new_page()
        browser.close()


def snapshot_of(page, text: str, url: str) -> dict:
    page.set_content(text, wait_until="domcontentloaded")
    for path in SCRIPTS:
        page.add_script_tag(content=(EXTENSION / path).read_text(encoding="utf-8"))
    return page.evaluate(
        """(url) => {
            const site = Yanbao.sites.detect(url)?.site ?? Yanbao.sites.fallback.id;
            return Yanbao.snapshot.buildSnapshot(document, { url, site });
        }""", url)


def flat(result: dict) -> dict:
    out = {k: v for k, v in result.items() if k != "product"}
    out.update({f"product.{k}": v for k, v in (result.get("product") or {}).items()})
    out["offers"] = [(o["name"], o["price"], o["term_months"]) for o in result.get("offers") or []]
    return out


def saved_page(case: Path) -> bytes:
    plain = case.with_suffix(".html")
    return plain.read_bytes() if plain.exists() else gzip.decompress(
        case.with_name(f"{case.stem}.html.gz").read_bytes())


@pytest.mark.parametrize("case", CASES + REAL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_snapshot_reads_like_the_whole_page(page, case):
    url = json.loads(case.read_text(encoding="utf-8"))["url"]
    html = saved_page(case)
    snap = snapshot_of(page, to_text(html), url)
    whole, trimmed = flat(detect(html, url).to_dict()), flat(detect(snap["html"], url).to_dict())
    assert snap["bytes"] <= 420_000
    if not whole["is_product"]:
        assert not trimmed["is_product"], "a page that is no product must not become one"
        return
    differences = {f: (whole.get(f), trimmed.get(f)) for f in (*FIELDS, "offers")
                   if whole.get(f) != trimmed.get(f)}
    assert differences == {}, f"whole page vs snapshot differ: {differences}"
