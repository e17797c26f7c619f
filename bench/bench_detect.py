"""Benchmark for ``scrapers.detect``: a ~1 MB product page and a ~100 KB trimmed snapshot.

Run ``python -m bench.bench_detect`` (or call ``main()``). Both pages are built from the saved
JD fixture: the 1 MB page pads it with the kind of bulk real item pages carry (inline CSS and
scripts, recommendation lists, long descriptions); the snapshot is what the extension sends after
trimming. Each page is timed through detect() and through a bare selectolax/Lexbor parse in
the same run, so the ratio shows what the scraper adds on top of parsing. Figures only; nothing
here asserts a time.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bs4 import BeautifulSoup
from selectolax.lexbor import LexborHTMLParser

from scrapers import detect

FIXTURE = Path(__file__).resolve().parents[1] / "tests/data/jd/rendered_hisense_tv.html"
URL = "https://item.jd.com/100007300763.html"
RUNS = 60
BS4_RUNS = 5  # BeautifulSoup is only the reference point: a few runs are enough


def _filler(target: int) -> str:
    """Markup shaped like a real page's bulk: styles, scripts, recommendation lists."""
    chunks, size, i = [], 0, 0
    while size < target:
        block = (
            f"<style>#shop-head .sh-brand-wrap-{i} .coupons .coupon{{float:left;margin:{i}px}}"
            f"</style>\n<div class='track-con' data-rid='{i}'><ul class='plist'>"
            + "".join(
                f"<li class='fore{j}'><div class='p-img'><a href='//item.jd.com/{i}{j}.html'>"
                f"<img src='//img13.360buyimg.com/n1/jfs/t1/{i}/{j}.jpg' alt='推荐商品{j}'></a>"
                f"</div><div class='p-name'><a>海信电视 推荐 {i}-{j} 4K超清 智慧屏</a></div>"
                f"<div class='p-price'><strong>￥{1999 + j}.00</strong></div></li>"
                for j in range(8)
            )
            + f"</ul></div>\n<script>window.__track_{i} = {{sku: {i}, list: [{i}, {i + 1}]}};"
            "</script>\n"
        )
        chunks.append(block)
        size += len(block.encode("utf-8"))
        i += 1
    return "".join(chunks)


def pages() -> dict[str, str]:
    base = FIXTURE.read_text("utf-8")
    head, _, tail = base.partition("</body>")
    big = head + _filler(1_000_000 - len(base.encode())) + "</body>" + tail
    snapshot = head + _filler(100_000 - len(base.encode())) + "</body>" + tail
    return {"1 MB page": big, "100 KB snapshot": snapshot}


def _median_ms(func, runs: int = RUNS) -> float:
    func()  # warm caches (keyword tables, OpenCC)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    targets = {"1 MB page": 40.0, "100 KB snapshot": 10.0}
    print(f"detect() benchmark, median of {RUNS} runs each")
    for name, html in pages().items():
        assert detect(html, URL).is_product, "benchmark page must read as a product"
        size_kb = len(html.encode("utf-8")) / 1024
        parse = _median_ms(lambda html=html: LexborHTMLParser(html))
        full = _median_ms(lambda html=html: detect(html, URL))
        soup = _median_ms(lambda html=html: BeautifulSoup(html, "lxml"), BS4_RUNS)
        verdict = "within" if full <= targets[name] else "OVER"
        print(
            f"{name:<16} {size_kb:5.0f} KB  lexbor parse {parse:6.2f} ms  detect {full:6.2f} ms"
            f"  bs4+lxml parse {soup:7.1f} ms  detect/lexbor {full / parse:4.1f}x"
            f"  bs4/detect {soup / full:5.1f}x  target {targets[name]:.0f} ms ({verdict})"
        )


if __name__ == "__main__":
    main()
