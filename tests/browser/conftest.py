"""Fixtures for the browser tests: the real service on loopback (gunicorn, SQLite temp file,
migrations applied), saved product pages on loopback ports 80/443 under their real host names,
and one Chromium with the unpacked extension per test module. Skipped, with the reason, when
/usr/bin/chromium is missing. The machinery lives in browser_kit.py."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import (
    ALL_HOSTS,
    CHROMIUM,
    Browser,
    PageServer,
    Service,
    launch_browser,
    running_service,
)


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
    with running_service("yanbao-svc-") as svc:
        yield svc



@pytest.fixture(scope="session")
def pages() -> Iterator[PageServer]:
    workdir = Path(tempfile.mkdtemp(prefix="yanbao-pages-"))
    server = PageServer(workdir)
    try:
        server.start()
    except PermissionError:
        pytest.skip("serving pages on ports 80/443 needs root (or CAP_NET_BIND_SERVICE)")
    except OSError as error:
        pytest.fail(f"cannot serve pages on 127.0.0.1:80/443 ({error}); "
                    "is another browser test run or web server using them?")
    yield server
    server.stop()
    shutil.rmtree(workdir, ignore_errors=True)



@pytest.fixture(scope="module")
def browser(service, pages) -> Iterator[Browser]:
    """One browser per test module with every fixture host mapped; registered with the service."""
    hosts = ALL_HOSTS | pages.hosts
    with launch_browser(service, hosts) as b:
        b.register()
        yield b


