"""``python -m scrapers.evaluate [CSV] [--split S]``: the classifier's accuracy on labelled titles.

Prints one row per category code with precision and recall, the overall accuracy of the
category code and of the subcategory, and every title it got wrong. The ``split`` column
says when a row joined: ``tuning`` and ``tuning2`` rows were visible while the keyword tables
were written; ``check1`` and ``check2`` were labelled later and first scored blind (see
tests/data/MANIFEST.md for those first scores). ``--split holdout`` scores
``holdout.csv``, titles from other sources that are never used to tune the tables; it is the
estimate of accuracy on unseen titles.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from scrapers.categories import CODES
from scrapers.classify import classify

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "classification"
DEFAULT = DATA / "titles.csv"
HOLDOUT = DATA / "holdout.csv"
SPLITS = ("tuning", "check1", "check2", "tuning2", "holdout")


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


def evaluate(path: Path = DEFAULT, split: str | None = None) -> Report:
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.evaluate", description=__doc__)
    parser.add_argument("csv", nargs="?", type=Path, default=None)
    parser.add_argument("--split", choices=SPLITS, default=None)
    args = parser.parse_args(argv)
    path = args.csv or (HOLDOUT if args.split == "holdout" else DEFAULT)
    report = evaluate(path, args.split)
    print(report.table())
    if args.split is None:
        present = {row.get("split", "tuning") for row in _labelled(path, None)}
        for split in (s for s in SPLITS if s in present):
            part = evaluate(path, split)
            print(f"{split}: {part.correct}/{part.total} correct, accuracy {part.accuracy:.3f}")
    for title, want, got in report.misses:
        print(f"MISS expected {want}, got {got}: {title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
