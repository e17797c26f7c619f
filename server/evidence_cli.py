"""`flask evidence sweep`: remove evidence files no row names (left by a crash between an
upload's rename and its commit: server.store.evidence), once they are an hour old. The
reminder dispatcher's loop runs the same sweep once a day; cron can run this instead."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from server import db
from server.db.models import utcnow
from server.store import evidence

evidence_cli = AppGroup("evidence", help="Refund-case evidence files.")


@evidence_cli.command("sweep")
@with_appcontext
def sweep_command() -> None:
    """Remove evidence files that no refund case holds."""
    removed = evidence.sweep(db.session(), Path(current_app.config["EVIDENCE_DIR"]), utcnow())
    click.echo(f"{removed} orphaned evidence files removed")
