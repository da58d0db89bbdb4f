"""Applicant questions: influencers note what people ask them (never who asked), the core team
groups them into topics, sees the counts per month and turns a topic into a briefing; the KPIs
name the most asked topics, for HR leadership only from enough people."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from botschaft.briefings.models import Briefing
from botschaft.identity.models import Role
from botschaft.questions.models import ApplicantQuestion
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.clock import local_today
from tests.support.factories import add_post

TODAY = local_today()
START = TODAY - timedelta(days=200)
# In whole months before this one: HR leadership reads whole months only.
LAST_MONTH = TODAY.replace(day=1) - timedelta(days=5)


@pytest.fixture
def world(db):
    program = make_program(db, starts_on=START, min_group_size=3)
    core, hr = make_user(db, Role.core_team), make_user(db, Role.hr_viewer)
    add_member(db, program, core, ProgramRole.core_team)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    people = [make_user(db, name=f"Person {n}") for n in range(4)]
    members = [add_member(db, program, person, ProgramRole.influencer) for person in people]
    # Everyone posts in the months the questions are from, so HR leadership sees those months.
    with db.session() as session:
        for n, member in enumerate(members):
            for back in (0, 40):
                link = f"https://www.linkedin.com/posts/p{n}-activity-71000000000000{back:03d}{n}"
                add_post(
                    session,
                    program_id=program,
                    member_id=member,
                    url=link,
                    normalized_url=link,
                    platform="linkedin",
                    published_on=LAST_MONTH - timedelta(days=back),
                )
    return program, core, hr, people


def _rows(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(ApplicantQuestion))


def test_questions_are_noted_sorted_into_topics_and_turned_into_a_briefing(
    client, new_client, db, world
):
    program, core, hr, people = world
    url = f"/api/v1/programs/{program}/questions"
    asked = {}
    for n, (person, text) in enumerate(
        [
            (people[0], "Darf man als Polizistin Tattoos haben?"),
            (people[1], "Sind sichtbare Tattoos erlaubt?"),
            (people[2], "Tattoos an den Unterarmen – geht das?"),
            (people[2], "Brauche ich Abitur?"),
        ]
    ):
        me = sign_in(new_client(), person)
        day = LAST_MONTH - timedelta(days=40 * (n % 2))
        made = me.post(url, json={"text": text, "asked_on": str(day)})
        assert made.status_code == 201, made.text
        assert made.json()["mine"] is True and made.json()["topic_id"] is None
        asked[text] = made.json()["id"]
    # Each influencer sees their own only.
    mine = sign_in(new_client(), people[0]).get(url).json()
    assert [q["text"] for q in mine["items"]] == ["Darf man als Polizistin Tattoos haben?"]

    team = sign_in(client, core)
    assert team.get(url).json()["total"] == 4
    tattoos = team.post(f"{url}/topics", json={"name": "Tattoos"})
    assert tattoos.status_code == 201, tattoos.text
    topic = tattoos.json()["id"]
    again = team.post(f"{url}/topics", json={"name": "Tattoos"})
    assert again.status_code == 422 and again.json()["errors"][0]["type"] == "duplicate"
    for text in (
        "Darf man als Polizistin Tattoos haben?",
        "Sind sichtbare Tattoos erlaubt?",
        "Tattoos an den Unterarmen – geht das?",
    ):
        moved = team.patch(f"{url}/{asked[text]}", json={"topic_id": topic})
        assert moved.status_code == 200 and moved.json()["topic_id"] == topic

    topics = team.get(f"{url}/topics").json()
    assert [(t["name"], t["questions"]) for t in topics] == [("Tattoos", 3), (None, 1)]
    months = {m["month"]: m["questions"] for m in topics[0]["months"]}
    assert len(months) == 6 and sum(months.values()) == 3
    assert months[f"{LAST_MONTH:%Y-%m}"] == 2
    assert team.get(url, params={"unsorted": "true"}).json()["total"] == 1
    assert team.get(url, params={"topic_id": topic}).json()["total"] == 3

    made = team.post(f"{url}/topics/{topic}/briefing", json={"kind": "faq"})
    assert made.status_code == 201, made.text
    with db.session() as session:
        briefing = session.get(Briefing, uuid.UUID(made.json()))
        assert (briefing.title, briefing.status, briefing.kind) == (
            "Tattoos",
            "suggested",
            "briefing",
        )
        assert "- Sind sichtbare Tattoos erlaubt?" in briefing.body
        assert briefing.stance == "info"
    twice = team.post(f"{url}/topics/{topic}/briefing", json={"kind": "idea"})
    assert twice.status_code == 409 and twice.json()["type"].endswith("/already_turned")
    assert [t["briefing_id"] for t in team.get(f"{url}/topics").json()][0] == made.json()

    # The KPIs name the topic; HR sees it because three people noted questions in it.
    period = {"from": str(START), "to": str(TODAY)}
    kpis = team.get(f"/api/v1/programs/{program}/kpis", params=period).json()
    assert kpis["top_questions"] == [{"topic": "Tattoos", "questions": 3}]
    leader = sign_in(new_client(), hr)
    # (HR leadership reads whole months: the program's period up to today by default.)
    seen = leader.get(f"/api/v1/programs/{program}/kpis").json()
    assert seen["top_questions"] == [{"topic": "Tattoos", "questions": 3}]
    export = leader.get(f"/api/v1/programs/{program}/kpis/export", params={"format": "csv"})
    assert export.status_code == 200 and "Tattoos" in export.text
    # The report (the monthly email's PDF) carries them too.
    report = leader.get(f"/api/v1/programs/{program}/kpis/report.pdf", params={"lang": "en"})
    assert report.status_code == 200, report.text
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.content)).pages)
    assert "Frequent questions" in text and "Tattoos" in text

    # Deleting the topic keeps its questions, without a topic.
    assert team.delete(f"{url}/topics/{topic}").status_code == 204
    assert _rows(db) == 4
    assert [(t["name"], t["questions"]) for t in team.get(f"{url}/topics").json()] == [(None, 4)]


def test_hr_sees_no_topics_from_fewer_people_than_the_minimum(client, new_client, db, world):
    program, core, hr, people = world
    url = f"/api/v1/programs/{program}/questions"
    team = sign_in(client, core)
    topic = team.post(f"{url}/topics", json={"name": "Abitur"}).json()["id"]
    # Two people in the months HR sees: under the minimum of three. A third person's question
    # without a topic, and a fourth's in the running month (HR does not see it yet), change
    # nothing: the rule counts the people behind the topic, in HR's months.
    for person, day in ((people[0], LAST_MONTH), (people[1], LAST_MONTH), (people[3], TODAY)):
        body = {"text": "Brauche ich Abitur?", "asked_on": str(day)}
        q = sign_in(new_client(), person).post(url, json=body).json()
        team.patch(f"{url}/{q['id']}", json={"topic_id": topic})
    body = {"text": "Gibt es ein Jobticket?", "asked_on": str(LAST_MONTH)}
    assert sign_in(new_client(), people[2]).post(url, json=body).status_code == 201
    period = {"from": str(START), "to": str(TODAY)}
    assert team.get(f"/api/v1/programs/{program}/kpis", params=period).json()["top_questions"]
    seen = sign_in(new_client(), hr).get(f"/api/v1/programs/{program}/kpis")
    assert seen.json()["top_questions"] == []
    assert seen.json()["suppressed"]["top_questions"] == "fewer_than_min_group"


def test_only_the_core_team_sorts_and_nobody_else_sees_a_question(client, new_client, db, world):
    program, core, hr, people = world
    url = f"/api/v1/programs/{program}/questions"
    ada = sign_in(client, people[0])
    qid = ada.post(url, json={"text": "Gibt es Teilzeit?"}).json()["id"]
    team = sign_in(new_client(), core)
    topic = team.post(f"{url}/topics", json={"name": "Arbeitszeit"}).json()["id"]
    assert ada.patch(f"{url}/{qid}", json={"topic_id": topic}).status_code == 403
    assert ada.post(url, json={"text": "Und Homeoffice?", "topic_id": topic}).status_code == 403
    assert ada.get(f"{url}/topics").status_code == 403
    bob = sign_in(new_client(), people[1])
    assert bob.get(url).json()["items"] == []
    assert bob.patch(f"{url}/{qid}", json={"text": "x y z"}).status_code == 404
    assert bob.delete(f"{url}/{qid}").status_code == 404
    assert sign_in(new_client(), hr).get(url).status_code == 403
    nowhere = "00000000-0000-0000-0000-000000000001"
    unknown = team.patch(f"{url}/{qid}", json={"topic_id": nowhere})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "topic_id"
    assert team.delete(f"{url}/topics/{nowhere}").status_code == 404
    edited = ada.patch(f"{url}/{qid}", json={"text": "Gibt es Teilzeit in der Ausbildung?"})
    assert edited.json()["text"] == "Gibt es Teilzeit in der Ausbildung?"
    assert ada.delete(f"{url}/{qid}").status_code == 204 and _rows(db) == 0


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({}, "text", "missing"),
        ({"text": "ab"}, "text", "too_short"),
        ({"text": "x" * 301}, "text", "too_long"),
        ({"text": "Zwei\nZeilen?"}, "text", None),
        ({"text": "Morgen?", "asked_on": str(TODAY + timedelta(days=1))}, "asked_on", None),
        ({"text": "Wann?", "post_id": "00000000-0000-0000-0000-000000000001"}, "post_id", None),
    ],
)
def test_bad_questions_are_refused_and_nothing_is_written(client, db, world, body, field, code):
    program, _, _, people = world
    sign_in(client, people[0])
    answer = client.post(f"/api/v1/programs/{program}/questions", json=body)
    assert answer.status_code == 422, answer.text
    error = answer.json()["errors"][0]
    assert error["field"] == field and (code is None or error["type"] == code)
    assert _rows(db) == 0
