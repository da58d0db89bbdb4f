from __future__ import annotations

from datetime import date

from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import Account, add_member, make_program, make_user, sign_in


def test_me_lists_roles_and_programs(client, db):
    account = make_user(db, Role.influencer, name="Aylin Yılmaz")
    program = make_program(db, name="Pilot", starts_on=date(2026, 3, 1))
    add_member(db, program, account, ProgramRole.influencer)
    sign_in(client, account)
    me = client.get("/api/v1/me").json()
    assert me["name"] == "Aylin Yılmaz" and me["role"] == "influencer"
    assert me["programs"] == [
        {
            "id": str(program),
            "name": "Pilot",
            "slug": me["programs"][0]["slug"],
            "role": "influencer",
            "starts_on": "2026-03-01",
            "ends_on": None,
        }
    ]


def test_update_my_language(client, db):
    sign_in(client, make_user(db))
    assert client.patch("/api/v1/me", json={"locale": "en"}).json()["locale"] == "en"
    assert client.patch("/api/v1/me", json={"locale": "fr"}).status_code == 422
    assert (
        client.patch("/api/v1/me", json={"role": "admin"}).status_code == 422
    )  # no mass assignment


def test_only_admins_manage_users(client, db):
    sign_in(client, make_user(db, Role.core_team))
    assert client.get("/api/v1/users").status_code == 403
    assert (
        client.post(
            "/api/v1/users", json={"email": "a@example.org", "name": "A", "role": "admin"}
        ).status_code
        == 403
    )


def test_admin_creates_user_with_password_rules(client, db, new_client):
    sign_in(client, make_user(db, Role.admin))
    weak = client.post(
        "/api/v1/users",
        json={"email": "new@example.org", "name": "New", "role": "influencer", "password": "short"},
    )
    assert weak.status_code == 422
    assert weak.json()["errors"][0]["field"] == "password"
    common = client.post(
        "/api/v1/users",
        json={
            "email": "new@example.org",
            "name": "New",
            "role": "influencer",
            "password": "password1234",
        },
    )
    assert common.status_code == 422
    created = client.post(
        "/api/v1/users",
        json={
            "email": "New@Example.org",
            "name": "New",
            "role": "influencer",
            "password": "a-long-and-unusual-passphrase",
        },
    )
    assert created.status_code == 201
    assert created.json()["email"] == "new@example.org" and created.json()["has_password"] is True
    duplicate = client.post(
        "/api/v1/users", json={"email": "new@example.org", "name": "Again", "role": "influencer"}
    )
    assert duplicate.status_code == 409
    other = new_client()
    assert (
        other.post(
            "/api/v1/auth/login",
            json={"email": "new@example.org", "password": "a-long-and-unusual-passphrase"},
        ).status_code
        == 200
    )


def test_user_list_is_paginated_and_searchable(client, db):
    admin = make_user(db, Role.admin, name="Admin Person")
    for n in range(5):
        make_user(db, name=f"Searchable {n}")
    sign_in(client, admin)
    page = client.get("/api/v1/users", params={"q": "searchable", "per_page": 2, "page": 2}).json()
    assert page["total"] == 5 and page["page"] == 2 and page["per_page"] == 2
    assert [u["name"] for u in page["items"]] == ["Searchable 2", "Searchable 3"]
    assert client.get("/api/v1/users", params={"per_page": 1000}).status_code == 422


def test_role_change_needs_current_version_and_ends_sessions(client, db, new_client):
    admin = make_user(db, Role.admin)
    target = make_user(db, Role.influencer)
    target_client = sign_in(new_client(), target)
    sign_in(client, admin)
    user = client.get(f"/api/v1/users/{target.id}").json()
    changed = client.patch(
        f"/api/v1/users/{target.id}", json={"role": "core_team", "version": user["version"]}
    )
    assert changed.status_code == 200 and changed.json()["role"] == "core_team"
    stale = client.patch(
        f"/api/v1/users/{target.id}", json={"role": "hr_viewer", "version": user["version"]}
    )
    assert stale.status_code == 409
    assert target_client.get("/api/v1/me").status_code == 401
    audit = client.get("/api/v1/audit-events", params={"action": "user.role_changed"}).json()
    assert audit["total"] == 1 and audit["items"][0]["details"] == {
        "from": "influencer",
        "to": "core_team",
    }


def test_admin_cannot_demote_themself(client, db):
    admin = make_user(db, Role.admin)
    sign_in(client, admin)
    me = client.get(f"/api/v1/users/{admin.id}").json()
    response = client.patch(
        f"/api/v1/users/{admin.id}", json={"role": "influencer", "version": me["version"]}
    )
    assert response.status_code == 409


def test_audit_log_is_admin_only(client, db):
    sign_in(client, make_user(db, Role.hr_viewer))
    assert client.get("/api/v1/audit-events").status_code == 403


def test_unknown_user_is_404(client, db):
    sign_in(client, make_user(db, Role.admin))
    assert client.get("/api/v1/users/00000000-0000-7000-8000-000000000000").status_code == 404
    assert client.get("/api/v1/users/not-a-uuid").status_code == 422


def test_password_set_deactivation_and_reactivation_are_audited(client, db, new_client):
    admin = make_user(db, Role.admin)
    target = make_user(db, Role.influencer)
    sign_in(client, admin)

    def patch(**changes):
        version = client.get(f"/api/v1/users/{target.id}").json()["version"]
        response = client.patch(f"/api/v1/users/{target.id}", json={**changes, "version": version})
        assert response.status_code == 200, response.text

    def events(action):
        return client.get("/api/v1/audit-events", params={"action": action}).json()["items"]

    new_password = "a-fresh-and-long-passphrase-7"
    patch(password=new_password)
    patch(is_active=False)
    patch(is_active=True)
    patch(name="Renamed Person")  # no access change: no event
    # A refused change (weak password, together with a deactivation) leaves no event behind.
    version = client.get(f"/api/v1/users/{target.id}").json()["version"]
    refused = client.patch(
        f"/api/v1/users/{target.id}",
        json={"password": "password1234", "is_active": False, "version": version},
    )
    assert refused.status_code == 422
    for action in ("user.password_set", "user.deactivated", "user.activated"):
        (event,) = events(action)
        assert event["actor_id"] == str(admin.id) and event["target_id"] == str(target.id)
        assert new_password not in str(event)
    # The password really changed in the same request (the event is not a promise).
    assert sign_in(new_client(), Account(target.id, target.email, new_password))
