"""gunicorn's gevent worker, answering the requests gunicorn itself refuses — a request line with
raw non-ASCII bytes (`?q=冰箱` unencoded), a URI or headers over its limits — in the service's
error shape (application/problem+json) instead of an HTML page. gunicorn writes those answers
through one function, gunicorn.util.write_error, which this worker replaces in its own process.
"""

from __future__ import annotations

import json

from gunicorn import util
from gunicorn.workers.ggevent import GeventWorker

_HINTS = {
    400: " Percent-encode characters outside ASCII in the URL (e.g. ?q=%E5%86%B0%E7%AE%B1 for "
         "?q=冰箱), as browsers do.",
    414: " Send a shorter URL.",
    431: " Send fewer or shorter headers.",
}


def write_problem(sock, status_int: int, reason: str, mesg: str) -> None:
    detail = f"The request could not be read: {mesg}.{_HINTS.get(status_int, '')}"
    body = json.dumps({"type": "about:blank", "title": reason, "status": status_int,
                       "detail": detail}, ensure_ascii=False).encode()
    head = (f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
            f"Content-Type: application/problem+json\r\nContent-Length: {len(body)}\r\n\r\n")
    util.write_nonblock(sock, head.encode("latin-1") + body)


class ProblemGeventWorker(GeventWorker):
    def init_process(self):
        util.write_error = write_problem
        super().init_process()
