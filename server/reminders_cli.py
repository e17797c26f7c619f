"""`flask reminders schedule`: work out every coverage's reminders again (idempotent).

Needed once after upgrading to a version with reminders, for coverages stored before; safe to
run at any time, since rescheduling keeps what was acknowledged or snoozed. The dispatcher
(`flask reminders dispatch`, issue 13's next slice) will live here too.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup, with_appcontext

from server import db
from server.store import reminders

reminders_cli = AppGroup("reminders", help="Expiry reminders.")


@reminders_cli.command("schedule")
@with_appcontext
def schedule_command() -> None:
    """Reschedule every coverage's reminders."""
    session = db.session()
    added = reminders.schedule_everything(session)
    session.commit()
    click.echo(f"{added} reminders added")
