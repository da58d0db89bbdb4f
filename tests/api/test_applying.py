"""The public form: submitting, the private link, consent, closing time and abuse protection."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from botschaft.audit.models import AuditEvent
from botschaft.calls.models import Application
from botschaft.identity.models import Role
from tests.support.api import make_user, sign_in
from tests.support.calls import ANSWERS, application, open_call, private_link
from tests.support.jobs import run_jobs
from tests.support.smtp import body_text


def _applications(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Application))


def _submit(anonymous, world, **overrides):
    return anonymous.post(f"{world.form}/applications", json=application(world.call, **overrides))


def test_an_applicant_submits_gets_the_link_by_email_edits_and_withdraws(
    client, db, new_client, app, smtp_server
):
    world = open_call(client, db)
    anonymous = new_client()
    form = anonymous.get(world.form)
    assert form.status_code == 200
    assert form.json()["state"] == "open" and form.json()["program_name"] == "Musterstadt"
    assert "form_token" not in form.json()

    response = _submit(anonymous, world)
    assert response.status_code == 202, response.text
    assert response.json()["email"] == "mia.brand@example.org"
    run_jobs(app)
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "mia.brand@example.org"
    assert "Werde Stimme der Stadt" in mail["Subject"]
    token = private_link(body_text(mail))

    mine = anonymous.get(f"/api/v1/public/applications/{token}").json()
    assert mine["status"] == "submitted" and mine["editable"] is True
    assert mine["answers"]["platforms"] == ["linkedin", "instagram"]  # questionnaire order

    changed = application(world.call, answers={**ANSWERS, "experience": "regular"})
    del changed["email"]
    edited = anonymous.put(f"/api/v1/public/applications/{token}", json=changed)
    assert edited.status_code == 200, edited.text
    assert edited.json()["answers"]["experience"] == "regular"

    withdrawn = anonymous.post(f"/api/v1/public/applications/{token}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn" and withdrawn.json()["editable"] is False
    assert anonymous.put(f"/api/v1/public/applications/{token}", json=changed).status_code == 409
    run_jobs(app)
    assert "zurückgezogen" in smtp_server.wait_for(2)[1]["Subject"]


def test_the_same_address_twice_stores_one_application_and_mails_a_fresh_link(
    client, db, new_client, app, smtp_server
):
    world = open_call(client, db)
    anonymous = new_client()
    first = _submit(anonymous, world)
    second = _submit(anonymous, world, name="Someone Else", email="MIA.brand@example.org")
    assert first.json() == second.json(), "the answer does not reveal that the address applied"
    assert _applications(db) == 1
    run_jobs(app)
    received, exists = smtp_server.wait_for(2)
    old, new = private_link(body_text(received)), private_link(body_text(exists))
    assert anonymous.get(f"/api/v1/public/applications/{old}").status_code == 404
    kept = anonymous.get(f"/api/v1/public/applications/{new}").json()
    assert kept["name"] == "Mia Brand", "the second form did not overwrite the first"


def test_a_signed_in_person_submitting_again_updates_their_application(client, db, new_client):
    world = open_call(client, db, access="signed_in")
    anonymous = new_client()
    assert anonymous.get(world.form).status_code == 401
    assert _submit(anonymous, world).status_code == 401
    staff = make_user(db, Role.influencer, email="tom@example.org", name="Tom")
    person = sign_in(new_client(), staff)
    assert _submit(person, world, email=None).status_code == 202
    again = _submit(person, world, email=None, answers={**ANSWERS, "gender": "diverse"})
    assert again.status_code == 202
    assert _applications(db) == 1
    form = person.get(world.form).json()
    assert form["my_application"]["answers"]["gender"] == "diverse"
    assert form["my_application"]["email"] == "tom@example.org"
    [mine] = person.get("/api/v1/me/applications").json()
    withdrawn = person.post(f"/api/v1/me/applications/{mine['id']}/withdraw")
    assert withdrawn.json()["status"] == "withdrawn"


def test_missing_consent_or_required_answers_or_wrong_types_store_nothing(client, db, new_client):
    world = open_call(client, db)
    anonymous = new_client()
    no_consent = _submit(anonymous, world, accept_consent=False)
    assert no_consent.status_code == 422
    assert no_consent.json()["errors"][0]["field"] == "accept_consent"

    answers = {k: v for k, v in ANSWERS.items() if k != "motivation"}
    answers |= {"age_band": "100_plus", "platforms": "linkedin", "shoe_size": 42}
    answers["profile_url"] = "not a url"
    answers["topics"] = "x" * 1001
    wrong = _submit(anonymous, world, answers=answers)
    assert wrong.status_code == 422
    fields = {e["field"]: e["type"] for e in wrong.json()["errors"]}
    assert fields == {
        "answers.shoe_size": "unknown_question",
        "answers.motivation": "missing",
        "answers.age_band": "invalid",
        "answers.platforms": "invalid",
        "answers.profile_url": "url_parsing",  # the link rule of core.text
        "answers.topics": "invalid",
    }
    bad_email = _submit(anonymous, world, email="mia@")
    assert bad_email.status_code == 422 and bad_email.json()["errors"][0]["field"] == "email"
    no_email = _submit(anonymous, world, email=None)
    assert no_email.status_code == 422 and no_email.json()["errors"][0]["field"] == "email"
    assert _applications(db) == 0


def test_after_the_closing_time_the_server_refuses_with_a_clear_message(client, db, new_client):
    world = open_call(client, db)
    anonymous = new_client()
    _submit(anonymous, world)
    client.post(f"{world.base}/status", json={"status": "closed", "version": world.call["version"]})
    late = _submit(anonymous, world, email="late@example.org")
    assert late.status_code == 409
    assert "closed" in late.json()["detail"]
    assert late.json()["type"].endswith("/call_closed")
    assert anonymous.get(world.form).json()["state"] == "closed"
    assert _applications(db) == 1


def test_a_draft_call_is_not_public(client, db, new_client):
    world = open_call(client, db)
    now = datetime.now(UTC)
    draft = client.post(
        f"/api/v1/programs/{world.program}/calls",
        json={
            "title": "Entwurf",
            "opens_at": now.isoformat(),
            "closes_at": (now + timedelta(days=3)).isoformat(),
        },
    ).json()
    assert new_client().get(f"/api/v1/public/calls/{draft['form_token']}").status_code == 404


def test_the_honeypot_accepts_silently_and_stores_nothing(client, db, new_client, app, smtp_server):
    world = open_call(client, db)
    response = _submit(new_client(), world, website="http://spam.example")
    assert response.status_code == 202
    run_jobs(app)
    assert _applications(db) == 0 and smtp_server.messages == []


def _from(app, address: str) -> TestClient:
    return TestClient(app, base_url="http://testserver", client=(address, 40000))


def test_an_office_behind_one_address_is_not_blocked(client, db, app):
    world = open_call(client, db)
    office = _from(app, "198.51.100.20")
    # More colleagues than the old 20 per hour per address, each with their own email.
    codes = {_submit(office, world, email=f"kollege{i}@example.org").status_code for i in range(30)}
    assert codes == {202}
    assert _applications(db) == 30


def test_submissions_are_rate_limited_per_address_and_email(client, db, app):
    app.state.settings.application_limit_per_address_and_email = "3/hour"
    world = open_call(client, db)
    office = _from(app, "198.51.100.21")
    # Rejected forms (no consent) do not use up a person's tries...
    assert _submit(office, world, accept_consent=False).status_code == 422
    codes = [_submit(office, world).status_code for _ in range(4)]
    assert codes == [202, 202, 202, 429]
    refused = _submit(office, world)
    assert refused.json()["type"].endswith("/rate_limited")
    assert 1 <= int(refused.headers["retry-after"]) <= 3600
    # ...and a colleague at the same address is not affected.
    assert _submit(office, world, email="kollegin@example.org").status_code == 202


def test_submissions_per_address_have_a_ceiling(client, db, app):
    app.state.settings.application_limit_per_address = "4/hour"
    world = open_call(client, db)
    bot = _from(app, "203.0.113.21")
    codes = [_submit(bot, world, email=f"made-up{i}@example.org").status_code for i in range(5)]
    assert codes == [202, 202, 202, 202, 429]
    assert _submit(_from(app, "198.51.100.22"), world).status_code == 202


def test_personal_data_export_and_erasure_by_private_link_are_audited(
    client, db, new_client, app, smtp_server
):
    world = open_call(client, db)
    anonymous = new_client()
    _submit(anonymous, world)
    run_jobs(app)
    token = private_link(body_text(smtp_server.wait_for(1)[0]))
    data = anonymous.get(f"/api/v1/public/applications/{token}/data")
    assert data.status_code == 200
    [exported] = data.json()["applications"]
    assert exported["email"] == "mia.brand@example.org"
    motivation = next(a for a in exported["answers"] if a["key"] == "motivation")
    assert motivation["question"]["en"].startswith("Why")
    assert anonymous.delete(f"/api/v1/public/applications/{token}").status_code == 204
    assert _applications(db) == 0
    assert anonymous.get(f"/api/v1/public/applications/{token}").status_code == 404
    with db.session() as session:
        actions = set(session.scalars(select(AuditEvent.action)))
    assert {"data.exported", "application.erased"} <= actions
