"""`flask reminders schedule` and `flask reminders dispatch [--loop]`.

schedule: work out every coverage's reminders again (idempotent). Needed once after upgrading
to a version with reminders, for coverages stored before; safe to run at any time, since
rescheduling keeps what was acknowledged or snoozed.

dispatch: push due reminders to the accounts' channels (server.dispatch), one pass, or with
--loop a pass every --interval seconds until SIGTERM/SIGINT. Any number of dispatchers may run
at once, on any number of hosts: each reminder still goes out once per channel.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from server import db, dispatch
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


@reminders_cli.command("dispatch")
@click.option("--loop", is_flag=True, help="Keep running: a pass every --interval seconds.")
@click.option("--interval", type=click.FloatRange(min=0.1), default=None,
              help="Seconds between passes with --loop (default: YANBAO_DISPATCH_SECONDS).")
@with_appcontext
def dispatch_command(loop: bool, interval: float | None) -> None:
    """Push due reminders to every account's channels."""
    dispatcher = dispatch.from_app()
    if loop:
        seconds = interval or current_app.config["DISPATCH_SECONDS"]
        click.echo(f"dispatching every {seconds:g} s as {dispatcher.name}; SIGTERM stops")
        dispatcher.run_forever(seconds)
        click.echo("dispatcher stopped")
        return
    click.echo(dispatch.summary(dispatcher.run_pass()))
    if built := dispatcher.warm_calendars():
        click.echo(f"calendar feeds: {built} coverages' events built")
