"""Read every TOML file in the data folder and build a validated Catalog."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from server.catalog.catalog import Catalog
from server.catalog.checks import problems
from server.catalog.errors import CatalogError
from server.catalog.fields import Fields
from server.catalog.plans import build_plan
from server.catalog.tables import build_failure, build_provider, build_repair, build_rule

DATA_DIR = Path(__file__).with_name("data")
_SECTIONS = ("provider", "plan", "rule", "table", "cost")


def data_files(folder: Path = DATA_DIR) -> list[Path]:
    return sorted(folder.glob("*.toml"))


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            document = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(path.name, "(file)", f"not valid TOML: {error}") from None
    unknown = sorted(set(document) - set(_SECTIONS))
    if unknown:
        raise CatalogError(path.name, "(file)", f"unknown sections {unknown}")
    return document


def _entries(documents: dict[str, dict], section: str, build: Callable[[Fields], Any]) -> list:
    """Build every [[section]] entry; an entry is named by its id (or index) in errors."""
    built, seen = [], set()
    for name, document in documents.items():
        tables = document.get(section, [])
        if not isinstance(tables, list):
            raise CatalogError(name, section, f"must be an array of tables ([[{section}]])")
        for index, data in enumerate(tables):
            label = data.get("id") if isinstance(data, dict) else None
            entry = f"{section} {label!r}" if label else f"{section}[{index}]"
            if label and label in seen:
                raise CatalogError(name, entry, "duplicate id")
            seen.add(label)
            built.append(build(Fields(data, name, entry)))
    return built


def load_catalog(folder: Path = DATA_DIR, check: bool = True) -> Catalog:
    """Parse and validate all files; raises CatalogError naming the first bad file and entry.

    With `check` (the default) the whole-table rules of server.catalog.checks run too, so a
    service never serves a table with gaps or a longer term cheaper than a shorter one."""
    paths = data_files(folder)
    if not paths:
        raise CatalogError(str(folder), "(folder)", "no .toml files found")
    version = tuple((p.name, p.stat().st_mtime_ns) for p in paths)  # before reading: no race
    documents = {path.name: _read(path) for path in paths}
    providers = {p.id: p for p in _entries(documents, "provider", build_provider)}
    plans = _entries(documents, "plan", lambda f: build_plan(f, providers))
    found = problems(plans) if check else []
    if found:
        raise found[0]
    return Catalog(
        providers=providers, plans=tuple(plans),
        rules=tuple(_entries(documents, "rule", build_rule)),
        failure=tuple(_entries(documents, "table", build_failure)),
        repair=tuple(_entries(documents, "cost", build_repair)),
        version=version,
    )
