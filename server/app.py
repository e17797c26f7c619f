"""The app factory: settings, extensions, blueprints and the error shape, in one place."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from apiflask import APIFlask
from flask_cors import CORS

from server import api, content, db, errors, limits, openapi, page_reader, quoting, settings
from server.api import evidence
from server.body_buffer import BodyBuffer
from server.catalog.cli import catalog_cli
from server.evidence_cli import evidence_cli
from server.reminders_cli import reminders_cli
from server.serialize import cache

API_VERSION = "1"


def create_app(test_config: Mapping[str, Any] | None = None) -> APIFlask:
    app = APIFlask(
        __name__,
        title="Yanbao API",
        version=API_VERSION,
        spec_path="/api/v1/openapi.json",
        docs_path="/api/v1/docs",
        instance_relative_config=True,
    )
    app.config.update(settings.from_env(instance_path=app.instance_path))
    app.config.update(
        SYNC_LOCAL_SPEC=False,
        VALIDATION_ERROR_DESCRIPTION="Invalid input: see `errors` for each field to fix.",
        INFO={"description": "Track extended-warranty cover and judge plans. "
              "Errors are application/problem+json."},
    )
    if test_config:
        app.config.update(test_config)
    logging.basicConfig(level=app.config["LOG_LEVEL"])
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # start-up noise

    errors.init_app(app)
    openapi.init_app(app)
    content.init_app(app)
    db.init_app(app)
    cache.init_app(app)
    quoting.init_app(app)
    page_reader.init_app(app)
    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
         expose_headers=["Retry-After"])
    limits.init_app(app)
    api.register(app)
    app.cli.add_command(catalog_cli)
    app.cli.add_command(reminders_cli)
    app.cli.add_command(evidence_cli)
    largest = max(app.config[k] for k in ("MAX_CONTENT_LENGTH", "MAX_IMPORT_BYTES",
                                          "MAX_DETECT_BYTES"))
    largest = max(largest, evidence.request_limit(app.config))
    app.wsgi_app = BodyBuffer(app.wsgi_app, largest, app.config["BODY_SECONDS"])
    evidence.wrap(app)  # oversized evidence uploads refused before the buffer reads them
    return app
