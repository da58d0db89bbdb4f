"""After an error, the next request on the same keep-alive connection is answered.

Regression test: an unhandled error was answered 500 by Starlette's ServerErrorMiddleware,
which then re-raised it; uvicorn, seeing an error after the response had started, closed the
connection, and the client's next request on it was reset. The app now answers unhandled
errors itself (core.http.UnhandledErrorMiddleware). Runs a real uvicorn (both of its HTTP
implementations) on 127.0.0.1 with the test app, whose extra route fails on purpose.
"""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
import uvicorn

from tests.support.oidc import free_port


def _read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before a response: {data!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (x.split(":", 1) for x in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed in the middle of a body")
        body += chunk
    return status, headers, body[:length]


def _request(sock: socket.socket, method: str, path: str, body: bytes | None = None) -> str:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    sock.sendall(head.encode() + b"\r\n" + (body or b""))


@pytest.fixture(params=["h11", "httptools"])
def live_url(request, app):
    @app.get("/api/v1/test-only-failure")
    def fail():
        raise RuntimeError("provoked")

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, http=request.param, lifespan="off", log_level="error"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(10)


def test_the_connection_survives_an_unhandled_error(live_url):
    with socket.create_connection(("127.0.0.1", live_url), timeout=10) as sock:
        _request(sock, "GET", "/api/v1/test-only-failure")
        status, headers, body = _read_response(sock)
        assert status == 500
        assert headers["content-type"] == "application/problem+json"
        assert "provoked" not in body.decode() and "Traceback" not in body.decode()
        assert json.loads(body)["type"].endswith("/internal_error")
        assert headers.get("connection", "").lower() != "close"
        error_headers = headers

        # A NUL in the email used to be a 500 on PostgreSQL (text fields cannot hold it).
        login = json.dumps({"email": "a\u0000@x.example", "password": "x"}).encode()
        _request(sock, "POST", "/api/v1/auth/login", login)
        status, _, body = _read_response(sock)
        assert status == 422, body
        assert json.loads(body)["errors"][0]["field"] == "email"

        for _ in range(2):
            _request(sock, "GET", "/api/v1/test-only-failure")
            assert _read_response(sock)[0] == 500
            _request(sock, "GET", "/readyz")
            assert _read_response(sock)[0] == 200
    # The error answer passed the security-header middleware like any other.
    assert "content-security-policy" in error_headers
