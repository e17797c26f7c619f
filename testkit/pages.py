"""Saved pages under their real host names, without ports 80 and 443.

The page server is an HTTP proxy on a free loopback port. Chromium is started with
``--proxy-server`` pointing at it, so every http and https request for a shop's host comes here:
plain http as an absolute-URL GET, https as a CONNECT tunnel that this server answers itself with
a throwaway certificate (Chromium runs with ``--ignore-certificate-errors``). The browser still
sees ``https://item.jd.com/…``, so the content script's real match patterns fire, and two test
runs on one machine never compete for a port. Loopback addresses bypass the proxy, so the
extension reaches the local service directly.
"""

from __future__ import annotations

import contextlib
import json
import ssl
import subprocess
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from testkit import ROOT

DATA = ROOT / "tests" / "data"
OWN_PAGES = ROOT / "tests" / "browser" / "pages"


def make_certificate(cert: Path, key: Path) -> None:
    """A self-signed certificate for the tunnels; its name does not matter to the browser."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=yanbao-test", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, pages: PageServer, tls: ssl.SSLContext):
        self.pages = pages
        self.tls = tls
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    def handle_error(self, request, client_address):
        pass  # a browser closing a tunnel mid-handshake is not a test failure


class _ProxyHandler(BaseHTTPRequestHandler):
    """GET for http://host/path (proxy form) and CONNECT host:443, then GET /path inside."""

    protocol_version = "HTTP/1.1"  # keep tunnels open for the requests that follow
    server: _ProxyServer
    tunnel_origin: str | None = None
    tunnel: ssl.SSLSocket | None = None

    def do_CONNECT(self):
        host = self.path.rsplit(":", 1)[0]
        self.send_response(200, "Connection Established")
        self.end_headers()
        self.wfile.flush()
        self.tunnel = self.server.tls.wrap_socket(self.connection, server_side=True)
        self.connection = self.tunnel
        self.rfile.close()
        self.rfile = self.tunnel.makefile("rb")
        self.wfile = self.tunnel.makefile("wb")
        self.tunnel_origin = f"https://{host}"
        self.close_connection = False  # handle() goes on reading requests, now from the tunnel

    def do_GET(self):
        url = self.path if self.tunnel_origin is None else self.tunnel_origin + self.path
        body, charset = self.server.pages.answer(url)
        self.send_response(200 if body is not None else 404)
        # A charset only where the page's bytes need one: saved GBK pages declare theirs in a
        # <meta>, as the sites do, but a page re-encoded when saved keeps a <meta> that no
        # longer holds, and the server's header wins over it, as on the site.
        content_type = f"text/html; charset={charset}" if charset else "text/html"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def finish(self):
        with contextlib.suppress(OSError):
            super().finish()
        if self.tunnel is not None:
            self.tunnel.close()

    def log_message(self, *args):
        pass


class PageServer:
    """Registered pages by host, path and query, for a browser that uses this as its proxy."""

    def __init__(self, workdir: Path):
        self.routes: dict[tuple[str, str], tuple[bytes, str | None]] = {}
        self.hosts: set[str] = set()
        self.hits: list[str] = []
        self.cert = workdir / "cert.pem"
        self.key = workdir / "key.pem"
        self._server: _ProxyServer | None = None

    @property
    def proxy(self) -> str:
        """The address to give Chromium's --proxy-server."""
        assert self._server is not None, "start() the page server first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add(self, url: str, html: bytes | str, charset: str | None = None) -> str:
        """Serves html at url; charset goes in the Content-Type header when given."""
        parsed = urllib.parse.urlsplit(url)
        self.routes[(parsed.hostname, _target(parsed))] = (
            html.encode() if isinstance(html, str) else html, charset)
        self.hosts.add(parsed.hostname)
        return url

    def add_fixture(self, relative: str) -> str:
        """A saved page from tests/data (its JSON names its URL) or tests/browser/pages."""
        base = DATA / relative if (DATA / f"{relative}.json").exists() else OWN_PAGES / relative
        meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        return self.add(meta["url"], base.with_suffix(".html").read_bytes())

    def answer(self, url: str) -> tuple[bytes | None, str | None]:
        """The page registered for a URL (any scheme) and its charset, or (None, None); every
        request is remembered."""
        parsed = urllib.parse.urlsplit(url)
        target = _target(parsed)
        self.hits.append(f"{parsed.hostname}{target}")
        return self.routes.get((parsed.hostname, target), (None, None))

    def start(self) -> None:
        make_certificate(self.cert, self.key)
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(self.cert, self.key)
        self._server = _ProxyServer(self, tls)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def _target(parsed: urllib.parse.SplitResult) -> str:
    return (parsed.path or "/") + (f"?{parsed.query}" if parsed.query else "")
