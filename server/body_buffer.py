"""Reads each request body whole, within a deadline, before the app sees the request.

A client that sends its body a byte at a time would otherwise hold a worker for as long as it
likes. Under the gevent worker (gunicorn.conf.py) waiting for bytes costs only a greenlet, and
this middleware puts a deadline on it: a body not complete within YANBAO_BODY_SECONDS gets a 408,
one longer than the largest body any endpoint takes gets a 413 — chunked bodies included, whose
length is not known in advance — and the app then reads from memory with a known length.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable

try:
    from gevent import Timeout
except ImportError:  # a server without gevent: no deadline, the size limit still holds
    Timeout = None

_CHUNK = 64 * 1024
# Where the whole body is left for the app: server.content reads JSON from it directly, without
# werkzeug's stream wrappers around a body that is already in memory.
BODY = "yanbao.body"


class _TooLarge(Exception):
    pass


class BodyBuffer:
    def __init__(self, app: Callable, max_bytes: int, seconds: float):
        self.app, self.max_bytes, self.seconds = app, max_bytes, seconds

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") in ("POST", "PUT", "PATCH"):
            try:
                body = self._read(environ)
            except _TooLarge:
                return _problem(start_response, 413, "Payload Too Large",
                                f"The body is larger than {self.max_bytes:,} bytes, the most "
                                "any endpoint takes.")
            except _Late:
                return _problem(start_response, 408, "Request Timeout",
                                f"The body did not arrive within {self.seconds:g} s; send it "
                                "at once.")
            environ[BODY] = body
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)

    def _read(self, environ: dict) -> bytes:
        stream = environ["wsgi.input"]
        declared = environ.get("CONTENT_LENGTH")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise _TooLarge
        limit = int(declared) if declared and declared.isdigit() else self.max_bytes + 1
        timer = Timeout(self.seconds, _Late) if Timeout is not None else None
        if timer is not None:
            timer.start()
        try:
            parts, size = [], 0
            while size < limit:
                chunk = stream.read(min(_CHUNK, limit - size))
                if not chunk:
                    break
                parts.append(chunk)
                size += len(chunk)
        finally:
            if timer is not None:
                timer.cancel()
        if size > self.max_bytes:
            raise _TooLarge
        return b"".join(parts)


class _Late(Exception):
    pass


def _problem(start_response: Callable, status: int, title: str, detail: str) -> list[bytes]:
    body = json.dumps({"type": "about:blank", "title": title, "status": status,
                       "detail": detail}).encode()
    start_response(f"{status} {title}", [("Content-Type", "application/problem+json"),
                                         ("Content-Length", str(len(body))),
                                         ("Connection", "close")])
    return [body]
