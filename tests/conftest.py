"""Shared fixtures: a real database (SQLite file; PostgreSQL when TEST_DATABASE_URL is set),
the app on it, a client, and a helper that registers devices."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from server import create_app
from server.db.cli import upgrade
from server.settings import database_url

PG_SKIP = "TEST_DATABASE_URL is not set: the PostgreSQL half of the suite is SKIPPED"
TABLES = ("coverage_layers", "coverages", "pairing_codes", "devices", "accounts",
          "offer_observations")


def pg_url(schema: str) -> str | None:
    """TEST_DATABASE_URL pinned to a schema of our own, so tests never touch `public`."""
    raw = os.environ.get("TEST_DATABASE_URL")
    if not raw:
        return None
    url = database_url({"DATABASE_URL": raw}, "")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def reset_pg_schema(schema: str) -> str:
    url = pg_url(schema)
    engine = create_engine(url.split("?")[0])
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return url


def pytest_report_header(config):
    pg = os.environ.get("TEST_DATABASE_URL")
    redis = os.environ.get("TEST_REDIS_URL")
    return [
        f"databases: SQLite{' + PostgreSQL (' + pg + ')' if pg else ''}",
        "" if pg else f"WARNING: {PG_SKIP}",
        f"rate-limit storage: memory{' + Redis (' + redis + ')' if redis else ''}",
    ]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """Migrate once, copy the file per test: each test gets a fresh, fully migrated database."""
    path = tmp_path_factory.mktemp("template") / "yanbao.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_migrated() -> str:
    if not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip(PG_SKIP)
    url = reset_pg_schema("yanbao_test")
    upgrade(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path, sqlite_template) -> str:
    if request.param == "sqlite":
        path = tmp_path / "yanbao.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_migrated")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def app(database, tmp_path):
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": database,
        "REGISTRATION_RATE_LIMIT": "1000 per minute",
        "EVIDENCE_DIR": str(tmp_path / "evidence"),
    })
    yield app
    app.extensions["yanbao.page_reader"].close()
    app.extensions["yanbao.db"].kw["bind"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


class Devices:
    """Registers devices and hands back ready-made Authorization headers."""

    def __init__(self, client):
        self.client = client

    def register(self, name: str = "test device", pairing_code: str | None = None) -> dict:
        body = {"name": name}
        if pairing_code:
            body["pairing_code"] = pairing_code
        response = self.client.post("/api/v1/devices", json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def headers(self, name: str = "test device") -> dict[str, str]:
        return {"Authorization": f"Bearer {self.register(name)['token']}"}


@pytest.fixture
def devices(client) -> Devices:
    return Devices(client)


@pytest.fixture
def auth(devices) -> dict[str, str]:
    return devices.headers()


@pytest.fixture
def other_auth(devices) -> dict[str, str]:
    return devices.headers("someone else")


def unique() -> str:
    return uuid.uuid4().hex[:8]
