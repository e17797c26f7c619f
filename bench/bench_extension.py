"""Issue 6's benchmark, in Chromium with the unpacked extension against the local service:
the content script's trimming on a 2 MB product page (its performance marks, median of runs),
and the time from the snapshot being sent to the panel being visible. Prints the figures."""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
from pathlib import Path

from testkit import ROOT
from testkit.chromium import CHROMIUM, launch_browser
from testkit.decisions import wait_for_decision
from testkit.pages import PageServer
from testkit.service import Service

RUNS = 15
WARMUP = 2
URL = "https://item.jd.com/100009999999.html"
BASE = ROOT / "tests" / "data" / "jd" / "rendered_hisense_tv.html"


def big_page(target_bytes: int = 2 * 1024 * 1024) -> bytes:
    """A real JD product page grown to 2 MB the way real ones are: a long parameter table inside
    the product region, and recommendations, comments and ad scripts outside it."""
    html = BASE.read_text(encoding="utf-8").replace("100007300763", "100009999999")
    params = "".join(f"<li title='参数{i}'>规格参数 {i}：数值 {i * 7 % 97}</li>"
                     for i in range(1500))
    html = html.replace('<ul class="parameter2 p-parameter-list">',
                        f'<ul class="parameter2 p-parameter-list">{params}', 1)
    ads = json.dumps([{"id": i, "img": f"//img.example/{i}.jpg", "title": "推荐商品" * 4}
                      for i in range(3000)], ensure_ascii=False)
    size = len(html.encode()) + len(ads.encode())
    filler, i = [], 0
    while size < target_bytes:
        item = (f'<li class="rec-item"><a href="//item.jd.com/{10**11 + i}.html">'
                f'<img data-lazy-src="//img.example/{i}.jpg">'
                f'<p class="rec-name">推荐商品 {i} 冰箱 洗衣机</p>'
                f'<span class="rec-price">￥{i % 5000}.00</span></a>'
                f'<div class="comment">用户评论 {i}：很好用，物流很快。</div></li>')
        filler.append(item)
        size += len(item.encode())
        i += 1
    tail = (f'<div class="recommend"><ul>{"".join(filler)}</ul></div>'
            f"<script>var adsData = {ads};</script></body>")
    return html.replace("</body>", tail, 1).encode()


def entry(page, name: str) -> float | None:
    found = page.evaluate(
        "(name) => performance.getEntriesByName(name).map((e) => e.duration)", name)
    return found[-1] if found else None


def describe(label: str, values: list[float]) -> None:
    if not values:
        print(f"{label}: n/a")
        return
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{label}: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, "
          f"min {ordered[0]:.1f} ms, max {ordered[-1]:.1f} ms (n={len(values)})")


def main() -> None:
    if not CHROMIUM.exists():
        print("skipped: /usr/bin/chromium is missing (make browser-deps)")
        return
    workdir = Path(tempfile.mkdtemp(prefix="yanbao-bench-"))
    service, pages = Service(workdir), PageServer(workdir)
    html = big_page()
    pages.start()
    service.migrate()
    service.start()
    pages.add(URL, html)
    trims, visible = [], []
    try:
        with launch_browser(service, pages) as browser:
            browser.register()
            page = browser.context.new_page()
            for run in range(WARMUP + RUNS):
                page.goto(URL, wait_until="domcontentloaded")
                wait_for_decision(page, "panel")  # the pass that trimmed and showed is done
                trim = entry(page, "yanbao:trim")
                shown = entry(page, "yanbao:panel-visible")
                if run >= WARMUP:
                    trims.append(trim) if trim is not None else None
                    visible.append(shown) if shown is not None else None
    finally:
        service.stop()
        pages.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"page: {len(html) / 1024 / 1024:.2f} MB, {RUNS} runs after {WARMUP} warm-up")
    describe("content script trimming (yanbao:trim)", trims)
    describe("snapshot sent -> panel visible (yanbao:panel-visible)", visible)
    print("targets (issue 6): trimming < 15 ms median; panel visible < 300 ms")


if __name__ == "__main__":
    main()
