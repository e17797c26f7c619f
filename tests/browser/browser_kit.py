"""The browser tests' toolkit: the real service in a subprocess, a page server for saved pages
under their real host names, Chromium with the unpacked extension, its net log, and a reader for
the panel's closed shadow root (CDP's DOM with pierce is the only way in)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"
DATA = ROOT / "tests" / "data"
OWN_PAGES = Path(__file__).resolve().parent / "pages"
CHROMIUM = Path("/usr/bin/chromium")
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the service -----------------------------------------------------------------------------

@dataclass
class Service:
    """The real service in a subprocess; stop() and start() keep the port and the database."""

    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    _err: object = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{self.workdir / 'yanbao.db'}",
            "YANBAO_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "1",
            "YANBAO_THREADS": "4",
            "YANBAO_REGISTRATION_RATE_LIMIT": "1000 per hour",
            "YANBAO_ACCESS_LOG": str(self.workdir / "access.log"),
        }

    def migrate(self) -> None:
        subprocess.run([str(VENV_BIN / "flask"), "--app", "server", "db", "upgrade"], cwd=ROOT,
                       env=self.env, check=True, capture_output=True)

    def start(self) -> None:
        self._err = open(self.workdir / "service.err", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "server:create_app()"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=self._err)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.workdir / "service.err").read_text()[-3000:])
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{self.url}/healthz",
                                                                      timeout=1):
                return
            time.sleep(0.1)
        raise RuntimeError("the service did not answer /healthz within 20 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
        if self._err:
            self._err.close()
            self._err = None

    def has_route(self, path: str) -> bool:
        with urllib.request.urlopen(f"{self.url}/api/v1/openapi.json", timeout=5) as r:
            return path in json.load(r).get("paths", {})

    def call(self, method: str, path: str, token: str, body: object | None = None,
             headers: dict[str, str] | None = None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json",
            **(headers or {})})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r) if r.status != 204 else None


@contextlib.contextmanager
def running_service(prefix: str) -> Iterator[Service]:
    """A migrated service on loopback in a fresh folder, stopped and removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    svc = Service(workdir)
    svc.migrate()
    svc.start()
    try:
        yield svc
    finally:
        svc.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def require_route(service: Service, path: str) -> None:
    """Flows built on an endpoint another part of the project has not shipped yet say so."""
    if not service.has_route(path):
        pytest.skip(f"the service has no {path} yet (docs/CONTRACTS.md); this flow needs it")


# --- the page server -------------------------------------------------------------------------

class PageServer:
    """Serves registered pages by host + path + query on 80 (http) and 443 (https)."""

    def __init__(self, workdir: Path):
        self.routes: dict[tuple[str, str], bytes] = {}
        self.hosts: set[str] = set()
        self.hits: list[str] = []
        self._servers: list[ThreadingHTTPServer] = []
        self.cert = workdir / "cert.pem"
        self.key = workdir / "key.pem"

    def add(self, url: str, html: bytes | str) -> str:
        parsed = urllib.parse.urlsplit(url)
        target = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        self.routes[(parsed.hostname, target)] = html.encode() if isinstance(html, str) else html
        self.hosts.add(parsed.hostname)
        return url

    def add_fixture(self, relative: str) -> str:
        """A saved page from tests/data (its JSON names its URL) or tests/browser/pages."""
        base = DATA / relative if (DATA / f"{relative}.json").exists() else OWN_PAGES / relative
        meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        return self.add(meta["url"], base.with_suffix(".html").read_bytes())

    def start(self) -> None:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=yanbao-test", "-keyout", str(self.key),
                        "-out", str(self.cert)], check=True, capture_output=True)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                host = (self.headers.get("Host") or "").split(":")[0]
                server.hits.append(f"{host}{self.path}")
                body = server.routes.get((host, self.path))
                self.send_response(200 if body else 404)
                # No charset here: saved GBK pages declare theirs in a <meta>, as the sites do.
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        plain = ThreadingHTTPServer(("127.0.0.1", 80), Handler)
        try:
            tls = ThreadingHTTPServer(("127.0.0.1", 443), Handler)
        except OSError:
            plain.server_close()
            raise
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        tls.socket = context.wrap_socket(tls.socket, server_side=True)
        for s in (plain, tls):
            threading.Thread(target=s.serve_forever, daemon=True).start()
            self._servers.append(s)

    def stop(self) -> None:
        for s in self._servers:
            s.shutdown()
            s.server_close()


# --- the browser -----------------------------------------------------------------------------

@dataclass
class Browser:
    context: object
    extension_id: str
    worker: object
    net_log: Path
    service_url: str
    first_run_url: str = ""

    def url(self, path: str) -> str:
        return f"chrome-extension://{self.extension_id}/{path}"

    def storage(self, key: str):
        return self.worker.evaluate(
            "(key) => chrome.storage.local.get(key).then((r) => r[key] ?? null)", key)

    def set_settings(self, **changes) -> None:
        """Writes settings straight into storage, as the options page would save them."""
        self.worker.evaluate(
            """async (changes) => {
                const { settings = {} } = await chrome.storage.local.get("settings");
                const next = { version: 2, ...settings, ...changes };
                await chrome.storage.local.set({ settings: next });
            }""", changes)

    def wait_for_setting(self, key: str, expected, timeout: float = 5) -> None:
        """Panel clicks reach storage through the worker, a moment after the click."""
        deadline = time.monotonic() + timeout
        while (actual := (self.storage("settings") or {}).get(key)) != expected:
            assert time.monotonic() < deadline, f"settings[{key!r}] is {actual!r}, not {expected!r}"
            time.sleep(0.05)

    def token(self, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            auth = self.storage("auth")
            if auth and auth.get("token") and auth.get("serviceUrl") == self.service_url:
                return auth["token"]
            time.sleep(0.1)
        raise AssertionError("the extension did not register a device")

    def register(self) -> str:
        """Registers with the configured service the way the welcome page's button does."""
        page = self.context.new_page()
        page.goto(self.url("welcome/welcome.html"))
        page.wait_for_selector("#registration:not(:empty)")
        if page.is_visible("#register"):
            page.click("#register")
        token = self.token()
        page.close()
        return token


def chromium_args(hosts: set[str], net_log: Path) -> list[str]:
    rules = ",".join([*(f"MAP {h} 127.0.0.1" for h in sorted(hosts)), "MAP * ~NOTFOUND",
                      "EXCLUDE 127.0.0.1", "EXCLUDE localhost"])
    return [
        f"--disable-extensions-except={EXTENSION}", f"--load-extension={EXTENSION}",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--ignore-certificate-errors", f"--host-resolver-rules={rules}",
        f"--log-net-log={net_log}", "--net-log-capture-mode=Default",
    ]


@contextlib.contextmanager
def launch_browser(service: Service, hosts: set[str], *, lang: str = "en",
                   ui_locale: str = "en-US") -> Iterator[Browser]:
    """Chromium with the extension, its UI in ui_locale, the extension's language set to lang."""
    from playwright.sync_api import sync_playwright

    profile = Path(tempfile.mkdtemp(prefix="yanbao-profile-"))
    net_log = profile.parent / f"{profile.name}-netlog.json"
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True,
            args=[*chromium_args(hosts, net_log), f"--lang={ui_locale}"], locale=ui_locale)
        context.set_default_timeout(10_000)
        try:
            worker = context.service_workers[0] if context.service_workers else \
                context.wait_for_event("serviceworker", timeout=10_000)
            browser = Browser(context, worker.url.split("/")[2], worker, net_log, service.url)
            browser.set_settings(serviceUrl=service.url, language=lang)
            # First run opens the page that says what the extension reads and sends.
            welcome = next((pg for pg in context.pages if "welcome" in pg.url), None)
            if welcome is None:
                welcome = context.wait_for_event(
                    "page", predicate=lambda pg: "welcome" in pg.url, timeout=5_000)
            browser.first_run_url = welcome.url
            welcome.close()
            yield browser
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


ALL_HOSTS = {
    "item.jd.com", "search.jd.com", "mall.jd.com", "item.taobao.com", "s.taobao.com",
    "detail.tmall.com", "haier.tmall.com", "www.amazon.com", "www.bestbuy.com",
    "shop.example-appliances.com", "www.example-news.com.tw",
}


def net_log_urls(path: Path) -> list[str]:
    """Every URL a request was started for, read from a closed context's net log."""
    text = path.read_text(encoding="utf-8", errors="replace").rstrip()
    if not text.endswith("}"):  # a log cut short still has whole events up to the last one
        text = text.rstrip(",\n") + "]}"
    log = json.loads(text)
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [e["params"]["url"] for e in log.get("events", [])
            if e.get("type") == start_job and "url" in e.get("params", {})]


# --- the panel inside its closed shadow root -------------------------------------------------

class Panel:
    """Reads and clicks inside the panel's closed shadow root via CDP (DOM with pierce)."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)

    def _root(self) -> dict | None:
        document = self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        stack = [document]
        while stack:
            node = stack.pop()
            if node.get("nodeName") == "YANBAO-PANEL" and node.get("shadowRoots"):
                return node["shadowRoots"][0]
            stack.extend(node.get("children", []))
            stack.extend(node.get("shadowRoots", []))
        return None

    def exists(self) -> bool:
        return self._root() is not None

    def text(self) -> str:
        root = self._root()
        if root is None:
            return ""
        out, stack = [], [root]
        while stack:
            node = stack.pop(0)
            if node.get("nodeType") == 3:
                out.append(node.get("nodeValue", ""))
            if node.get("nodeName") not in ("STYLE",):
                stack[:0] = node.get("children", [])
        return " ".join(" ".join(out).split())

    def node_names(self) -> set[str]:
        root, names, stack = self._root(), set(), []
        stack.append(root)
        while stack:
            node = stack.pop()
            names.add(node.get("nodeName"))
            stack.extend(node.get("children", []))
        return names

    def wait_for_text(self, needle: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.text()
            if needle in text:
                return text
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} never appeared in the panel; it shows: {text[:500]!r}")

    def _node(self, selector: str) -> int:
        root = self._root()
        assert root is not None, "no panel"
        found = self.cdp.send("DOM.querySelector", {"nodeId": root["nodeId"], "selector": selector})
        node_id = found["nodeId"]
        assert node_id, f"nothing matches {selector!r} in the panel"
        return node_id

    def click(self, selector: str) -> None:
        node_id = self._node(selector)
        self.cdp.send("DOM.scrollIntoViewIfNeeded", {"nodeId": node_id})
        quad = self.cdp.send("DOM.getBoxModel", {"nodeId": node_id})["model"]["border"]
        x, y = sum(quad[0::2]) / 4, sum(quad[1::2]) / 4
        self.page.mouse.click(x, y)

    def attribute(self, selector: str, name: str) -> str | None:
        flat = self.cdp.send("DOM.getAttributes", {"nodeId": self._node(selector)})["attributes"]
        return dict(zip(flat[::2], flat[1::2], strict=True)).get(name)

    def has_class(self, selector: str, name: str) -> bool:
        return name in (self.attribute(selector, "class") or "").split()

    def fill(self, selector: str, value: str) -> None:
        self.cdp.send("DOM.focus", {"nodeId": self._node(selector)})
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(value)
