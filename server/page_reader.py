"""Reads page snapshots in a child process with a deadline, so no page can hold a worker.

The HTML parser's tree builder does work that grows with the square of some shapes (nesting,
stray end tags, formatting elements with distinct attributes) — 100 KB of nested `<div>`s takes
half a second, a few hundred KB minutes — and no check short of the tree builder itself bounds
all of them. scrapers.budget refuses the blatant shapes in milliseconds; for the rest each worker
thread keeps one child process that reads pages, and a page that is not read within
`DETECT_SECONDS + DETECT_SECONDS_PER_MIB × size` gets its child killed and a 422. The next page
starts a new child (forked from a forkserver that has already imported the scrapers, so a few
milliseconds). A real page takes tens of milliseconds, far inside the deadline.
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection
from typing import Any

from flask import Flask, current_app

import scrapers
from scrapers.budget import SEND_LESS, PageTooComplex, check

_EXTENSION = "yanbao.page_reader"
_MIB = 1024 * 1024
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["scrapers"])


def _serve(connection: Connection) -> None:
    """The child: read pages until the parent closes the pipe."""
    while True:
        try:
            html, url, lang = connection.recv()
        except EOFError:
            return
        connection.send(scrapers.detect(html, url, lang).to_dict())


class PageReader:
    def __init__(self, seconds: float, seconds_per_mib: float):
        self.seconds, self.seconds_per_mib = seconds, seconds_per_mib
        self._local = threading.local()
        self._all: set = set()  # every live child, so close() can end them all
        self._lock = threading.Lock()

    def deadline(self, size: int) -> float:
        return self.seconds + self.seconds_per_mib * size / _MIB

    def read(self, html: str, url: str, lang: str | None) -> dict[str, Any]:
        """scrapers.detect's answer as a dict; raises PageTooComplex for an over-budget page."""
        check(html)
        deadline = self.deadline(len(html.encode("utf-8", "surrogatepass")))
        connection = self._child()
        connection.send((html, url, lang))
        if not connection.poll(deadline):
            self.stop()
            raise PageTooComplex(f"The page could not be read within {deadline:.1f} s, far "
                                 f"longer than any real product page takes. {SEND_LESS}")
        try:
            return connection.recv()
        except EOFError:  # the child died (out of memory, killed): a new one reads the next page
            self.stop()
            raise PageTooComplex(f"The page could not be read: its reader stopped. {SEND_LESS}"
                                 ) from None

    def _child(self) -> Connection:
        process = getattr(self._local, "process", None)
        if process is None or not process.is_alive():
            parent_end, child_end = _context.Pipe()
            process = _context.Process(target=_serve, args=(child_end,), daemon=True,
                                       name="yanbao-page-reader")
            process.start()
            child_end.close()
            with self._lock:
                self._all.add(process)
            self._local.process, self._local.connection = process, parent_end
        return self._local.connection

    def stop(self) -> None:
        """Kill this thread's child; the next read starts another."""
        process = getattr(self._local, "process", None)
        if process is not None:
            _end(process)
            self._local.connection.close()
            self._local.process = self._local.connection = None
            with self._lock:
                self._all.discard(process)

    def close(self) -> None:
        """End every child (an app that is done, a test's teardown)."""
        with self._lock:
            children, self._all = self._all, set()
        for process in children:
            _end(process)


def _end(process) -> None:
    process.kill()
    process.join(timeout=5)


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = PageReader(app.config["DETECT_SECONDS"],
                                            app.config["DETECT_SECONDS_PER_MIB"])


def reader() -> PageReader:
    return current_app.extensions[_EXTENSION]
