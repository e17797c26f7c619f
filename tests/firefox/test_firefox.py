"""The extension in real Firefox (Debian's firefox-esr, WebDriver BiDi through puppeteer-core):
installed unpacked as a temporary add-on, it registers a device with the service, reads two
real saved shop pages (a JD phone, an Amazon laptop with SquareTrade plans) served under their
real host names, and draws its panel on each, from the service's answers.

The panel's shadow root is closed and BiDi cannot enter extension pages, so the test checks
what the extension asked the service (its access log: the page snapshot and the product's
identity) and that the panel's element is on the page; screenshots of each page are kept in
the test's temporary folder. Skipped, saying why, without Firefox, Node.js or puppeteer-core
(scripts/ensure-firefox.sh, run by `make test`), or when port 8000, the extension's default
service address, is taken."""

from __future__ import annotations

import re
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

from testkit import firefox
from testkit.pages import PageServer
from testkit.real_pages import product_pages, serve, served_url
from testkit.service import Service

PAGES = {  # a page of each kind: the product identity the extension should derive
    "https://item.jd.com/100002544828.html": "jd/100002544828",
    "https://www.amazon.com/Apple-MacBook-MF839LL-13-3-Inch-Display/dp/B00UGBMRQ8":
        "amazon/B00UGBMRQ8",
}


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def setting():
    if (lacking := firefox.missing()) is not None:
        pytest.skip(f"Firefox tests SKIPPED: {lacking}")
    if not _port_free(firefox.SERVICE_PORT):
        pytest.skip(f"Firefox tests SKIPPED: port {firefox.SERVICE_PORT} (the extension's "
                    "default service address) is taken on this machine")
    workdir = Path(tempfile.mkdtemp(prefix="yanbao-firefox-"))
    service = Service(workdir, port=firefox.SERVICE_PORT)
    service.migrate()
    service.start()
    pages = PageServer(workdir)
    pages.start()
    try:
        yield service, pages, workdir
    finally:
        pages.stop()
        service.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _requests(service: Service) -> list[tuple[str, str, int]]:
    found = []
    for line in service.access_log.read_text(encoding="utf-8").splitlines():
        match = re.search(r'"(GET|POST|PUT|PATCH|DELETE) (\S+)" (\d{3})', line)
        if match:
            found.append((match[1], match[2], int(match[3])))
    return found


def test_firefox_reads_real_pages_and_draws_the_panel(setting):
    service, pages, workdir = setting
    cases = {served_url(case): case for case in product_pages() if served_url(case) in PAGES}
    assert set(cases) == set(PAGES), "the chosen real pages are no longer labelled"
    visits = [(serve(pages, cases[url]), workdir / f"firefox-{n}.png")
              for n, url in enumerate(PAGES)]
    report = firefox.visit(pages.proxy, visits)
    assert report["id"] == "yanbao@yanbao.invalid"
    assert report["version"].startswith("firefox/")
    for result in report["results"]:
        assert result["drawn"], f"no panel on {result['url']} ({result['title']})"
    service.wait_for_logged('"POST /api/v1/pages/detect"', len(PAGES))
    asked = _requests(service)
    assert ("POST", "/api/v1/devices", 201) in asked  # registered on first use
    detects = [status for method, path, status in asked
               if (method, path) == ("POST", "/api/v1/pages/detect")]
    assert detects == [200] * len(PAGES), asked
    for identity in PAGES.values():  # each page was read as its own product
        assert any(path.startswith(f"/api/v1/products/{identity}/") for _, path, _ in asked), \
            (identity, asked)
    for _, shot in visits:
        assert shot.stat().st_size > 10_000  # a real picture of the page with its panel
