"""Benchmark ``scrapers.detect`` over real saved pages, beside the bare Lexbor parse of each.

Run ``python -m bench.bench_detect [DIR ...]`` (default: tests/data/real, the project's copy of
the shared material; ``../shared/pages`` works too). For every page, in the same run: the
median time of a bare selectolax/Lexbor parse and of a whole detect(), both given the decoded
page as the service gets it (the extension sends text in JSON), both per MB of page. Times are
CPU time of this process, which other work on a shared machine disturbs less than wall time.
The ratio is what the scrapers add on top of parsing once (issue 10 asks for under 3x).
Figures only; nothing here asserts a time.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from scrapers import detect
from scrapers.decode import to_text
from scrapers.scoring import load_cases

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "real"
RUNS = 7


def _median_ms(func, runs: int = RUNS) -> float:
    func()  # warm caches (keyword tables, OpenCC)
    times = []
    for _ in range(runs):
        start = time.process_time()
        func()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def measure(folder: Path) -> list[tuple[str, float, float, float]]:
    """(page, MB, parse ms, detect ms) for every labelled page under ``folder``."""
    rows = []
    for case in load_cases(folder):
        raw = case.html()
        text = to_text(raw)
        parse = _median_ms(lambda text=text: LexborHTMLParser(text))
        full = _median_ms(lambda text=text, url=case.url: detect(text, url))
        rows.append((case.name, len(raw) / 1_000_000, parse, full))
    return rows


def main(argv: list[str] | None = None) -> None:
    folders = [Path(a) for a in argv or ()] or [DEFAULT]  # `python -m bench` passes none
    for folder in folders:
        rows = measure(folder)
        parse_per_mb = statistics.median(p / mb for _, mb, p, _ in rows)
        detect_per_mb = statistics.median(d / mb for _, mb, _, d in rows)
        ratios = [d / p for _, _, p, d in rows]
        total_mb = sum(mb for _, mb, _, _ in rows)
        print(f"detect() over {len(rows)} saved pages in {folder} ({total_mb:.1f} MB), "
              f"median of {RUNS} runs per page")  # fmt: skip
        print(f"  lexbor parse  {parse_per_mb:7.2f} ms/MB (median over pages)")
        print(f"  detect        {detect_per_mb:7.2f} ms/MB (median over pages)")
        print(f"  detect/parse  {detect_per_mb / parse_per_mb:5.2f}x of the medians; per page "
              f"median {statistics.median(ratios):.2f}x, max {max(ratios):.2f}x")  # fmt: skip
        slowest = sorted(rows, key=lambda r: r[3] / r[2], reverse=True)[:3]
        for name, mb, parse, full in slowest:
            print(f"  slowest ratio: {name} {mb * 1000:.0f} KB parse {parse:.1f} ms "
                  f"detect {full:.1f} ms ({full / parse:.1f}x)")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
