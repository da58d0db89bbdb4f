"""Cohorts, the influencer lifecycle, teams, modules and progress."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from botschaft.identity.models import Role
from botschaft.learning.models import Module, ModuleProgress
from botschaft.teams.models import Team, TeamMember
from botschaft.tenancy.models import Cohort, Program, ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.factories import make_team


@pytest.fixture
def team(db):
    return make_team(db)


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def _problem_field(response) -> str:
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()["errors"][0]["field"]


# --- cohorts and lifecycle -------------------------------------------------------------------


def test_cohorts_pilot_then_recall_and_alumni_come_back(client, new_client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}"
    pilot = client.post(f"{base}/cohorts", json={"name": "Pilot", "kind": "pilot"}).json()
    recall = client.post(f"{base}/cohorts", json={"name": "Re-Call", "kind": "recall"}).json()
    ada = people["ada"][1]
    moved = client.put(f"{base}/members/{ada}/cohort", json={"cohort_id": pilot["id"]})
    assert moved.status_code == 200 and moved.json()["cohort_id"] == pilot["id"]

    ada_client = sign_in(new_client(), people["ada"][0])
    assert (
        ada_client.post(f"{base}/members/{ada}/status", json={"status": "paused"}).json()["status"]
        == "paused"
    )
    assert (
        ada_client.post(f"{base}/members/{ada}/status", json={"status": "active"}).json()["status"]
        == "active"
    )
    left = ada_client.post(f"{base}/members/{ada}/status", json={"status": "alumni"})
    assert left.json()["status"] == "alumni"
    # Leaving is final for the influencer; the core team can invite them to a re-call.
    again = ada_client.post(f"{base}/members/{ada}/status", json={"status": "active"})
    assert again.status_code == 409 and _problem_field(again) == "status"
    wrong = client.put(f"{base}/members/{ada}/cohort", json={"cohort_id": pilot["id"]})
    assert wrong.status_code == 409 and _problem_field(wrong) == "cohort_id"
    back = client.put(f"{base}/members/{ada}/cohort", json={"cohort_id": recall["id"]}).json()
    assert (back["status"], back["cohort_id"]) == ("active", recall["id"])
    listed = {c["name"]: c["member_count"] for c in client.get(f"{base}/cohorts").json()}
    assert listed == {"Pilot": 0, "Re-Call": 1}


def test_an_influencer_cannot_change_another_ones_status(client, db, team):
    program, people = team
    sign_in(client, people["ada"][0])
    response = client.post(
        f"/api/v1/programs/{program}/members/{people['bob'][1]}/status", json={"status": "alumni"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "X", "kind": "bogus"}, "kind"),
        ({"name": "X", "starts_on": "2026-05-01", "ends_on": "2026-04-01"}, None),
    ],
)
def test_bad_cohorts_are_refused(client, db, team, body, field):
    program, people = team
    sign_in(client, people["core"][0])
    response = client.post(f"/api/v1/programs/{program}/cohorts", json=body)
    assert response.status_code == 422
    if field:
        assert _problem_field(response) == field
    assert _count(db, Cohort) == 0


def test_a_duplicate_cohort_name_and_a_stale_version_conflict(client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/cohorts"
    first = client.post(base, json={"name": "Pilot"}).json()
    dup = client.post(base, json={"name": "Pilot"})
    assert dup.status_code == 409 and _problem_field(dup) == "name"
    assert (
        client.patch(f"{base}/{first['id']}", json={"version": 1, "kind": "wave"}).json()["kind"]
        == "wave"
    )
    stale = client.patch(f"{base}/{first['id']}", json={"version": 1, "name": "Welle"})
    assert stale.status_code == 409
    assert client.delete(f"{base}/{first['id']}").status_code == 204
    assert _count(db, Cohort) == 0


# --- teams -----------------------------------------------------------------------------------


def test_teams_hold_influencers_of_the_program_only(client, db, team):
    program, people = team
    other = make_program(db)
    outsider = make_user(db, Role.influencer)
    outsider_member = add_member(db, other, outsider, ProgramRole.influencer)
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/teams"
    created = client.post(base, json={"name": "Multiplikatoren", "profile": "Viel Reichweite"})
    assert created.status_code == 201
    team_id = created.json()["id"]
    ok = client.put(f"{base}/{team_id}/members", json={"member_ids": [str(people["ada"][1])]})
    assert ok.json()["member_ids"] == [str(people["ada"][1])]
    for bad in (outsider_member, people["hr"][1]):
        refused = client.put(
            f"{base}/{team_id}/members",
            json={"member_ids": [str(people["bob"][1]), str(bad)]},
        )
        assert refused.status_code == 422 and _problem_field(refused) == "member_ids"
    with db.session() as session:
        assert session.scalars(select(TeamMember.member_id)).all() == [people["ada"][1]]
    dup = client.post(base, json={"name": "Multiplikatoren"})
    assert dup.status_code == 409 and _problem_field(dup) == "name"
    assert client.delete(f"{base}/{team_id}").status_code == 204
    assert (_count(db, Team), _count(db, TeamMember)) == (0, 0)


# --- modules and progress --------------------------------------------------------------------


def test_template_progress_and_the_matrix(client, new_client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/modules"
    created = client.post(f"{base}/template")
    assert [m["title"] for m in created.json()] == [
        "Personal Branding",
        "Content Creation",
        "Rechtliche Grundlagen",
    ]
    assert client.post(f"{base}/template").json() == [], "the template is applied once"
    first = created.json()[0]["id"]

    ada = sign_in(new_client(), people["ada"][0])
    started = ada.put(f"{base}/{first}/progress", json={"state": "started"}).json()
    assert started["my_progress"]["state"] == "started"
    done = ada.put(
        f"{base}/{first}/progress", json={"state": "done", "rating": 5, "comment": "Super"}
    ).json()["my_progress"]
    assert (done["state"], done["rating"], done["comment"]) == ("done", 5, "Super")
    assert done["started_at"] and done["done_at"]
    bad = ada.put(f"{base}/{first}/progress", json={"state": "done", "rating": 9})
    assert bad.status_code == 422 and _problem_field(bad) == "rating"

    bob = sign_in(new_client(), people["bob"][0])
    mine = bob.get(base).json()
    assert [m["my_progress"]["state"] for m in mine] == ["not_started"] * 3, "not Ada's"

    matrix = client.get(f"{base}/progress").json()
    rows = {r["name"]: r["states"] for r in matrix["rows"]}
    assert rows["Ada"][first] == "done" and rows["Bob"][first] == "not_started"
    assert set(rows) == {"Ada", "Bob"}, "only influencers"


def test_modules_of_another_cohort_are_hidden_from_an_influencer(client, new_client, db, team):
    program, people = team
    with db.session() as session:
        cohort = Cohort(program_id=program, name="Welle 2", kind="wave")
        session.add(cohort)
        session.flush()
        cohort_id = cohort.id
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/modules"
    module = client.post(base, json={"title": "Nur Welle 2", "cohort_id": str(cohort_id)}).json()
    ada = sign_in(new_client(), people["ada"][0])
    assert ada.get(base).json() == []
    assert ada.put(f"{base}/{module['id']}/progress", json={"state": "done"}).status_code == 404
    assert _count(db, ModuleProgress) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        (
            {
                "title": "Live",
                "session_starts_at": "2026-03-03T10:00:00+01:00",
                "session_ends_at": "2026-03-03T09:00:00+01:00",
            },
            "session_ends_at",
        ),
        ({"title": "Live", "session_starts_at": "2026-03-03T10:00:00"}, "session_starts_at"),
        ({"title": "M", "materials": [{"title": "x", "url": "javascript:alert(1)"}]}, None),
        ({"title": "M", "effort_minutes": 0}, "effort_minutes"),
    ],
)
def test_bad_modules_are_refused(client, db, team, body, field):
    program, people = team
    sign_in(client, people["core"][0])
    response = client.post(f"/api/v1/programs/{program}/modules", json=body)
    assert response.status_code == 422, response.text
    if field:
        assert _problem_field(response) == field
    else:
        assert _problem_field(response).startswith("materials")
    assert _count(db, Module) == 0


def test_a_module_update_keeps_the_version_rule(client, db, team):
    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/modules"
    module = client.post(
        base,
        json={
            "title": "Recht",
            "materials": [{"title": "Leitfaden", "url": "https://example.org/recht.pdf"}],
            "session_starts_at": "2026-03-03T10:00:00+01:00",
            "session_ends_at": "2026-03-03T12:00:00+01:00",
        },
    ).json()
    assert module["materials"] == [{"title": "Leitfaden", "url": "https://example.org/recht.pdf"}]
    assert datetime.fromisoformat(module["session_starts_at"]) == datetime(
        2026, 3, 3, 9, tzinfo=UTC
    )
    updated = client.patch(f"{base}/{module['id']}", json={"version": 1, "due_on": "2026-04-01"})
    assert updated.json()["due_on"] == "2026-04-01"
    late = client.patch(
        f"{base}/{module['id']}",
        json={"version": 2, "session_ends_at": "2026-03-03T08:00:00+01:00"},
    )
    assert late.status_code == 422 and _problem_field(late) == "session_ends_at"
    stale = client.patch(f"{base}/{module['id']}", json={"version": 1, "title": "Neu"})
    assert stale.status_code == 409


def test_a_reminder_goes_to_active_influencers_who_have_not_finished(
    client, new_client, db, settings, smtp_server, team
):
    from tests.support.jobs import run_jobs
    from tests.support.smtp import body_text

    program, people = team
    sign_in(client, people["core"][0])
    base = f"/api/v1/programs/{program}/modules"
    module = client.post(base, json={"title": "Recht", "due_on": "2026-01-31"}).json()
    no_due = client.post(base, json={"title": "Ohne Termin"}).json()
    refused = client.post(f"{base}/{no_due['id']}/remind")
    assert refused.status_code == 409 and _problem_field(refused) == "due_on"
    ada = sign_in(new_client(), people["ada"][0])
    ada.put(f"{base}/{module['id']}/progress", json={"state": "done"})
    assert client.post(f"{base}/{module['id']}/remind").json() == {"reminded": 1}
    run_jobs(db, settings)
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == people["bob"][0].email
    assert "Recht" in mail["Subject"] and "31.01.2026" in body_text(mail)
    # The link opens the SPA's learning page of the program (a path the SPA knows).
    with db.session() as session:
        slug = session.get(Program, program).slug
    assert f"/p/{slug}/learning" in body_text(mail)


def test_the_demo_has_modules_check_ins_with_attendance_and_briefings(db):
    from botschaft.briefings.models import Briefing
    from botschaft.demo.service import load_demo
    from botschaft.meetings.models import Meeting, MeetingInvitation

    with db.session() as session:
        load_demo(session)
    with db.session() as session:
        load_demo(session)  # idempotent
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Module)) == 3
        kinds = sorted(session.scalars(select(Meeting.kind)))
        assert kinds.count("check_in") == 4 and kinds.count("network") == 1
        attended = session.scalar(select(func.count()).where(MeetingInvitation.attended.is_(True)))
        assert attended > 0
        assert session.scalar(select(func.count()).select_from(Briefing)) == 6
