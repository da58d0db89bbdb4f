from __future__ import annotations

from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in


def _program_with_team(db):
    program = make_program(db, name="Pilot", hashtags=["#Pilot"], platforms=["linkedin"])
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    return program, core


def test_members_see_their_program_and_others_do_not(client, db, new_client):
    program, core = _program_with_team(db)
    outsider = make_user(db, Role.core_team)
    add_member(db, make_program(db), outsider, ProgramRole.core_team)
    sign_in(client, core)
    listed = client.get("/api/v1/programs").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == str(program)
    assert listed["items"][0]["member_counts"] == {"core_team": 1, "influencer": 0, "hr_viewer": 0}
    other = sign_in(new_client(), outsider)
    assert other.get(f"/api/v1/programs/{program}").status_code == 404
    assert other.get(f"/api/v1/programs/{program}/members").status_code == 404
    assert other.get("/api/v1/programs").json()["total"] == 1


def test_influencer_and_hr_cannot_edit_program_or_list_members(client, db):
    program, _ = _program_with_team(db)
    for role, program_role in (
        (Role.influencer, ProgramRole.influencer),
        (Role.hr_viewer, ProgramRole.hr_viewer),
    ):
        account = make_user(db, role)
        add_member(db, program, account, program_role)
        sign_in(client, account)
        data = client.get(f"/api/v1/programs/{program}").json()
        assert data["my_role"] == program_role.value
        assert (
            client.patch(
                f"/api/v1/programs/{program}", json={"name": "X", "version": data["version"]}
            ).status_code
            == 403
        )
        assert client.get(f"/api/v1/programs/{program}/members").status_code == 403


def test_core_team_edits_program_with_optimistic_locking(client, db, new_client):
    program, core = _program_with_team(db)
    second = make_user(db, Role.core_team)
    add_member(db, program, second, ProgramRole.core_team)
    sign_in(client, core)
    other = sign_in(new_client(), second)
    version = client.get(f"/api/v1/programs/{program}").json()["version"]
    first = client.patch(
        f"/api/v1/programs/{program}",
        json={
            "target_posts_per_month": 4,
            "version": version,
            "hashtags": ["WirSindStadt", "#wirsindstadt"],
        },
    )
    assert first.status_code == 200
    assert first.json()["hashtags"] == ["#WirSindStadt"] and first.json()["version"] == version + 1
    lost = other.patch(
        f"/api/v1/programs/{program}", json={"target_posts_per_month": 9, "version": version}
    )
    assert lost.status_code == 409
    assert client.get(f"/api/v1/programs/{program}").json()["target_posts_per_month"] == 4


def test_program_validation_names_the_field(client, db):
    program, core = _program_with_team(db)
    sign_in(client, core)
    version = client.get(f"/api/v1/programs/{program}").json()["version"]
    bad_tz = client.patch(
        f"/api/v1/programs/{program}", json={"timezone": "Mars/Olympus", "version": version}
    )
    assert bad_tz.status_code == 422 and bad_tz.json()["errors"][0]["field"] == "timezone"
    period = client.patch(
        f"/api/v1/programs/{program}",
        json={"starts_on": "2026-06-01", "ends_on": "2026-01-01", "version": version},
    )
    assert period.status_code == 422
    unknown = client.patch(f"/api/v1/programs/{program}", json={"id": "x", "version": version})
    assert unknown.status_code == 422 and unknown.json()["errors"][0] == {
        "field": "id",
        "message": "Unknown field",
        "type": "extra_forbidden",
    }


def test_core_team_adds_lists_and_removes_members(client, db):
    program, core = _program_with_team(db)
    sign_in(client, core)
    added = client.post(
        f"/api/v1/programs/{program}/members",
        json={
            "email": "Thomas.Bauer@example.org",
            "name": "Thomas Bauer",
            "role": "influencer",
            "occupation": "Gärtnermeister",
            "department": "Gartenbauamt",
        },
    )
    assert added.status_code == 201 and added.json()["email"] == "thomas.bauer@example.org"
    again = client.post(
        f"/api/v1/programs/{program}/members",
        json={"email": "thomas.bauer@example.org", "name": "Thomas Bauer", "role": "influencer"},
    )
    assert again.status_code == 409
    members = client.get(
        f"/api/v1/programs/{program}/members", params={"role": "influencer"}
    ).json()
    assert members["total"] == 1 and members["items"][0]["occupation"] == "Gärtnermeister"
    found = client.get(f"/api/v1/programs/{program}/members", params={"q": "gärtner"}).json()
    assert found["total"] == 1
    member_id = added.json()["id"]
    assert client.delete(f"/api/v1/programs/{program}/members/{member_id}").status_code == 204
    assert (
        client.get(f"/api/v1/programs/{program}/members", params={"role": "influencer"}).json()[
            "total"
        ]
        == 0
    )


def test_last_core_team_member_cannot_leave(client, db):
    program, core = _program_with_team(db)
    sign_in(client, core)
    me = client.get(f"/api/v1/programs/{program}/members").json()["items"][0]
    assert client.delete(f"/api/v1/programs/{program}/members/{me['id']}").status_code == 409
    assert (
        client.patch(
            f"/api/v1/programs/{program}/members/{me['id']}", json={"role": "influencer"}
        ).status_code
        == 409
    )


def test_member_of_other_program_cannot_be_touched(client, db):
    program, core = _program_with_team(db)
    other_program = make_program(db)
    stranger = make_user(db)
    stranger_member = add_member(db, other_program, stranger, ProgramRole.influencer)
    sign_in(client, core)
    assert client.delete(f"/api/v1/programs/{program}/members/{stranger_member}").status_code == 404


def test_admin_creates_program(client, db):
    sign_in(client, make_user(db, Role.admin))
    created = client.post(
        "/api/v1/programs",
        json={"name": "Zweite Welle", "slug": "zweite-welle", "platforms": ["linkedin", "tiktok"]},
    )
    assert created.status_code == 201 and created.json()["timezone"] == "Europe/Berlin"
    assert (
        client.post("/api/v1/programs", json={"name": "Dup", "slug": "zweite-welle"}).status_code
        == 409
    )
    assert (
        client.post("/api/v1/programs", json={"name": "Bad", "slug": "Not A Slug"}).status_code
        == 422
    )
    assert (
        client.post(
            "/api/v1/programs", json={"name": "P", "slug": "p2", "platforms": ["myspace"]}
        ).status_code
        == 422
    )


def test_program_role_changes_are_audited_with_actor_and_target(client, db):
    from sqlalchemy import select

    from botschaft.audit.models import AuditEvent

    program, core = _program_with_team(db)
    person = make_user(db)
    member_id = add_member(db, program, person, ProgramRole.influencer)
    sign_in(client, core)
    url = f"/api/v1/programs/{program}/members"
    me = next(m for m in client.get(url).json()["items"] if m["email"] == core.email)
    # Refused (the program would have no core team left): nothing is logged.
    assert client.patch(f"{url}/{me['id']}", json={"role": "influencer"}).status_code == 409
    assert client.patch(f"{url}/{member_id}", json={"role": "core_team"}).status_code == 200
    assert client.patch(f"{url}/{me['id']}", json={"role": "influencer"}).status_code == 200
    with db.session() as session:
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action == "program.member_role_changed")
            .order_by(AuditEvent.at)
        ).all()
    assert [(e.actor_id, e.target_id, e.program_id, e.details) for e in events] == [
        (core.id, str(person.id), program, {"from": "influencer", "to": "core_team"}),
        (core.id, str(core.id), program, {"from": "core_team", "to": "influencer"}),
    ]


def _wizard(**overrides) -> dict:
    body = {
        "name": "Zweite Welle",
        "slug": "zweite-welle",
        "starts_on": "2027-01-01",
        "ends_on": "2027-06-30",
        "timezone": "Europe/Berlin",
        "platforms": ["linkedin", "instagram"],
        "hashtags": ["#WirSindMusterstadt"],
        "target_posts_per_month": 2,
        "people": [
            {"email": "kern@example.org", "name": "Kim Kern", "role": "core_team"},
            {"email": "hr@example.org", "name": "Hanna Rat", "role": "hr_viewer"},
        ],
    }
    body.update(overrides)
    return body


def test_a_program_starts_with_its_core_team_and_hr_viewers_invited(client, db):
    from sqlalchemy import select

    from botschaft.notifications.models import EmailMessage as Email

    existing = make_user(db, Role.core_team, email="alt@example.org", name="Alex Alt")
    sign_in(client, make_user(db, Role.admin))
    people = [*_wizard()["people"], {"email": existing.email, "name": "x", "role": "core_team"}]
    created = client.post("/api/v1/programs", json=_wizard(people=people))
    assert created.status_code == 201, created.text
    program = created.json()
    assert program["member_counts"] == {"core_team": 2, "hr_viewer": 1, "influencer": 0}
    members = client.get(f"/api/v1/programs/{program['id']}/members").json()["items"]
    by_email = {m["email"]: m for m in members}
    assert by_email["kern@example.org"]["role"] == "core_team"
    assert by_email["kern@example.org"]["access"] == "invited"  # a new account: invited
    assert by_email["hr@example.org"]["role"] == "hr_viewer"
    assert by_email[existing.email]["name"] == "Alex Alt"  # an existing account keeps its name
    with db.session() as session:
        invited = session.scalars(
            select(Email.to_address).where(Email.template == "auth.invitation")
        )
        assert sorted(invited) == ["hr@example.org", "kern@example.org"]


def test_a_wizard_that_names_a_person_twice_or_an_influencer_leaves_nothing(client, db):
    from sqlalchemy import func, select

    from botschaft.identity.models import User
    from botschaft.tenancy.models import Program

    sign_in(client, make_user(db, Role.admin))
    twice = _wizard(
        people=[
            {"email": "kern@example.org", "name": "Kim Kern", "role": "core_team"},
            {"email": "KERN@example.org", "name": "Kim Kern", "role": "hr_viewer"},
        ]
    )
    influencer = _wizard(people=[{"email": "i@example.org", "name": "I", "role": "influencer"}])
    reversed_period = _wizard(starts_on="2027-06-30", ends_on="2027-01-01")
    no_name = _wizard(name="")
    for body, field in (
        (twice, "people"),
        (influencer, "people"),
        (reversed_period, None),
        (no_name, "name"),
    ):
        answer = client.post("/api/v1/programs", json=body)
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        if field:
            fields = {e["field"].split("[")[0].split(".")[0] for e in answer.json()["errors"]}
            assert field in fields, answer.json()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Program)) == 0
        assert session.scalar(select(func.count()).where(User.email == "kern@example.org")) == 0
