"""Migrations build the schema the models describe, from empty, on SQLite and PostgreSQL."""

import os

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import PG_SKIP, reset_pg_schema
from sqlalchemy import create_engine, inspect, text

from server import create_app
from server.db.cli import alembic_config, upgrade
from server.db.models import Base


def empty_database(kind, tmp_path):
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    if not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip(PG_SKIP)
    return reset_pg_schema("yanbao_migrate")


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_empty_to_head_matches_the_models_and_back(kind, tmp_path):
    url = empty_database(kind, tmp_path)
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
        assert {"accounts", "devices", "coverages", "coverage_layers"} <= set(
            inspect(connection).get_table_names())
    command.downgrade(alembic_config(url), "base")
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    upgrade(url)
    engine.dispose()


def test_flask_db_upgrade_command(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = create_app({"DATABASE_URL": url}).test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    engine = create_engine(url)
    with engine.connect() as connection:
        assert "coverages" in inspect(connection).get_table_names()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_sqlite_connections_enforce_foreign_keys_and_wait_when_busy(app):
    engine = app.extensions["yanbao.db"].kw["bind"]
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_free_text_categories_become_codes_with_subcategories(kind, tmp_path):
    """Migration 0005: rows stored before the one product shape keep what the shopper typed."""
    url = empty_database(kind, tmp_path)
    upgrade(url, "0004")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO accounts (id, public_id, created_at) "
                                "VALUES (1, 'a', CURRENT_TIMESTAMP)"))
        for row_id, category in ((1, "refrigerator"), (2, "Large"), (3, "garden gnome"),
                                 (4, None)):
            connection.execute(text(
                "INSERT INTO coverages (id, public_id, account_id, title, category, "
                "purchase_date, tags, etag, cover_state, covered_from, covered_until, "
                "created_at, updated_at) VALUES (:id, :pid, 1, 't', :category, '2026-01-01', "
                "'[]', 'e', 'dated', '2026-01-01', '2027-01-01', CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"), {"id": row_id, "pid": str(row_id), "category": category})
    upgrade(url)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT id, category, subcategory FROM coverages ORDER BY id")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [(1, "large", "refrigerator"), (2, "large", None),
                                        (3, None, "garden gnome"), (4, None, None)]
