"""Start the real service under gunicorn and measure requests per second against it.

wrk (Debian package `wrk`) generates the load when installed; otherwise a small Python client
does, which is slower and says so. Both endpoints of a comparison use the same generator.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    port = free_port()
    full_env = {**os.environ, **env, "YANBAO_BIND": f"127.0.0.1:{port}",
                "WEB_CONCURRENCY": str(workers), "YANBAO_ACCESS_LOG": "/dev/null",
                "YANBAO_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
         "server:create_app()"], cwd=ROOT, env=full_env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(port, process)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {process.stderr.read().decode()[-2000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer /healthz in time")


VARY = b"@RANDOM@"  # in a body: replaced by a fresh random number on every request


def measure(port: int, path: str, headers: dict[str, str], seconds: float = 5,
            connections: int = 8, body: bytes | None = None) -> dict[str, float]:
    """GET path (or POST body as JSON) for `seconds`; requests/s and p99 latency."""
    if body is not None:
        headers = {**headers, "Content-Type": "application/json"}
    if shutil.which("wrk"):
        return _wrk(port, path, headers, seconds, connections, body)
    return _python_load(port, path, headers, seconds, connections, body)


def _wrk_script(body: bytes | None) -> str:
    if body is None:
        return ""
    if VARY not in body:
        return f'wrk.method = "POST"\nwrk.body = {_lua_string(body)}\n'
    return (f'wrk.method = "POST"\nlocal template = {_lua_string(body)}\n'
            "request = function()\n"
            f'  local body = string.gsub(template, "{VARY.decode()}", '
            "tostring(math.random(100000, 999999)))\n"
            "  return wrk.format(nil, nil, nil, body)\nend\n")


def _wrk(port, path, headers, seconds, connections, body) -> dict[str, float]:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_wrk_script(body))
    args += ["-s", script.name]
    try:
        out = subprocess.run([*args, f"http://127.0.0.1:{port}{path}"], capture_output=True,
                             text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise RuntimeError(f"{non_2xx.group(1)} requests to {path} failed during the load test")
    return {"rps": rps, "p99_ms": float(p99.group(1)) * scale, "tool": "wrk"}


def _lua_string(body: bytes) -> str:
    return '"' + "".join(f"\\{b:03d}" for b in body) + '"'


def _python_load(port, path, headers, seconds, connections, body) -> dict[str, float]:
    latencies: list[float] = []
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            sent = body.replace(VARY, str(random.randrange(100000, 999999)).encode()) if body \
                else None
            connection.request("POST" if body is not None else "GET", path, body=sent,
                               headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            mine.append(time.perf_counter() - started)
            connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else float("nan")
    return {"rps": len(latencies) / seconds, "p99_ms": p99, "tool": "python (wrk not found)"}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000
