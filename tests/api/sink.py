"""A real HTTP sink on loopback for Apprise's json:// webhook: counts every POST it receives.

Paths decide the answer: a path containing `/fail` answers 500. `delay` seconds of sleep after
a request is counted (before answering) make a slow sink, so a dispatcher can be caught
mid-send. Ports come from this worktree's range (18200-18299).
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTS = range(18200, 18300)
# The sink is on loopback, which channels may not send to unless the operator allows it
# (server.push.destinations): apps and dispatchers in these tests allow it.
LOOPBACK = "127.0.0.0/8,::1/128"


class Sink:
    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.received: list[tuple[str, dict, dict]] = []  # (path, json body, headers)
        self.lock = threading.Lock()
        self.server = self._bind()
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _bind(self) -> ThreadingHTTPServer:
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with sink.lock:
                    sink.received.append((self.path, json.loads(body or b"{}"),
                                          dict(self.headers)))
                if sink.delay:
                    time.sleep(sink.delay)
                self.send_response(500 if "/fail" in self.path else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        for port in PORTS:
            try:
                server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
            except OSError:
                continue
            server.daemon_threads = True
            return server
        raise RuntimeError("no free port in 18200-18299")

    def url(self, path: str = "/") -> str:
        return f"json://127.0.0.1:{self.port}{path}"

    def count(self) -> Counter:
        """POSTs per (path, title, message): one per reminder per channel when all is well."""
        with self.lock:
            return Counter((p.split("?")[0], b.get("title"), b.get("message"))
                           for p, b, _ in self.received)

    def __len__(self) -> int:
        with self.lock:
            return len(self.received)

    def __enter__(self) -> Sink:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
