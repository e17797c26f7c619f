"""Labelled saved pages and the per-field scoring of detect() against their labels.

Two layouts carry the same labels: a folder with ``manifest.csv`` beside gzipped pages (the
shared material) and the project's fixtures, ``<site>/<case>.html.gz`` beside ``<case>.json``.
Both the fixture tests and ``python -m scrapers.evaluate --pages`` score through
:func:`score`, so a field counts the same way everywhere.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from scrapers.text import clean_space, match_form

FIELDS = ("is_product", "title", "price", "currency", "category", "offers")
PRODUCT_ONLY = ("title", "price", "currency", "category")
_KINDS = {"accidental": "accidental_damage", "extended": "extended", "replace": "replace"}


@dataclass(eq=False)
class Case:
    """One saved page and what a reader should find on it (see the material's README)."""

    name: str
    site: str
    path: Path
    url: str
    labels: dict[str, Any]
    known_wrong: dict[str, str] = field(default_factory=dict)

    def html(self) -> bytes:
        data = self.path.read_bytes()
        return gzip.decompress(data) if self.path.suffix == ".gz" else data


def _offers(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(";") if part.strip()]


def from_manifest(folder: Path) -> Iterator[Case]:
    with (folder / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels: dict[str, Any] = {"is_product": row["is_product"] == "1"}
            if labels["is_product"]:
                labels.update(title=row["title"], price=row["price"] or None,
                              currency=row["currency"], category=row["category"])  # fmt: skip
            labels["offers"] = _offers(row["offers"])
            name = row["file"].removesuffix(".gz").removesuffix(".html")
            yield Case(name, name.split("-")[0], folder / row["file"], row["url"], labels)


def from_fixtures(folder: Path) -> Iterator[Case]:
    for spec_path in sorted(folder.glob("*/*.json")):
        spec = json.loads(spec_path.read_text("utf-8"))
        page = spec_path.with_name(spec_path.stem + ".html.gz")
        if "labels" not in spec or not page.exists():
            continue
        yield Case(spec_path.stem, spec_path.parent.name, page, spec["url"], spec["labels"],
                   spec.get("known_wrong", {}))  # fmt: skip


def load_cases(folder: Path) -> list[Case]:
    """Every labelled page under ``folder``, in either layout."""
    if (folder / "manifest.csv").exists():
        return list(from_manifest(folder))
    return list(from_fixtures(folder))


def _same_title(want: str, got: str | None) -> bool:
    """The label is a distinctive part of the name as the page shows it."""
    want, got = _letters(want), _letters(got or "")
    return bool(got) and (want in got or got in want)


def _letters(text: str) -> str:
    """Letters and digits only: "Waistband-8037" and "Waistband 8037" name the same thing."""
    return "".join(ch for ch in match_form(clean_space(text)) if ch.isalnum())


def _same_price(want: str | None, got: str | None) -> bool:
    if not want or not got:
        return not want and not got
    try:
        return Decimal(want) == Decimal(got)
    except InvalidOperation:
        return False


def _same_offers(want: list[str], got: list[dict]) -> bool:
    """Same plans, each by kind and price; the label kind ``any`` matches every kind."""
    left = [(o.get("kind"), o.get("price")) for o in got]
    if len(left) != len(want):
        return False
    for label in want:
        kind, _, price = label.partition(":")
        match = next((g for g in left if _same_price(price or None, g[1])
                      and (kind == "any" or _KINDS.get(kind, kind) == g[0])), None)  # fmt: skip
        if match is None:
            return False
        left.remove(match)
    return True


def score(result: dict, labels: dict[str, Any]) -> dict[str, bool]:
    """Each labelled field right or wrong; product fields only on product pages."""
    product = result.get("product") or {}
    out = {"is_product": bool(result.get("is_product")) == labels["is_product"]}
    if labels["is_product"]:
        out["title"] = _same_title(labels["title"], product.get("title"))
        out["price"] = _same_price(labels.get("price"), product.get("price"))
        out["currency"] = (product.get("currency") or None) == (labels.get("currency") or None)
        out["category"] = product.get("category") == labels["category"]
    out["offers"] = _same_offers(labels.get("offers") or [], result.get("offers") or [])
    return out
