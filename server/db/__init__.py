"""Engine and per-request sessions. SQLite gets WAL, foreign keys and a busy timeout."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, Response, current_app, g
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from server.errors import problem

SQLITE_BUSY_TIMEOUT_MS = 5000


def make_engine(url: str, **options) -> Engine:
    if url.startswith("sqlite"):
        _ensure_sqlite_dir(url)
        connect_args = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        engine = create_engine(url, connect_args=connect_args, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **options)


def _ensure_sqlite_dir(url: str) -> None:
    path = url.split(":///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["yanbao.db"] = sessionmaker(engine, expire_on_commit=False)
    app.after_request(_commit_if_answered)
    app.teardown_appcontext(_close_session)

    from server.db.cli import db_cli

    app.cli.add_command(db_cli)


def engine() -> Engine:
    return current_app.extensions["yanbao.db"].kw["bind"]


def session() -> Session:
    """The request's session; rolled back and closed when the request ends."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["yanbao.db"]()
    return g.db_session


def reader() -> Connection:
    """A plain connection for hot read-only queries that need no ORM session: the session's
    own connection when the request already has one, else one of its own (closed at the end)."""
    if "db_session" in g:
        return g.db_session.connection()
    if "db_reader" not in g:
        g.db_reader = engine().connect()
    return g.db_reader


def _commit_if_answered(response: Response) -> Response:
    """One unit of work per request, committed only once its answer is built and says success.

    Views and the store flush; nothing commits on its own. So a request that answers an error —
    bad input found late, a record that cannot be rendered, a conflict at commit — has stored
    nothing, and the client never reads a success that was not kept.
    """
    db_session = g.get("db_session")
    if db_session is None or not (db_session.new or db_session.dirty or db_session.deleted
                                  or db_session.in_transaction()):
        return response
    if response.status_code >= 400:
        db_session.rollback()
        return response
    try:
        db_session.commit()
    except IntegrityError:
        db_session.rollback()
        return problem(409, "This conflicts with data already stored; nothing was changed.")
    return response


def _close_session(_exc) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()
    db_reader = g.pop("db_reader", None)
    if db_reader is not None:
        db_reader.close()
