"""Reads page snapshots in a child process with a deadline, so no page can hold a worker.

The HTML parser's tree builder does work that grows with the square of some shapes (nesting,
stray end tags, formatting elements with distinct attributes) — 100 KB of nested `<div>`s takes
half a second, a few hundred KB minutes — and no check short of the tree builder itself bounds
all of them. scrapers.budget refuses the blatant shapes in milliseconds; for the rest each
worker keeps a few child processes that read pages, and a page that is not read within
`DETECT_SECONDS + DETECT_SECONDS_PER_MIB × size` gets its child killed and a 422. The next page
starts a new child (forked from a forkserver that has already imported the scrapers, so a few
milliseconds). A real page takes tens of milliseconds, far inside the deadline. The children are
a small pool per worker, shared by its threads or (under gevent) greenlets.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from multiprocessing.connection import Connection
from typing import Any

from flask import Flask, current_app

import scrapers
from scrapers.budget import SEND_LESS, PageTooComplex, check

_EXTENSION = "yanbao.page_reader"
_MIB = 1024 * 1024
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["scrapers.warm"])


def _serve(connection: Connection) -> None:
    """The child: read pages until the parent closes the pipe."""
    # A parent under gevent made the pipe's socket non-blocking; this unpatched child waits.
    os.set_blocking(connection.fileno(), True)
    while True:
        try:
            html, url, lang = connection.recv()
        except EOFError:
            return
        connection.send(scrapers.detect(html, url, lang).to_dict())


class _Child:
    def __init__(self):
        parent_end, child_end = _context.Pipe()
        self.process = _context.Process(target=_serve, args=(child_end,), daemon=True,
                                        name="yanbao-page-reader")
        self.process.start()
        child_end.close()
        self.connection = parent_end

    def end(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


class PageReader:
    """A small pool of reader children per worker, shared by its threads or greenlets."""

    def __init__(self, seconds: float, seconds_per_mib: float, children: int = 2):
        self.seconds, self.seconds_per_mib, self.children = seconds, seconds_per_mib, children
        self._idle: queue.LifoQueue[_Child] = queue.LifoQueue()
        self._started = 0
        self._lock = threading.Lock()

    def deadline(self, size: int) -> float:
        return self.seconds + self.seconds_per_mib * size / _MIB

    def read(self, html: str, url: str, lang: str | None,
             encoded: bytes | None = None) -> dict[str, Any]:
        """scrapers.detect's answer as a dict; raises PageTooComplex for an over-budget page.
        `encoded` is the html as UTF-8, when the caller has it already (up to 3 MiB each time)."""
        if encoded is None:
            encoded = html.encode("utf-8", "surrogatepass")
        check(encoded)
        deadline = self.deadline(len(encoded))
        child = self._take()
        try:
            child.connection.send((html, url, lang))
            if not child.connection.poll(deadline):
                raise PageTooComplex(f"The page could not be read within {deadline:.1f} s, far "
                                     f"longer than any real product page takes. {SEND_LESS}")
            answer = child.connection.recv()
        except PageTooComplex:
            self._discard(child)
            raise
        except (EOFError, OSError):  # the child died (out of memory, killed)
            self._discard(child)
            raise PageTooComplex(f"The page could not be read: its reader stopped. {SEND_LESS}"
                                 ) from None
        self._idle.put(child)
        return answer

    def _take(self) -> _Child:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            start = self._started < self.children
            if start:
                self._started += 1
        if start:
            try:
                return _Child()
            except BaseException:
                with self._lock:
                    self._started -= 1
                raise
        return self._idle.get()  # all busy: wait for one

    def _discard(self, child: _Child) -> None:
        child.end()
        with self._lock:
            self._started -= 1

    def close(self) -> None:
        """End every idle child (an app that is done, a test's teardown)."""
        while True:
            try:
                self._discard(self._idle.get_nowait())
            except queue.Empty:
                return


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = PageReader(app.config["DETECT_SECONDS"],
                                            app.config["DETECT_SECONDS_PER_MIB"])


def reader() -> PageReader:
    return current_app.extensions[_EXTENSION]
