"""``python -m scrapers.evaluate --pages DIR [--titles CSV [--split S]]``: measured accuracy.

``--pages`` runs detect() over labelled saved pages (a folder with ``manifest.csv``, or the
project's ``tests/data/real``) and prints, per site and per field, how many fields were right
(see :mod:`scrapers.scoring` for what "right" means). ``--titles`` scores the classifier on a
CSV of labelled titles (columns ``title, category, subcategory, source, split``) and prints
precision and recall per category; ``--split`` keeps one split's rows. Paths are always given:
this module reads no project folder by itself, so it measures whatever it is pointed at.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from scrapers import detect
from scrapers.categories import CODES
from scrapers.classify import classify
from scrapers.scoring import FIELDS, Case, load_cases, score


@dataclass
class Report:
    total: int
    correct: int
    sub_correct: int
    rows: dict[str, tuple[int, int, int]]  # code -> (true positives, predicted, actual)
    misses: list[tuple[str, str, str]]  # title, expected, got

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def scores(self, code: str) -> tuple[float, float]:
        """(precision, recall) of one category code."""
        hit, predicted, actual = self.rows[code]
        return (hit / predicted if predicted else 0.0, hit / actual if actual else 0.0)

    def table(self) -> str:
        lines = ["| category | precision | recall | titles |", "| --- | ---: | ---: | ---: |"]
        for code in CODES:
            precision, recall = self.scores(code)
            lines.append(f"| {code} | {precision:.3f} | {recall:.3f} | {self.rows[code][2]} |")
        sub = self.sub_correct / self.total if self.total else 0.0
        lines.append(
            f"| **all** | accuracy {self.accuracy:.3f} | subcategory {sub:.3f} | {self.total} |"
        )
        return "\n".join(lines)


def _labelled(path: Path, split: str | None) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [row for row in rows if split in (None, row.get("split", "tuning"))]


def evaluate(path: Path, split: str | None = None) -> Report:
    """The classifier against the titles of one CSV (one split of it, if given)."""
    labelled = _labelled(path, split)
    rows = {code: [0, 0, 0] for code in CODES}
    correct = sub_correct = 0
    misses = []
    for row in labelled:
        got = classify(row["title"])
        want = row["category"]
        rows[want][2] += 1
        rows.setdefault(got.category, [0, 0, 0])[1] += 1
        if got.category == want:
            correct += 1
            rows[want][0] += 1
            sub_correct += (got.subcategory or "") == (row["subcategory"] or "")
        else:
            misses.append((row["title"], want, f"{got.category}/{got.subcategory}"))
    return Report(len(labelled), correct, sub_correct,
                  {k: tuple(v) for k, v in rows.items()}, misses)  # fmt: skip


@dataclass
class PageReport:
    """Right/total per (site, field), and every wrong field with what was read instead."""

    counts: dict[tuple[str, str], list[int]]
    misses: list[tuple[str, str, str]]  # case, field, what detect answered

    def total(self, field: str | None = None, site: str | None = None) -> tuple[int, int]:
        keys = [k for k in self.counts if field in (None, k[1]) and site in (None, k[0])]
        return (sum(self.counts[k][0] for k in keys), sum(self.counts[k][1] for k in keys))

    @property
    def accuracy(self) -> float:
        right, total = self.total()
        return right / total if total else 0.0

    def table(self) -> str:
        sites = sorted({site for site, _ in self.counts})
        lines = ["| site | pages | " + " | ".join(FIELDS) + " | all |",
                 "| --- | ---: |" + " ---: |" * (len(FIELDS) + 1)]  # fmt: skip
        for site in [*sites, None]:
            cells = [_cell(*self.total(f, site)) for f in FIELDS]
            pages = self.total("is_product", site)[1]
            lines.append(f"| {site or '**all**'} | {pages} | " + " | ".join(cells)
                         + f" | {_cell(*self.total(None, site))} |")  # fmt: skip
        return "\n".join(lines)


def _cell(right: int, total: int) -> str:
    return f"{right}/{total}" if total else "-"


def _answered(result: dict, field: str) -> str:
    product = result.get("product") or {}
    if field == "is_product":
        return f"{result.get('is_product')} ({result.get('reason')})"
    if field == "offers":
        return ";".join(f"{o['kind']}:{o['price']}" for o in result.get("offers") or [])
    return str(product.get(field))


def evaluate_pages(cases: list[Case]) -> PageReport:
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for case in cases:
        result = detect(case.html(), case.url).to_dict()
        for field, right in score(result, case.labels).items():
            counts[(case.site, field)][0] += right
            counts[(case.site, field)][1] += 1
            if not right:
                misses.append((case.name, field, _answered(result, field)))
    return PageReport(dict(counts), misses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.evaluate", description=__doc__)
    parser.add_argument("--pages", type=Path, action="append", default=[])
    parser.add_argument("--titles", type=Path, action="append", default=[])
    parser.add_argument("--split", default=None)
    args = parser.parse_args(argv)
    if not args.pages and not args.titles:
        parser.error("give --pages DIR and/or --titles CSV")
    for folder in args.pages:
        report = evaluate_pages(load_cases(folder))
        right, total = report.total()
        print(f"## pages: {folder} ({right}/{total} fields right, {report.accuracy:.3f})")
        print(report.table())
        for name, field, got in report.misses:
            print(f"MISS {name} {field}: got {got}")
    for path in args.titles:
        report = evaluate(path, args.split)
        print(f"## titles: {path}" + (f" (split {args.split})" if args.split else ""))
        print(report.table())
        for title, want, got in report.misses:
            print(f"MISS expected {want}, got {got}: {title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
