"""Fixtures for the browser tests: the real service on loopback (gunicorn, SQLite temp file,
migrations applied), saved product pages served under their real host names by a proxy on a free
port, and one Chromium with the unpacked extension per test module. Skipped, with the reason,
when /usr/bin/chromium is missing. The machinery lives in the testkit package."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.chromium import CHROMIUM, Browser, launch_browser
from testkit.pages import PageServer
from testkit.service import Service, running_service


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="/usr/bin/chromium is missing: install Debian's 'chromium' "
                            "package (make browser-deps) to run the browser tests")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def service() -> Iterator[Service]:
    # The reminders tests push to a sink on loopback, which a channel may send to only when the
    # operator allows it (server.push.destinations).
    with running_service("yanbao-svc-",
                         {"YANBAO_CHANNEL_PRIVATE_NETWORKS": "127.0.0.0/8"}) as svc:
        yield svc


@pytest.fixture(scope="session")
def pages() -> Iterator[PageServer]:
    workdir = Path(tempfile.mkdtemp(prefix="yanbao-pages-"))
    server = PageServer(workdir)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(service, pages) -> Iterator[Browser]:
    """One browser per test module, its pages through the page server; registered."""
    with launch_browser(service, pages) as b:
        b.register()
        yield b
