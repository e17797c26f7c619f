"""One blueprint per resource; `register` mounts them all under /api/v1."""

from __future__ import annotations

from apiflask import APIFlask


def register(app: APIFlask) -> None:
    from server.api import (
        coverages,
        devices,
        health,
        pages,
        products,
        quotes,
        refunds,
        transfer,
    )

    app.register_blueprint(health.bp)
    for module in (devices, coverages, transfer, pages, quotes, products, refunds):
        app.register_blueprint(module.bp, url_prefix="/api/v1")
