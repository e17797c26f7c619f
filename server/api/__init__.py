"""One blueprint per resource; `register` mounts them all under /api/v1."""

from __future__ import annotations

from apiflask import APIFlask


def register(app: APIFlask) -> None:
    from server.api import (
        account,
        calendar,
        catalog,
        channels,
        claims,
        coverages,
        devices,
        evidence,
        health,
        pages,
        products,
        quotes,
        refunds,
        reminders,
        transfer,
    )

    app.register_blueprint(health.bp)
    for module in (devices, account, coverages, reminders, refunds, transfer, pages, quotes,
                   products, catalog, calendar, channels, evidence, claims):
        app.register_blueprint(module.bp, url_prefix="/api/v1")
    app.register_blueprint(calendar.feed_bp)  # /calendar/<secret>.ics: calendar apps' address
