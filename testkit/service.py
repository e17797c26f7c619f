"""The real service in a subprocess: gunicorn on a free loopback port, a migrated SQLite file in
its own folder, its access log kept there so tests can count requests."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from testkit import ROOT

VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Service:
    """The real service in a subprocess; stop() and start() keep the port and the database."""

    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    _err: object = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def access_log(self) -> Path:
        return self.workdir / "access.log"

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{self.workdir / 'yanbao.db'}",
            "YANBAO_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "1",
            "YANBAO_THREADS": "4",
            "YANBAO_REGISTRATION_RATE_LIMIT": "1000 per hour",
            "YANBAO_ACCESS_LOG": str(self.access_log),
            # The reading deadline stops hostile pages; a snapshot read while this 2-core machine
            # runs other suites can pass 0.5 s (seen as the panel's "service error" on real
            # pages), which tests nothing about the extension.
            "YANBAO_DETECT_SECONDS": "5",
            **self.extra_env,
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
            if self._answers():
                return
            time.sleep(0.1)
        raise RuntimeError("the service did not answer /healthz within 20 s")

    def _answers(self) -> bool:
        """/healthz answered 200. The connection is closed whatever happens: urlopen leaves
        its socket open when the answer times out (a worker still booting on a busy machine),
        and the ResourceWarning later fails whichever test is running."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
        try:
            connection.request("GET", "/healthz")
            with connection.getresponse() as response:
                response.read()
                return response.status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
        if self._err:
            self._err.close()
            self._err = None

    def call(self, method: str, path: str, token: str, body: object | None = None,
             headers: dict[str, str] | None = None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json",
            **(headers or {})})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r) if r.status != 204 else None

    def requests_logged(self, request_line: str) -> int:
        """How often the access log shows a request line such as ``"POST /api/v1/coverages"``."""
        log = self.access_log
        return log.read_text(encoding="utf-8").count(request_line) if log.exists() else 0

    def wait_for_logged(self, request_line: str, expected: int, timeout: float = 10) -> int:
        """gunicorn writes its access log just after each answer: wait until the log shows the
        request line `expected` times or the deadline passes, and say how often it does."""
        deadline = time.monotonic() + timeout
        while (seen := self.requests_logged(request_line)) < expected \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        return seen


@contextlib.contextmanager
def running_service(prefix: str, env: dict[str, str] | None = None) -> Iterator[Service]:
    """A migrated service on loopback in a fresh folder, stopped and removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    svc = Service(workdir, extra_env=env or {})
    svc.migrate()
    svc.start()
    try:
        yield svc
    finally:
        svc.stop()
        shutil.rmtree(workdir, ignore_errors=True)
