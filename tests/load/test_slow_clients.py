"""The real service under gunicorn with its production settings: fifty connections that trickle
their bodies hold no worker, each gets a 408 at its deadline, and what gunicorn itself refuses
is answered as a problem."""

from __future__ import annotations

import json
import socket
import urllib.request

import pytest

from testkit.service import running_service
from testkit.trickle import trickling

pytestmark = pytest.mark.slow
BODY_SECONDS = 3


@pytest.fixture(scope="module")
def service():
    with running_service("yanbao-slow-", {"YANBAO_BODY_SECONDS": str(BODY_SECONDS),
                                          "WEB_CONCURRENCY": "1"}) as svc:
        yield svc


def test_healthz_answers_while_fifty_clients_trickle_their_bodies(service):
    with trickling(service.port, count=50, every=1.0) as clients:
        for client in clients:
            assert client.sending.wait(10)
        assert not any(client.closed.is_set() for client in clients)
        for _ in range(5):
            with urllib.request.urlopen(f"{service.url}/healthz", timeout=5) as response:
                assert response.status == 200


def test_a_trickling_client_gets_a_408_at_its_deadline(service):
    with trickling(service.port, count=1, every=0.5) as (client,):
        assert client.closed.wait(BODY_SECONDS + 10)
    assert client.answer.startswith(b"HTTP/1.1 408"), client.answer[:200]
    assert b"application/problem+json" in client.answer


def test_a_request_line_gunicorn_refuses_is_still_a_problem(service):
    """Raw UTF-8 in a query string (`?q=冰箱` unencoded) never reaches the app: gunicorn refuses
    the request line, and answers in the service's error shape, saying what to fix."""
    with socket.create_connection(("127.0.0.1", service.port), timeout=5) as sock:
        sock.sendall("GET /api/v1/coverages?q=冰箱 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and b"application/problem+json" in head
    assert "Percent-encode" in json.loads(body)["detail"]


def test_a_chunked_body_over_the_limit_is_a_413(service):
    """A chunked body has no Content-Length to refuse it by: it is counted as it arrives."""
    token = _token(service)
    chunk = b"x" * 65536
    with socket.create_connection(("127.0.0.1", service.port), timeout=30) as sock:
        sock.sendall(f"POST /api/v1/coverages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                     f"{token}\r\nContent-Type: application/json\r\n"
                     f"Transfer-Encoding: chunked\r\n\r\n".encode())
        try:
            for _ in range(5 * 16):  # 5 MiB
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the service may answer and close before the body is all sent
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"application/problem+json" in answer


def _token(service) -> str:
    request = urllib.request.Request(f"{service.url}/api/v1/devices",
                                     data=json.dumps({"name": "load"}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)["token"]
