"""The databases a benchmark runs on: a temporary SQLite file, then, when BENCH_DATABASE_URL
names a PostgreSQL database, a schema of the benchmark's own in it (dropped and made anew)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text


def postgres_schema(raw: str, schema: str) -> str:
    """The URL of a fresh, empty `schema` in the database `raw` names."""
    url = raw.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def on_each(run: Callable[[str, str], None], name: str) -> None:
    """run(label, url) on SQLite, then on PostgreSQL in schema yanbao_bench_<name>."""
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{Path(folder) / f'{name}.db'}")
    raw = os.environ.get("BENCH_DATABASE_URL")
    if not raw:
        print("PostgreSQL: SKIPPED (set BENCH_DATABASE_URL=postgresql://...)")
        return
    run("PostgreSQL", postgres_schema(raw, f"yanbao_bench_{name}"))
