"""Single sign-on end to end against a real OpenID provider on 127.0.0.1 (oidc-provider)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from botschaft.app import create_app
from botschaft.auth.models import UserSession
from botschaft.identity.models import Role, UserIdentity
from tests.conftest import make_settings
from tests.support.api import make_user
from tests.support.oidc import (
    CLIENT_ID,
    CLIENT_SECRET,
    TokenProxy,
    follow_provider_redirects,
    start_provider,
)

pytestmark = pytest.mark.oidc


@pytest.fixture(scope="session")
def provider():
    provider = start_provider()
    yield provider
    provider.process.kill()


@pytest.fixture(scope="session")
def token_proxy(provider):
    proxy = TokenProxy(provider)
    server = proxy.start()
    yield proxy
    server.shutdown()


def sso_client(db, database_url, tmp_path, provider, **overrides) -> TestClient:
    values = dict(
        oidc_issuer=provider.issuer,
        oidc_client_id=CLIENT_ID,
        oidc_client_secret=CLIENT_SECRET,
        oidc_label="Stadt-Login",
    )
    settings = make_settings(database_url, tmp_path, **{**values, **overrides})
    return TestClient(create_app(settings, db, serve_spa=False), base_url="http://testserver")


def start_sso(client: TestClient, next_path: str = "/") -> str:
    response = client.get(
        "/api/v1/auth/oidc/login", params={"next": next_path}, follow_redirects=False
    )
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert "code_challenge_method=S256" in location and "code_challenge=" in location
    return follow_provider_redirects(location)


def session_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(UserSession))


def test_sso_sign_in_links_verified_email_and_matches_by_subject_later(
    db, database_url, tmp_path, provider
):
    account = make_user(db, Role.influencer, email="maximilian.huber@example.org")
    with sso_client(db, database_url, tmp_path, provider) as client:
        assert client.get("/api/v1/auth/config").json()["oidc"] == {
            "enabled": True,
            "label": "Stadt-Login",
        }
        provider.next_login("sub-4711", "Maximilian.Huber@example.org")
        callback = start_sso(client, next_path="/programs")
        response = client.get(callback, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/programs"
        me = client.get("/api/v1/me")
        assert me.status_code == 200 and me.json()["id"] == str(account.id)
    with db.session() as session:
        identity = session.scalar(select(UserIdentity).where(UserIdentity.subject == "sub-4711"))
        assert identity.user_id == account.id and identity.issuer == provider.issuer
    # Later sign-ins match issuer + subject, even when the provider now reports another email.
    with sso_client(db, database_url, tmp_path, provider) as client:
        provider.next_login("sub-4711", "m.huber@new-domain.example")
        client.get(start_sso(client), follow_redirects=False)
        assert client.get("/api/v1/me").json()["id"] == str(account.id)


def test_unknown_or_unverified_email_is_refused(db, database_url, tmp_path, provider):
    make_user(db, email="unverified@example.org")
    with sso_client(db, database_url, tmp_path, provider) as client:
        provider.next_login("sub-unknown", "nobody@example.org")
        response = client.get(start_sso(client), follow_redirects=False)
        assert response.headers["location"] == "/login?error=sso_no_account"
        provider.next_login("sub-unverified", "unverified@example.org", email_verified=False)
        response = client.get(start_sso(client), follow_redirects=False)
        assert response.headers["location"] == "/login?error=sso_no_account"
        assert client.get("/api/v1/me").status_code == 401


def test_refuse_policy_does_not_link_by_email(db, database_url, tmp_path, provider):
    make_user(db, email="linked-only@example.org")
    with sso_client(db, database_url, tmp_path, provider, oidc_link_policy="refuse") as client:
        provider.next_login("sub-refuse", "linked-only@example.org")
        assert (
            client.get(start_sso(client), follow_redirects=False).headers["location"]
            == "/login?error=sso_no_account"
        )


def test_replayed_state_is_refused(db, database_url, tmp_path, provider):
    make_user(db, email="replay@example.org")
    with sso_client(db, database_url, tmp_path, provider) as client:
        provider.next_login("sub-replay", "replay@example.org")
        callback = start_sso(client)
        round_trip_cookie = client.cookies.get("botschaft_sso")
        assert client.get(callback, follow_redirects=False).headers["location"] == "/"
        sessions_after_first = session_count(db)
    with sso_client(db, database_url, tmp_path, provider) as attacker:
        attacker.cookies.set("botschaft_sso", round_trip_cookie)
        replay = attacker.get(callback, follow_redirects=False)
        assert replay.status_code == 303 and replay.headers["location"] == "/login?error=sso_state"
        assert attacker.get("/api/v1/me").status_code == 401
    assert session_count(db) == sessions_after_first


def test_callback_without_the_starting_browser_is_refused(db, database_url, tmp_path, provider):
    make_user(db, email="csrf@example.org")
    with sso_client(db, database_url, tmp_path, provider) as victim:
        provider.next_login("sub-csrf", "csrf@example.org")
        callback = start_sso(victim)
    with sso_client(db, database_url, tmp_path, provider) as other_browser:
        response = other_browser.get(callback, follow_redirects=False)
        assert response.headers["location"] == "/login?error=sso_state"


@pytest.mark.parametrize("mode", ["tamper_signature", "wrong_audience"])
def test_forged_id_tokens_are_refused(db, database_url, tmp_path, provider, token_proxy, mode):
    make_user(db, email="attacker@example.org")
    make_user(db, email="victim@example.org")
    token_proxy.mode = mode
    try:
        with sso_client(
            db, database_url, tmp_path, provider, oidc_metadata_url=token_proxy.metadata_url
        ) as client:
            provider.next_login(f"sub-{mode}", "victim@example.org")
            response = client.get(start_sso(client), follow_redirects=False)
            assert response.headers["location"] == "/login?error=sso_token"
            assert client.get("/api/v1/me").status_code == 401
    finally:
        token_proxy.mode = "pass"


def test_proxy_in_pass_mode_signs_in(db, database_url, tmp_path, provider, token_proxy):
    """Control for the test above: the proxy alone does not break sign-in."""
    make_user(db, email="control@example.org")
    with sso_client(
        db, database_url, tmp_path, provider, oidc_metadata_url=token_proxy.metadata_url
    ) as client:
        provider.next_login("sub-control", "control@example.org")
        assert client.get(start_sso(client), follow_redirects=False).headers["location"] == "/"
        assert client.get("/api/v1/me").status_code == 200


def test_wrong_client_secret_is_refused(db, database_url, tmp_path, provider):
    make_user(db, email="secret@example.org")
    with sso_client(db, database_url, tmp_path, provider, oidc_client_secret="wrong") as client:
        provider.next_login("sub-secret", "secret@example.org")
        response = client.get(start_sso(client), follow_redirects=False)
        assert response.headers["location"] == "/login?error=sso_failed"


def test_open_redirect_is_prevented(db, database_url, tmp_path, provider):
    make_user(db, email="redirect@example.org")
    with sso_client(db, database_url, tmp_path, provider) as client:
        provider.next_login("sub-redirect", "redirect@example.org")
        callback = start_sso(client, next_path="//evil.example/phish")
        assert client.get(callback, follow_redirects=False).headers["location"] == "/"


def test_a_callback_state_with_a_nul_is_refused_not_a_server_error(
    db, database_url, tmp_path, provider
):
    # The state is looked up in the database, and PostgreSQL cannot hold a NUL.
    with sso_client(db, database_url, tmp_path, provider) as client:
        start_sso(client)
        response = client.get(
            "/api/v1/auth/oidc/callback?code=x&state=a%00b", follow_redirects=False
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/login?error=sso_state"
