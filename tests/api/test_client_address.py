"""The client address that rate limits and the audit log see (BOTSCHAFT_TRUSTED_PROXIES)."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select

from botschaft.app import create_app
from botschaft.audit.models import AuditEvent
from botschaft.core.clientaddr import TrustedProxies
from botschaft.core.settings import Settings
from tests.conftest import make_settings
from tests.support.live import start_server


def seen_address(app, db, peer: str, forwarded_for: str | None = None) -> str:
    """Sends a failed sign-in from `peer` and returns the address the audit log recorded."""
    email = f"probe-{peer}-{forwarded_for}@example.org".replace(" ", "").replace(",", "-").lower()
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for is not None else {}
    with TestClient(app, base_url="http://testserver", client=(peer, 50000)) as client:
        response = client.post(
            "/api/v1/auth/login",
            json={"email": email, "password": "wrong-wrong-1"},
            headers=headers,
        )
    assert response.status_code == 401
    with db.session() as session:
        return session.scalar(select(AuditEvent.ip).where(AuditEvent.actor_label == email))


@pytest.fixture
def proxied_app(database_url, tmp_path, db):
    settings = make_settings(database_url, tmp_path, trusted_proxies="10.0.0.0/24, 192.0.2.7")
    return create_app(settings, db, serve_spa=False)


def test_by_default_no_one_is_trusted_not_even_loopback(app, db):
    assert seen_address(app, db, "127.0.0.1", "203.0.113.50") == "127.0.0.1"


def test_an_untrusted_peers_header_is_ignored(proxied_app, db):
    assert seen_address(proxied_app, db, "198.51.100.9", "203.0.113.50") == "198.51.100.9"
    # Loopback is not trusted just because it is local.
    assert seen_address(proxied_app, db, "127.0.0.1", "203.0.113.51") == "127.0.0.1"


def test_a_trusted_proxys_header_is_used(proxied_app, db):
    assert seen_address(proxied_app, db, "10.0.0.3", "203.0.113.52") == "203.0.113.52"
    assert seen_address(proxied_app, db, "192.0.2.7", "[2001:db8::5]:4711") == "2001:db8::5"
    # A trusted proxy that sends no header: the proxy is the client.
    assert seen_address(proxied_app, db, "10.0.0.3") == "10.0.0.3"


def test_a_chain_is_walked_from_the_right_over_trusted_hops_only(proxied_app, db):
    # client -> 192.0.2.7 -> 10.0.0.9 -> app: both proxies trusted, the client is found.
    assert seen_address(proxied_app, db, "10.0.0.9", "203.0.113.53, 192.0.2.7") == "203.0.113.53"
    # A client that sends its own X-Forwarded-For cannot choose its address: the proxy
    # appended the real one, and the spoofed entries left of it are not vouched for.
    assert (
        seen_address(proxied_app, db, "10.0.0.9", "1.1.1.1, 10.0.0.1, 203.0.113.54, 192.0.2.7")
        == "203.0.113.54"
    )
    # Garbage where a proxy's entry should be: the last trusted hop stands.
    assert seen_address(proxied_app, db, "10.0.0.9", "not-an-ip") == "10.0.0.9"


def test_per_address_limits_hold_for_clients_behind_a_trusted_proxy(proxied_app, db):
    proxied_app.state.settings.login_limit_per_address = "3/minute"

    def attempt(address: str) -> int:
        with TestClient(proxied_app, base_url="http://testserver", client=("10.0.0.3", 1)) as c:
            return c.post(
                "/api/v1/auth/login",
                json={"email": "someone@example.org", "password": "wrong-wrong-1"},
                headers={"X-Forwarded-For": address},
            ).status_code

    assert [attempt("203.0.113.60") for _ in range(4)] == [401, 401, 401, 429]
    # Another person behind the same proxy is not punished for it.
    assert attempt("203.0.113.61") == 401


def test_trusted_proxies_are_validated_at_start_up(tmp_path):
    for bad in ("10.0.0.0/33", "proxy.example.org", "10.0.0.1/8"):
        with pytest.raises(ValidationError, match="TRUSTED_PROXIES"):
            Settings(data_dir=tmp_path, trusted_proxies=bad)
    proxies = TrustedProxies(" 10.0.0.0/8 ,::1, 2001:db8::/32")
    assert len(proxies.networks) == 3


def test_the_served_app_ignores_forwarded_for_from_loopback(tmp_path):
    """`botschaft serve` must not let uvicorn trust loopback peers before the app decides."""
    server = start_server(tmp_path, env={"BOTSCHAFT_LOGIN_LIMIT_PER_ADDRESS": "3/minute"})
    try:
        codes = [
            httpx.post(
                f"{server.url}/api/v1/auth/login",
                json={"email": "nobody@example.org", "password": "wrong-wrong-1"},
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
            ).status_code
            for n in range(4)
        ]
    finally:
        server.stop()
    assert codes == [401, 401, 401, 429]
