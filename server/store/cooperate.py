"""Long imports on a worker: let the other requests run, and keep the collector out of the way.

Under gunicorn's gevent worker one process serves many connections, and a request that keeps
the CPU busy for seconds keeps all of them waiting (a health check included). A bulk import
calls `pause()` between batches; under gevent that waits for the event loop to go round once
(`gevent.idle()`: waiting connections are accepted and answered; `sleep(0)` only runs greenlets
already scheduled, so a health check still waited for the whole import), elsewhere it does
nothing.
"""

from __future__ import annotations

import gc
import sys
from contextlib import contextmanager


def under_gevent() -> bool:
    monkey = sys.modules.get("gevent.monkey")
    return bool(monkey and monkey.is_module_patched("socket"))


def pause() -> None:
    if under_gevent():
        import gevent

        gevent.idle()


class Every:
    """A callable that pauses once every `n` calls: cheap enough to call per item."""

    def __init__(self, n: int = 1000):
        self.n, self.count = n, 0

    def __call__(self, *_ignored) -> None:
        self.count += 1
        if self.count >= self.n:
            self.count = 0
            pause()


_held = 0  # imports running on this worker (greenlets may interleave them)
_was_enabled = True


@contextmanager
def no_collection():
    """Python's cyclic garbage collector off while a large import builds its millions of small
    objects: each full collection walks every one of them, which cost an import of 100,000
    coverages a quarter of its time. The collector is back on, as it was, once the last import
    running on the worker ends, and collects whatever cycles they left."""
    global _held, _was_enabled
    if _held == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _held += 1
    try:
        yield
    finally:
        _held -= 1
        if _held == 0 and _was_enabled:
            gc.enable()
