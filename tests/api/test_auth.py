from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from botschaft.audit.models import AuditEvent
from botschaft.auth.models import UserSession
from botschaft.core.database import utcnow
from botschaft.identity.models import Role
from tests.support.api import PASSWORD, make_user, sign_in
from tests.support.jobs import run_jobs


def test_login_sets_httponly_session_and_csrf_cookie(client, db):
    account = make_user(db, Role.core_team)
    response = client.post(
        "/api/v1/auth/login", json={"email": account.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert response.json()["email"] == account.email
    set_cookies = response.headers.get_list("set-cookie")
    session_cookie = next(c for c in set_cookies if c.startswith("botschaft_session="))
    csrf_cookie = next(c for c in set_cookies if c.startswith("botschaft_csrf="))
    assert "HttpOnly" in session_cookie and "samesite=lax" in session_cookie.lower()
    assert "HttpOnly" not in csrf_cookie


def test_me_requires_sign_in(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


def test_wrong_password_and_unknown_email_get_the_same_answer(client, db):
    account = make_user(db)
    wrong = client.post(
        "/api/v1/auth/login", json={"email": account.email, "password": "wrong-password-123"}
    )
    unknown = client.post(
        "/api/v1/auth/login", json={"email": "nobody@example.org", "password": "whatever-123"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_email_is_case_insensitive(client, db):
    account = make_user(db, email="Mixed.Case@Example.org".lower())
    response = client.post(
        "/api/v1/auth/login", json={"email": "MIXED.case@example.ORG", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert account.email == response.json()["email"]


def test_inactive_account_cannot_sign_in(client, db):
    account = make_user(db)
    with db.session() as session:
        from botschaft.identity.models import User

        session.execute(update(User).where(User.id == account.id).values(is_active=False))
    response = client.post(
        "/api/v1/auth/login", json={"email": account.email, "password": PASSWORD}
    )
    assert response.status_code == 401


def login_from(app, address: str, email: str, password: str = PASSWORD):
    """A sign-in attempt from a client at `address`."""
    with TestClient(app, base_url="http://testserver", client=(address, 40000)) as client:
        return client.post("/api/v1/auth/login", json={"email": email, "password": password})


def test_successful_sign_ins_are_not_counted(app, db):
    account = make_user(db)
    # More than any limit allows failures: a person signing in often is never slowed down.
    for _ in range(12):
        assert login_from(app, "198.51.100.1", account.email).status_code == 200


def test_failures_per_account_and_address_are_limited(app, db):
    app.state.settings.login_limit_per_account_and_address = "3/minute"
    account = make_user(db)
    for _ in range(3):
        assert login_from(app, "198.51.100.2", account.email, "bad-bad-bad-1").status_code == 401
    # Even the right password is not checked any more from this address for this account.
    blocked = login_from(app, "198.51.100.2", account.email)
    assert blocked.status_code == 429
    assert blocked.json()["type"].endswith("/rate_limited")
    assert 1 <= int(blocked.headers["retry-after"]) <= 60
    # Another account from the same address is not affected (that is the address limit's job).
    assert login_from(app, "198.51.100.2", make_user(db).email).status_code == 200


def test_a_stranger_cannot_lock_the_owner_out(app, db):
    owner = make_user(db)
    # Default limits: a stranger guesses from one address until refused.
    answers = [
        login_from(app, "203.0.113.66", owner.email, f"guess-guess-{n}").status_code
        for n in range(12)
    ]
    assert answers == [401] * 10 + [429] * 2
    # The owner, at their own address, signs in as usual; the first time from there, too.
    assert login_from(app, "198.51.100.3", owner.email).status_code == 200


def test_failures_from_many_addresses_slow_the_account(app, db):
    app.state.settings.login_limit_per_account = "5/minute"
    owner = make_user(db)
    assert login_from(app, "198.51.100.4", owner.email).status_code == 200  # a known address
    for n in range(5):
        assert login_from(app, f"203.0.113.{n}", owner.email, "bad-bad-bad-1").status_code == 401
    # Guessing from yet another address is refused without a look at the password...
    assert login_from(app, "203.0.113.99", owner.email, PASSWORD).status_code == 429
    # ...while the owner, where they signed in before, is not locked out.
    assert login_from(app, "198.51.100.4", owner.email).status_code == 200


def test_failures_per_address_over_all_accounts_are_limited(app, db):
    app.state.settings.login_limit_per_address = "4/minute"
    for n in range(4):
        login_from(app, "203.0.113.7", f"x{n}@example.org", "bad-bad-bad-1")
    account = make_user(db)
    assert login_from(app, "203.0.113.7", account.email).status_code == 429
    assert login_from(app, "198.51.100.5", account.email).status_code == 200


def test_failed_and_successful_sign_ins_are_audited(client, db):
    account = make_user(db)
    client.post("/api/v1/auth/login", json={"email": account.email, "password": "bad-bad-bad-1"})
    sign_in(client, account)
    with db.session() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.actor_label == account.email)
        ).all()
    assert "auth.login_failed" in actions and "auth.login" in actions


def test_logout_needs_csrf_token_and_ends_the_session(client, db):
    account = make_user(db)
    sign_in(client, account)
    token = client.headers.pop("X-CSRF-Token")
    assert client.post("/api/v1/auth/logout").status_code == 403
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": "forged"}).status_code == 403
    old_cookie = client.cookies.get("botschaft_session")
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token}).status_code == 204
    assert client.get("/api/v1/me").status_code == 401
    # The old cookie is dead on the server too, not just removed from the browser.
    client.cookies.set("botschaft_session", old_cookie)
    assert client.get("/api/v1/me").status_code == 401


def test_session_token_rotates_at_sign_in(client, db):
    account = make_user(db)
    sign_in(client, account)
    first = client.cookies.get("botschaft_session")
    sign_in(client, account)
    second = client.cookies.get("botschaft_session")
    assert first != second
    client.cookies.set("botschaft_session", first)
    assert client.get("/api/v1/me").status_code == 401


def test_idle_session_expires(client, db, settings):
    account = make_user(db)
    sign_in(client, account)
    with db.session() as session:
        session.execute(
            update(UserSession).values(
                last_seen_at=utcnow() - timedelta(minutes=settings.session_idle_minutes + 1)
            )
        )
    assert client.get("/api/v1/me").status_code == 401


def test_absolute_session_lifetime(client, db):
    account = make_user(db)
    sign_in(client, account)
    with db.session() as session:
        session.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get("/api/v1/me").status_code == 401


def test_the_hourly_job_removes_idle_and_expired_sessions(client, new_client, db, settings):
    for _ in range(3):
        sign_in(new_client(), make_user(db))
    with db.session() as session:
        rows = session.scalars(select(UserSession)).all()
        rows[0].last_seen_at = utcnow() - timedelta(minutes=settings.session_idle_minutes + 1)
        rows[1].expires_at = utcnow() - timedelta(seconds=1)
    run_jobs(db, settings)
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(UserSession)) == 1


def test_cross_site_writes_are_refused(client, db):
    account = make_user(db)
    response = client.post(
        "/api/v1/auth/login",
        json={"email": account.email, "password": PASSWORD},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert response.json()["type"].endswith("cross_origin")


def test_opaque_origins_and_cross_site_referers_are_refused_even_with_the_csrf_token(client, db):
    sign_in(client, make_user(db))  # sends the valid CSRF token from here on
    for headers in (
        {"Origin": "null"},
        {"Origin": ""},
        {"Referer": "https://evil.example/page"},
        {"Referer": "not a url"},
    ):
        response = client.patch("/api/v1/me", json={"name": "Changed"}, headers=headers)
        assert response.status_code == 403, headers
        assert response.json()["type"].endswith("/cross_origin")
    assert client.get("/api/v1/me").json()["name"] != "Changed"
    # Our own pages, and programs that send neither header, still write.
    for headers in ({"Referer": "http://testserver/profile"}, {"Origin": "http://testserver"}, {}):
        assert (
            client.patch("/api/v1/me", json={"name": "Changed"}, headers=headers).status_code == 200
        )


def test_auth_config_reports_sso_off_by_default(client):
    assert client.get("/api/v1/auth/config").json() == {
        "password_login": True,
        "oidc": {"enabled": False, "label": "SSO"},
    }


def test_sso_login_redirects_to_login_page_when_off(client):
    response = client.get("/api/v1/auth/oidc/login", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?error=sso_disabled"
