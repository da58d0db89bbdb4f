"""Invitation and password-reset links: issued, checked, used once, replaced, expired, refused;
"forgot password?" without account enumeration; single sign-on instead of a password."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from botschaft.app import create_app
from botschaft.audit.models import AuditEvent
from botschaft.auth.jobs import purge_account_tokens
from botschaft.auth.models import AccountToken, TokenPurpose
from botschaft.core.database import utcnow
from botschaft.identity.models import Role, User
from botschaft.jobs.models import Job
from botschaft.jobs.registry import REGISTRY, JobContext
from botschaft.notifications.models import EmailMessage
from botschaft.tenancy.models import ProgramRole
from tests.conftest import make_settings
from tests.support.api import Account, add_member, make_program, make_user, sign_in
from tests.support.jobs import run_jobs
from tests.support.smtp import body_text

NEW_PASSWORD = "Lindenblüte am Isarufer 7"
LINK = re.compile(r"http://testserver/(invitation|reset-password)#([\w-]+)")


def _team(db):
    program = make_program(db, name="Botschafter:innen München")
    core = make_user(db, Role.core_team, name="Kim Kern")
    add_member(db, program, core, ProgramRole.core_team)
    return program, core


def _add(client, program, email="gaertner@example.org", name="Thomas Bauer"):
    response = client.post(
        f"/api/v1/programs/{program}/members",
        json={"email": email, "name": name, "role": "influencer"},
    )
    assert response.status_code == 201, response.text
    return response.json()


def _emails(db, to: str) -> list[EmailMessage]:
    with db.session() as session:
        return session.scalars(
            select(EmailMessage)
            .where(EmailMessage.to_address == to)
            .order_by(EmailMessage.created_at, EmailMessage.id)
        ).all()


def _link(message: EmailMessage) -> tuple[str, str]:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1), match.group(2)


def _actions(db) -> list[str]:
    with db.session() as session:
        return session.scalars(select(AuditEvent.action).order_by(AuditEvent.at)).all()


def _password_hash(db, email):
    with db.session() as session:
        return session.scalar(select(User.password_hash).where(User.email == email))


def _problem(response, status: int, code: str):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"].endswith("/" + code), response.json()


def test_adding_a_member_invites_them_and_the_link_sets_a_password_once(
    client, db, app, new_client, smtp_server
):
    program, core = _team(db)
    sign_in(client, core)
    member = _add(client, program)
    assert member["access"] == "invited" and member["invitation_expires_at"]

    [mail] = _emails(db, "gaertner@example.org")
    assert mail.template == "auth.invitation" and mail.locale == "de"
    assert "Kim Kern hat Sie zu Botschafter:innen München" in mail.body
    assert "14 Tage" in mail.body
    kind, token = _link(mail)
    assert kind == "invitation"
    run_jobs(app)
    [delivered] = smtp_server.wait_for(1)
    assert token in body_text(delivered)
    with db.session() as session:
        stored = session.scalars(select(AccountToken.token_digest)).all()
    assert token not in stored, "only the digest is stored"

    visitor = new_client()
    info = visitor.post("/api/v1/auth/password-links/check", json={"token": token})
    assert info.status_code == 200, info.text
    assert info.json()["purpose"] == "invitation" and info.json()["sso"] is False
    assert info.json()["email"] == "gaertner@example.org"

    weak = visitor.post(
        "/api/v1/auth/password-links/redeem", json={"token": token, "password": "password123"}
    )
    _problem(weak, 422, "validation_error")
    assert weak.json()["errors"][0]["field"] == "password"
    assert weak.json()["errors"][0]["type"] == "weak_password"
    assert _password_hash(db, "gaertner@example.org") is None, "nothing half-written"

    done = visitor.post(
        "/api/v1/auth/password-links/redeem", json={"token": token, "password": NEW_PASSWORD}
    )
    assert done.status_code == 200, done.text
    assert done.json()["email"] == "gaertner@example.org"
    assert done.json()["programs"][0]["role"] == "influencer"
    assert visitor.get("/api/v1/me").status_code == 200, "signed in by the same request"
    visitor.headers["X-CSRF-Token"] = visitor.cookies.get("botschaft_csrf")
    assert visitor.patch("/api/v1/me", json={"locale": "en"}).status_code == 200

    again = new_client().post(
        "/api/v1/auth/password-links/redeem", json={"token": token, "password": NEW_PASSWORD}
    )
    _problem(again, 410, "token_used")
    _problem(
        new_client().post("/api/v1/auth/password-links/check", json={"token": token}),
        410,
        "token_used",
    )
    fresh = new_client()
    sign_in(fresh, Account(id=member["user_id"], email=member["email"], password=NEW_PASSWORD))

    listed = client.get(f"/api/v1/programs/{program}/members", params={"role": "influencer"})
    assert listed.json()["items"][0]["access"] == "active"
    actions = _actions(db)
    assert "auth.invitation_sent" in actions and "auth.password_set_by_invitation" in actions
    resend = client.post(f"/api/v1/programs/{program}/members/{member['id']}/invitation")
    _problem(resend, 409, "password_set")


def test_a_resent_invitation_replaces_the_old_link(client, db, new_client):
    program, core = _team(db)
    sign_in(client, core)
    member = _add(client, program)
    _, old = _link(_emails(db, "gaertner@example.org")[0])
    resent = client.post(f"/api/v1/programs/{program}/members/{member['id']}/invitation")
    assert resent.status_code == 200, resent.text
    assert resent.json()["access"] == "invited"
    mails = _emails(db, "gaertner@example.org")
    assert len(mails) == 2
    _, new = _link(mails[1])
    assert new != old
    _problem(
        new_client().post(
            "/api/v1/auth/password-links/redeem", json={"token": old, "password": NEW_PASSWORD}
        ),
        410,
        "token_replaced",
    )
    assert _password_hash(db, "gaertner@example.org") is None
    ok = new_client().post(
        "/api/v1/auth/password-links/redeem", json={"token": new, "password": NEW_PASSWORD}
    )
    assert ok.status_code == 200, ok.text
    assert "auth.invitation_resent" in _actions(db)


def test_expired_and_tampered_links_are_refused_with_their_reason(client, db, new_client):
    program, core = _team(db)
    sign_in(client, core)
    _add(client, program)
    _, token = _link(_emails(db, "gaertner@example.org")[0])

    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for path, body in (
        ("check", {"token": tampered}),
        ("redeem", {"token": tampered, "password": NEW_PASSWORD}),
    ):
        response = new_client().post(f"/api/v1/auth/password-links/{path}", json=body)
        _problem(response, 404, "token_invalid")
    malformed = new_client().post("/api/v1/auth/password-links/check", json={"token": "x/y"})
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "token"

    with db.session() as session:
        session.execute(update(AccountToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    expired = new_client().post(
        "/api/v1/auth/password-links/redeem", json={"token": token, "password": NEW_PASSWORD}
    )
    _problem(expired, 410, "token_expired")
    assert _password_hash(db, "gaertner@example.org") is None
    listed = client.get(f"/api/v1/programs/{program}/members", params={"role": "influencer"})
    assert listed.json()["items"][0]["access"] == "invitation_expired"


def test_forgot_password_answers_the_same_for_unknown_addresses(client, db, app, new_client):
    known = make_user(db, Role.influencer, email="ada@example.org", name="Ada Lovelace")
    answers = [
        new_client().post("/api/v1/auth/password-reset", json={"email": email})
        for email in ("Ada@Example.org", "nobody@example.org")
    ]
    assert [a.status_code for a in answers] == [202, 202]
    assert answers[0].json() == answers[1].json()
    assert _emails(db, "ada@example.org") == [], "the job sends it, not the request"
    run_jobs(app)
    assert _emails(db, "nobody@example.org") == []
    [mail] = _emails(db, "ada@example.org")
    assert mail.template == "auth.password_reset" and "60 Minuten" in mail.body
    kind, token = _link(mail)
    assert kind == "reset-password"
    with db.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "auth.password_reset_requested")
        ).all()
    assert [e.target_id for e in events] == [str(known.id)], "only existing accounts, audited"

    # A session opened before the reset ends with it; the old password stops working.
    before = sign_in(new_client(), known)
    visitor = new_client()
    done = visitor.post(
        "/api/v1/auth/password-links/redeem", json={"token": token, "password": NEW_PASSWORD}
    )
    assert done.status_code == 200, done.text
    assert before.get("/api/v1/me").status_code == 401
    assert visitor.get("/api/v1/me").status_code == 200
    old = new_client().post(
        "/api/v1/auth/login", json={"email": known.email, "password": known.password}
    )
    assert old.status_code == 401
    sign_in(new_client(), Account(id=known.id, email=known.email, password=NEW_PASSWORD))
    assert "auth.password_reset_done" in _actions(db)


def test_a_new_reset_link_replaces_the_older_one_and_expires_soon(db, app, new_client):
    make_user(db, Role.influencer, email="ada@example.org")
    for _ in range(2):
        new_client().post("/api/v1/auth/password-reset", json={"email": "ada@example.org"})
        run_jobs(app)
    first, second = (_link(m)[1] for m in _emails(db, "ada@example.org"))
    _problem(
        new_client().post("/api/v1/auth/password-links/check", json={"token": first}),
        410,
        "token_replaced",
    )
    with db.session() as session:
        row = session.scalars(
            select(AccountToken)
            .where(AccountToken.purpose == TokenPurpose.reset)
            .order_by(AccountToken.created_at.desc())
        ).first()
        lifetime = row.expires_at - row.created_at
    assert lifetime == timedelta(minutes=60)
    info = new_client().post("/api/v1/auth/password-links/check", json={"token": second})
    assert info.json()["purpose"] == "reset"


def test_forgot_password_is_rate_limited_per_email_and_per_address(db, new_client):
    make_user(db, Role.influencer, email="ada@example.org")
    visitor = new_client()
    for email in ("ada@example.org", "nobody@example.org"):
        codes = [
            visitor.post("/api/v1/auth/password-reset", json={"email": email}).status_code
            for _ in range(4)
        ]
        assert codes == [202, 202, 202, 429], "same for existing and unknown addresses"
    limited = visitor.post("/api/v1/auth/password-reset", json={"email": "ada@example.org"})
    _problem(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) > 0
    for n in range(14):  # 20 per address and hour: 6 used above
        visitor.post("/api/v1/auth/password-reset", json={"email": f"p{n}@example.org"})
    _problem(
        visitor.post("/api/v1/auth/password-reset", json={"email": "other@example.org"}),
        429,
        "rate_limited",
    )


@pytest.fixture
def sso_app(db, database_url, tmp_path, _smtp_server):
    settings = make_settings(
        database_url,
        tmp_path,
        oidc_issuer="https://idp.example.org",
        oidc_client_id="botschaft",
        oidc_client_secret="secret",
        **_smtp_server.settings_overrides(),
    )
    return create_app(settings, db, serve_spa=False)


def test_with_single_sign_on_the_invitation_links_to_it(db, sso_app):
    program, core = _team(db)
    client = sign_in(TestClient(sso_app, base_url="http://testserver"), core)
    member = _add(client, program)
    [mail] = _emails(db, "gaertner@example.org")
    assert mail.template == "auth.invitation_sso"
    assert "http://testserver/api/v1/auth/oidc/login" in mail.body
    assert not LINK.search(mail.body), "no password link for an SSO-only account"
    with db.session() as session:
        assert session.scalars(select(AccountToken)).all() == []
    assert member["access"] == "pending"

    # "Forgot password?" for an SSO-only account points to SSO, without a link.
    anonymous = TestClient(sso_app, base_url="http://testserver")
    assert (
        anonymous.post(
            "/api/v1/auth/password-reset", json={"email": "gaertner@example.org"}
        ).status_code
        == 202
    )
    run_jobs(sso_app)
    assert [m.template for m in _emails(db, "gaertner@example.org")][-1] == (
        "auth.password_reset_sso"
    )


def test_an_invitation_from_before_single_sign_on_leads_to_it(client, db, sso_app):
    program, core = _team(db)
    sign_in(client, core)
    _add(client, program)
    _, token = _link(_emails(db, "gaertner@example.org")[0])
    anonymous = TestClient(sso_app, base_url="http://testserver")
    info = anonymous.post("/api/v1/auth/password-links/check", json={"token": token})
    assert info.status_code == 200 and info.json()["sso"] is True
    refused = anonymous.post(
        "/api/v1/auth/password-links/redeem", json={"token": token, "password": NEW_PASSWORD}
    )
    _problem(refused, 409, "sso_only")
    assert _password_hash(db, "gaertner@example.org") is None


def test_a_password_set_by_an_administrator_ends_the_open_invitation(client, db, new_client):
    program, core = _team(db)
    sign_in(client, core)
    member = _add(client, program)
    _, token = _link(_emails(db, "gaertner@example.org")[0])
    admin = sign_in(new_client(), make_user(db, Role.admin))
    user = admin.get(f"/api/v1/users/{member['user_id']}").json()
    changed = admin.patch(
        f"/api/v1/users/{member['user_id']}",
        json={"version": user["version"], "password": NEW_PASSWORD},
    )
    assert changed.status_code == 200, changed.text
    _problem(
        new_client().post("/api/v1/auth/password-links/check", json={"token": token}),
        410,
        "token_replaced",
    )


def test_long_expired_links_and_done_reset_jobs_are_purged_daily(db, app):
    assert REGISTRY.periodic["auth.purge_account_tokens"] == timedelta(days=1)
    user = make_user(db, Role.influencer, password=False)
    TestClient(app, base_url="http://testserver").post(
        "/api/v1/auth/password-reset", json={"email": "typed@example.org"}
    )
    run_jobs(app)
    later = utcnow() + timedelta(days=2)
    with db.session() as session:
        for age in (31, 29):  # days since expiry: kept a month so a late click says "expired"
            session.add(
                AccountToken(
                    user_id=user.id,
                    purpose=TokenPurpose.invitation,
                    token_digest=f"{age:064d}",
                    expires_at=later - timedelta(days=age),
                )
            )
    with db.session() as session:
        purge_account_tokens(session, {}, JobContext(settings=app.state.settings, now=later))
    with db.session() as session:
        left = session.scalars(select(AccountToken.token_digest)).all()
        reset_jobs = session.scalars(select(Job).where(Job.kind == "auth.password_reset")).all()
    assert left == [f"{29:064d}"]
    assert reset_jobs == [], "the address typed in is not kept once the job is done"


def test_an_administrator_invites_an_account_outside_any_program(client, db, new_client):
    admin = sign_in(client, make_user(db, Role.admin, name="Armin Admin"))
    created = admin.post(
        "/api/v1/users",
        json={"email": "hr@example.org", "name": "Hanna Rat", "role": "hr_viewer", "locale": "en"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["access"] == "pending" and created.json()["has_password"] is False
    user_id = created.json()["id"]
    invited = admin.post(f"/api/v1/users/{user_id}/invitation")
    assert invited.status_code == 200, invited.text
    assert invited.json()["access"] == "invited"
    [mail] = _emails(db, "hr@example.org")
    assert mail.template == "auth.invitation_account" and mail.locale == "en"
    assert "Armin Admin has set up a Botschaft account for you" in mail.body
    listed = admin.get("/api/v1/users", params={"q": "hanna"}).json()["items"]
    assert listed[0]["access"] == "invited"
    _, token = _link(mail)
    done = new_client().post(
        "/api/v1/auth/password-links/redeem", json={"token": token, "password": NEW_PASSWORD}
    )
    assert done.status_code == 200, done.text
    _problem(admin.post(f"/api/v1/users/{user_id}/invitation"), 409, "password_set")
    assert _actions(db).count("auth.invitation_sent") == 1
