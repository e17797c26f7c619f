"""Start the real service under gunicorn and measure requests per second against it.

wrk (Debian package `wrk`) generates the load when installed; otherwise a small Python client
does, which is slower and says so. Both endpoints of a comparison use the same generator.
Besides requests per second, each measurement gives the service's own CPU time per request
(its processes' user + system time, from /proc): on a shared machine that figure moves far less
than requests per second, which also depend on what else runs.
"""

from __future__ import annotations

import http.client
import itertools
import os
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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SERVERS: dict[int, subprocess.Popen] = {}  # port -> gunicorn master, for CPU accounting


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
    _SERVERS[port] = process
    try:
        wait_until_up(port, process)
        yield port
    finally:
        _SERVERS.pop(port, None)
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


# In a body, replaced on every request: UNIQUE by a number no other request of the run gets,
# PRICE_TAIL by two digits, a point and two digits taken from that number ("12.34"), so that
# "9" + PRICE_TAIL is a plausible price between 900.00 and 999.99 that changes every request.
UNIQUE = b"@UNIQUE@"
PRICE_TAIL = b"@PRICE_TAIL@"


def fill(body: bytes, number: int) -> bytes:
    """The body for request `number` (what the wrk script does, for the Python client)."""
    tail = f"{number // 100 % 100:02d}.{number % 100:02d}".encode()
    return body.replace(UNIQUE, str(number).encode()).replace(PRICE_TAIL, tail)


def server_cpu_seconds(port: int) -> float | None:
    """User + system CPU seconds used so far by the gunicorn started on `port` and its workers
    (None off Linux). A worker that was replaced takes its seconds with it; none is during a
    measurement unless it failed."""
    process = _SERVERS.get(port)
    if process is None or not Path("/proc").is_dir():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    pids = [str(process.pid)] + [pid for pid, parent in _processes() if parent == process.pid]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def _processes() -> list[tuple[str, int]]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found.append((entry.name, int((entry / "stat").read_text().rsplit(")", 1)[1]
                                              .split()[1])))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    return found


def measure(port: int, path: str, headers: dict[str, str], seconds: float = 5,
            connections: int = 8, body: bytes | None = None) -> dict[str, float]:
    """GET path (or POST body as JSON) for `seconds`: requests/s, p99 latency and, when the
    service was started by gunicorn() here, its CPU milliseconds per request."""
    if body is not None:
        headers = {**headers, "Content-Type": "application/json"}
    cpu_before = server_cpu_seconds(port)
    if shutil.which("wrk"):
        figures = _wrk(port, path, headers, seconds, connections, body)
    else:
        figures = _python_load(port, path, headers, seconds, connections, body)
    cpu_after = server_cpu_seconds(port)
    if cpu_before is not None and cpu_after is not None and figures["rps"]:
        figures["cpu_ms"] = (cpu_after - cpu_before) * 1000 / (figures["rps"] * seconds)
    return figures


def wrk_script(body: bytes | None) -> str:
    """wrk's Lua script: POST the body, with UNIQUE and PRICE_TAIL filled in per request from
    a counter of the thread's own (threads count in disjoint ranges).

    The body is split around its placeholders here, once, and each request joins the pieces:
    wrk shares the machine with the service, and a pattern search over the whole body on every
    request would take CPU from the service that a request without a script does not."""
    if body is None:
        return ""
    if UNIQUE not in body and PRICE_TAIL not in body:
        return f'wrk.method = "POST"\nwrk.body = {_lua_string(body)}\n'
    pieces = re.split(b"(" + re.escape(UNIQUE) + b"|" + re.escape(PRICE_TAIL) + b")", body)
    parts = []
    for piece in pieces:
        if piece == UNIQUE:
            parts.append("tostring(n)")
        elif piece == PRICE_TAIL:
            parts.append("tail")
        elif piece:
            parts.append(_lua_string(piece))
    return ('wrk.method = "POST"\n'
            "local threads = 0\n"
            "function setup(thread)\n"
            "  threads = threads + 1\n"
            "  thread:set('first', threads * 100000000)\n"
            "end\n"
            "local sent = 0\n"
            "function request()\n"
            "  sent = sent + 1\n"
            "  local n = first + sent\n"
            "  local tail = string.format('%02d.%02d', math.floor(n / 100) % 100, n % 100)\n"
            f"  return wrk.format(nil, nil, nil, {' .. '.join(parts)})\n"
            "end\n")


def _wrk(port, path, headers, seconds, connections, body) -> dict[str, float]:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(wrk_script(body))
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
    numbers = itertools.count(1)  # next() on it is atomic under the GIL

    def worker():
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            sent = fill(body, next(numbers)) if body is not None else None
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


def sent_bodies(body: bytes, seconds: int = 1) -> list[bytes]:
    """The bodies the load generator really sends for this template, caught by a small local
    server: the check that every request of a run carries a product of its own."""
    caught: list[bytes] = []

    class Catch(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            caught.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass  # wrk resets its connections when it stops

    server = Server(("127.0.0.1", 0), Catch)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        measure(server.server_address[1], "/", {}, seconds=seconds, body=body)
    finally:
        server.shutdown()
        server.server_close()
    return caught
