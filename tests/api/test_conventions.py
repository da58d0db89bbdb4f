"""API conventions every endpoint follows."""

from __future__ import annotations

import httpx

from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.live import start_server


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_readiness_fails_when_database_is_gone(app, client):
    class Broken:
        def ping(self):
            raise RuntimeError("down")

    app.state.db = Broken()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "RuntimeError" not in response.text


def test_validation_error_is_problem_json_naming_the_field(client, db):
    response = client.post("/api/v1/auth/login", json={"email": "", "password": "x"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["errors"][0]["field"] == "email"


def test_malformed_json_is_a_clean_422(client):
    response = client.post(
        "/api/v1/auth/login", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/validation_error")
    assert response.json()["errors"][0]["field"] == "body"


def test_undecodable_json_is_a_project_problem_never_about_blank(client):
    json_type = {"content-type": "application/json"}
    deep = client.post(
        "/api/v1/auth/login", content=b"[" * 10_000 + b"]" * 10_000, headers=json_type
    )
    assert deep.status_code == 422
    assert deep.json()["type"] == "https://botschaft.dev/problems/json_too_deep"
    assert deep.json()["errors"][0]["field"] == "body"
    not_utf8 = client.post(
        "/api/v1/auth/login", content=b'{"email": "\xff\xfe"}', headers=json_type
    )
    assert not_utf8.status_code == 422
    assert not_utf8.json()["type"] == "https://botschaft.dev/problems/invalid_json"
    # The framework's own errors carry a project type as well.
    assert client.delete("/api/v1/auth/config").json()["type"].endswith("/method_not_allowed")
    # Nesting below the decoder's limit is an ordinary body (here: the wrong shape).
    shallow = client.post("/api/v1/auth/login", content=b"[" * 100 + b"]" * 100, headers=json_type)
    assert shallow.json()["type"].endswith("/validation_error")


def test_oversized_body_is_413(client, settings):
    body = b'{"email": "' + b"a" * (settings.max_request_bytes + 10) + b'", "password": "x"}'
    response = client.post(
        "/api/v1/auth/login", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_chunked_body_over_the_limit_is_413(client, settings):
    """No Content-Length: the limit is found while the body streams in."""

    def chunks():
        yield b'{"email": "'
        for _ in range(3 * 1024):  # 3 MiB
            yield b"a" * 1024
        yield b'", "password": "x"}'

    response = client.post(
        "/api/v1/auth/login", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.request.headers["transfer-encoding"] == "chunked"
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["type"] == "https://botschaft.dev/problems/payload_too_large"


def test_chunked_body_over_the_limit_is_413_from_the_real_server(tmp_path):
    server = start_server(tmp_path)
    try:

        def chunks():
            for _ in range(3 * 1024):
                yield b"a" * 1024

        response = httpx.post(
            f"{server.url}/api/v1/auth/login",
            content=chunks(),
            headers={"content-type": "application/json"},
            timeout=30,
        )
    finally:
        server.stop()
    assert response.status_code == 413
    assert response.json()["type"] == "https://botschaft.dev/problems/payload_too_large"


def test_unknown_api_path_is_problem_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_security_headers(client):
    response = client.get("/healthz")
    csp = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    # No inline scripts and no inline styles (style attributes, <style>): the SPA sets its
    # few computed styles through the CSSOM (tests/browser/test_shell.py checks it).
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in response.headers  # only behind HTTPS


def test_hsts_and_secure_host_cookies_behind_https(db, database_url, tmp_path):
    from fastapi.testclient import TestClient

    from botschaft.app import create_app
    from tests.conftest import make_settings

    settings = make_settings(database_url, tmp_path, public_url="https://botschaft.example.org")
    app = create_app(settings, db, serve_spa=False)
    account = make_user(db, Role.influencer)
    with TestClient(app, base_url="https://botschaft.example.org") as client:
        response = client.post(
            "/api/v1/auth/login", json={"email": account.email, "password": account.password}
        )
        assert response.status_code == 200
        assert "max-age=31536000" in response.headers["strict-transport-security"]
        session_cookie = next(
            c for c in response.headers.get_list("set-cookie") if "botschaft_session" in c
        )
        assert session_cookie.startswith("__Host-botschaft_session=") and "Secure" in session_cookie


def test_timestamps_carry_an_offset(client, db):
    sign_in(client, make_user(db, Role.admin))
    created_at = client.get("/api/v1/users").json()["items"][0]["created_at"]
    assert created_at.endswith("Z") or created_at[-6] in "+-"


def test_no_stack_traces_in_500(app, db):
    from fastapi.testclient import TestClient

    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert "secret internals" not in response.text and "Traceback" not in response.text


def test_uploads_may_be_larger_than_other_requests(client, db):
    program = make_program(db)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    sign_in(client, core)
    two_mib = b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024)
    upload = client.post(
        f"/api/v1/programs/{program}/files",
        files={"file": ("Leitfaden.pdf", two_mib, "application/pdf")},
    )
    assert upload.status_code == 201, upload.text[:200]
    big_json = client.patch(
        f"/api/v1/programs/{program}", json={"description": "x" * (2 * 1024 * 1024), "version": 1}
    )
    assert big_json.status_code == 413
