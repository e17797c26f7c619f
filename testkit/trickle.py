"""Slow clients: connections that send a request's headers, then its body a byte at a time."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

HEAD = (b"POST /api/v1/devices HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n")


class Trickler:
    """One connection that sends a body byte every `every` seconds until stopped; it keeps
    whatever the server answered."""

    def __init__(self, port: int, every: float):
        self.port, self.every = port, every
        self.answer = b""
        self.sending = threading.Event()  # the headers are sent; the body is under way
        self.closed = threading.Event()  # the server answered or hung up
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            self._trickle()
        finally:
            self.sending.set()
            self.closed.set()

    def _trickle(self) -> None:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port),
                                                                    timeout=60) as sock:
            sock.sendall(HEAD)
            self.sending.set()
            sock.settimeout(self.every)
            while not self._stop.is_set():
                sock.sendall(b" ")
                with contextlib.suppress(TimeoutError):
                    chunk = sock.recv(4096)
                    if not chunk:
                        return
                    self.answer += chunk

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 5)


@contextlib.contextmanager
def trickling(port: int, count: int = 50, every: float = 2.0) -> Iterator[list[Trickler]]:
    clients = [Trickler(port, every) for _ in range(count)]
    for client in clients:
        client.start()
    try:
        yield clients
    finally:
        for client in clients:
            client.stop()
