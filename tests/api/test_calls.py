"""Calls and their questionnaire, as the core team builds them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.calls import application, open_call


def _draft(client, db, **fields):
    program = make_program(db)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    sign_in(client, core)
    now = datetime.now(UTC)
    body = {
        "title": "Aufruf",
        "opens_at": now.isoformat(),
        "closes_at": (now + timedelta(days=7)).isoformat(),
        **fields,
    }
    response = client.post(f"/api/v1/programs/{program}/calls", json=body)
    return program, response


def test_a_call_from_the_reference_template_has_its_questions_and_dimensions(client, db):
    _, response = _draft(client, db, template="reference")
    assert response.status_code == 201, response.text
    call = response.json()
    assert call["status"] == "draft" and call["accepting"] is False
    keys = [q["key"] for q in call["questions"]]
    assert keys[:4] == ["motivation", "topics", "platforms", "profile_url"]
    dimensions = {q["key"] for q in call["questions"] if q["is_dimension"]}
    assert dimensions == {"experience", "age_band", "gender", "occupation_group"}
    gender = next(q for q in call["questions"] if q["key"] == "gender")
    assert {"diverse", "no_answer"} <= {o["value"] for o in gender["options"]}
    assert call["privacy_notice_de"] and call["consent_text_en"]
    assert len(call["form_token"]) >= 20


def test_closing_before_opening_is_refused_naming_the_field(client, db):
    now = datetime.now(UTC)
    _, response = _draft(
        client, db, opens_at=now.isoformat(), closes_at=(now - timedelta(hours=1)).isoformat()
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "closes_at" in response.text


def test_naive_times_are_refused(client, db):
    _, response = _draft(client, db, opens_at="2026-12-01T10:00:00")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "opens_at"


def test_a_call_without_questions_cannot_open(client, db):
    program, response = _draft(client, db, privacy_notice_de="Datenschutz")
    call = response.json()
    opened = client.post(
        f"/api/v1/programs/{program}/calls/{call['id']}/status",
        json={"status": "open", "version": call["version"]},
    )
    assert opened.status_code == 422
    assert opened.json()["errors"][0]["field"] == "questions"


def test_invalid_questions_are_refused(client, db):
    program, response = _draft(client, db)
    call = response.json()
    url = f"/api/v1/programs/{program}/calls/{call['id']}/questions"
    one_option = {
        "key": "colour",
        "type": "single_choice",
        "label_de": "Farbe",
        "label_en": "Colour",
        "options": [{"value": "red", "label_de": "rot", "label_en": "red"}],
    }
    response = client.put(url, json={"version": call["version"], "questions": [one_option]})
    assert response.status_code == 422 and "two options" in response.text
    text_dimension = {
        "key": "hobby",
        "type": "short_text",
        "label_de": "Hobby",
        "label_en": "Hobby",
        "is_dimension": True,
    }
    response = client.put(url, json={"version": call["version"], "questions": [text_dimension]})
    assert response.status_code == 422 and "dimensions" in response.text
    twice = {**text_dimension, "is_dimension": False}
    response = client.put(url, json={"version": call["version"], "questions": [twice, twice]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "questions[1].key"


def test_a_draft_questionnaire_can_change_freely_and_keeps_its_order(client, db):
    program, response = _draft(client, db, template="reference")
    call = response.json()
    questions = [
        {k: v for k, v in q.items() if k not in ("id", "position")} for q in call["questions"]
    ]
    questions.reverse()
    questions = [q for q in questions if q["key"] != "department"]
    next(q for q in questions if q["key"] == "topics")["type"] = "short_text"  # draft: free
    response = client.put(
        f"/api/v1/programs/{program}/calls/{call['id']}/questions",
        json={"version": call["version"], "questions": questions},
    )
    assert response.status_code == 200, response.text
    saved = response.json()
    assert [q["key"] for q in saved["questions"]] == [q["key"] for q in questions]
    assert next(q for q in saved["questions"] if q["key"] == "topics")["type"] == "short_text"
    assert saved["version"] == call["version"] + 1


def _questions(call: dict) -> list[dict]:
    return [{k: v for k, v in q.items() if k not in ("id", "position")} for q in call["questions"]]


def test_an_open_call_accepts_only_edits_that_keep_answers_valid(client, db):
    world = open_call(client, db)
    url = f"{world.base}/questions"
    call = world.call

    def put(questions):
        return client.put(url, json={"version": call["version"], "questions": questions})

    removed = [q for q in _questions(call) if q["key"] != "gender"]
    response = put(removed)
    assert response.status_code == 409
    assert response.json()["errors"][0]["type"] == "would_orphan_answers"
    assert "gender" in response.json()["errors"][0]["message"]

    changed = _questions(call)
    gender = next(q for q in changed if q["key"] == "gender")
    gender["options"] = gender["options"][:-1]
    response = put(changed)
    assert response.status_code == 409 and response.json()["errors"][0]["field"].endswith(
        ".options"
    )

    required_new = _questions(call) + [
        {
            "key": "shoe",
            "type": "short_text",
            "label_de": "Schuh",
            "label_en": "Shoe",
            "required": True,
        }
    ]
    response = put(required_new)
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == f"questions[{len(call['questions'])}].required"

    fine = _questions(call)
    fine[0]["label_en"] = "Why you?"
    next(q for q in fine if q["key"] == "gender")["options"].append(
        {"value": "other", "label_de": "anders", "label_en": "other"}
    )
    fine.append({"key": "shoe", "type": "short_text", "label_de": "Schuh", "label_en": "Shoe"})
    response = put(fine)
    assert response.status_code == 200, response.text
    assert response.json()["questions"][0]["label_en"] == "Why you?"


def test_a_changed_privacy_notice_of_an_open_call_is_a_new_version(client, db):
    world = open_call(client, db)
    response = client.patch(
        world.base, json={"version": world.call["version"], "privacy_notice_de": "Neu."}
    )
    assert response.status_code == 200
    assert response.json()["privacy_version"] == world.call["privacy_version"] + 1
    assert response.json()["consent_version"] == world.call["consent_version"]
    stale = client.post(f"{world.form}/applications", json=application(world.call))
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["field"] == "privacy_version"


def test_a_stale_version_is_a_conflict(client, db):
    world = open_call(client, db)
    response = client.patch(world.base, json={"version": 1, "title": "Alt"})
    assert response.status_code == 409


def test_status_moves_along_its_path_and_only_drafts_can_be_deleted(client, db):
    world = open_call(client, db)
    call = world.call
    bad = client.post(
        f"{world.base}/status", json={"status": "archived", "version": call["version"]}
    )
    assert bad.status_code == 409
    closed = client.post(
        f"{world.base}/status", json={"status": "closed", "version": call["version"]}
    )
    assert closed.status_code == 200 and closed.json()["accepting"] is False
    assert datetime.fromisoformat(closed.json()["closes_at"]) <= datetime.now(UTC)
    assert client.delete(world.base).status_code == 409
    listed = client.get(f"/api/v1/programs/{world.program}/calls").json()
    assert [c["status"] for c in listed] == ["closed"]


def test_hr_and_influencers_do_not_see_calls(client, db, new_client):
    world = open_call(client, db)
    hr = make_user(db, Role.hr_viewer)
    add_member(db, world.program, hr, ProgramRole.hr_viewer)
    other = sign_in(new_client(), hr)
    assert other.get(f"/api/v1/programs/{world.program}/calls").status_code == 403
    assert other.get(world.base).status_code == 403
