"""The request inbox: a request counts as an outcome of its kind from the day it comes in; what
it leads to is a second outcome with the same post. Both follow the request when it changes, go
when it is deleted, and the KPIs and the post's outcome count show them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from botschaft.identity.models import Role
from botschaft.inbox.models import InboundRequest
from botschaft.posts.models import Outcome
from botschaft.tenancy.models import ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.clock import local_today
from tests.support.factories import add_post

TODAY = local_today()
START = TODAY - timedelta(days=120)


@pytest.fixture
def world(db):
    program = make_program(db, starts_on=START, platforms=["linkedin", "instagram"])
    core, ada, bob, hr = (
        make_user(db, Role.core_team),
        make_user(db, name="Ada"),
        make_user(db, name="Bob"),
        make_user(db, Role.hr_viewer),
    )
    add_member(db, program, core, ProgramRole.core_team)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    members = {
        who: add_member(db, program, account, ProgramRole.influencer)
        for who, account in (("ada", ada), ("bob", bob))
    }
    posts = {}
    with db.session() as session:
        for n, (who, member) in enumerate(members.items()):
            link = f"https://www.linkedin.com/posts/{who}-activity-710000000000000000{n}"
            post = add_post(
                session,
                program_id=program,
                member_id=member,
                url=link,
                normalized_url=link,
                platform="linkedin",
                published_on=TODAY - timedelta(days=10),
                likes=5,
            )
            session.flush()
            posts[who] = str(post.id)
    return program, {"core": core, "ada": ada, "bob": bob, "hr": hr}, members, posts


def _outcomes(db) -> list[tuple[str, str | None]]:
    with db.session() as session:
        rows = session.execute(select(Outcome.type, Outcome.post_id)).all()
    return sorted((str(t), str(p) if p else None) for t, p in rows)


def _rows(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(InboundRequest))


def _post_outcomes(client, program, post_id) -> int:
    items = client.get(f"/api/v1/programs/{program}/posts", params={"per_page": 50}).json()
    return next(p["outcomes"] for p in items["items"] if p["id"] == post_id)


def test_a_request_becomes_an_outcome_and_its_result_a_second(client, new_client, db, world):
    program, people, members, posts = world
    url = f"/api/v1/programs/{program}/requests"
    sign_in(client, people["ada"])
    day = TODAY - timedelta(days=3)
    made = client.post(
        url,
        json={
            "type": "speaker",
            "channel": "direct_message",
            "received_on": str(day),
            "post_id": posts["ada"],
            "asker": "Gymnasium Musterstadt",
            "note": "Berufsorientierungstag im März",
        },
    )
    assert made.status_code == 201, made.text
    request = made.json()
    assert (request["state"], request["member_name"], request["result_type"]) == (
        "new",
        "Ada",
        None,
    )
    assert request["post_url"].startswith("https://www.linkedin.com/posts/ada")
    assert _outcomes(db) == [("speaker_request", posts["ada"])]
    assert _post_outcomes(client, program, posts["ada"]) == 1

    core = sign_in(new_client(), people["core"])
    inbox = core.get(url, params={"state": "new"}).json()
    assert [r["id"] for r in inbox["items"]] == [request["id"]]
    assert core.get(f"{url}/counts").json() == {
        "new": 1, "answered": 0, "closed": 0, "with_result": 0
    }  # fmt: skip
    today = f"/api/v1/programs/{program}/today"
    assert core.get(today).json()["new_requests"] == 1  # Today shows it until it is answered
    answered = core.patch(f"{url}/{request['id']}", json={"state": "answered"})
    assert answered.json()["state"] == "answered"
    assert core.get(today).json()["new_requests"] == 0

    result = core.put(f"{url}/{request['id']}/result", json={"type": "talk"})
    assert result.status_code == 200, result.text
    assert (result.json()["state"], result.json()["result_type"]) == ("closed", "talk")
    assert _outcomes(db) == sorted([("speaker_request", posts["ada"]), ("talk", posts["ada"])])
    assert _post_outcomes(core, program, posts["ada"]) == 2
    kpis = core.get(
        f"/api/v1/programs/{program}/kpis",
        params={"from": str(START), "to": str(TODAY)},
    ).json()
    assert kpis["outcomes_by_type"] == {"speaker_request": 1, "talk": 1}
    assert kpis["totals"]["outcomes"] == 2
    # What the post brought: one request and the talk it led to.
    [brought] = kpis["brought"]
    assert brought["post"]["id"] == posts["ada"] and brought["post"]["member_name"] == "Ada"
    assert (brought["outcomes"], brought["requests"], brought["results"]) == (2, 1, 1)
    assert brought["by_type"] == {"speaker_request": 1, "talk": 1}
    on_instagram = core.get(
        f"/api/v1/programs/{program}/kpis",
        params={"from": str(START), "to": str(TODAY), "platform": "instagram"},
    ).json()
    assert on_instagram["brought"] == [] and on_instagram["outcomes_by_type"] == {}
    hr = sign_in(new_client(), people["hr"])
    assert hr.get(f"/api/v1/programs/{program}/kpis").json()["brought"] is None

    late = core.patch(f"{url}/{request['id']}", json={"received_on": str(TODAY)})
    assert late.status_code == 200  # the talk is today: the request may be from today
    after = str(TODAY + timedelta(days=1))
    assert core.patch(f"{url}/{request['id']}", json={"received_on": after}).status_code == 422
    core.patch(f"{url}/{request['id']}", json={"received_on": str(day)})
    reopened = core.patch(f"{url}/{request['id']}", json={"state": "new"})
    assert reopened.status_code == 422 and reopened.json()["errors"][0]["type"] == "has_result"
    # The outcomes belong to the request: the outcomes API does not delete them on its own.
    with db.session() as session:
        counted_id = session.scalar(select(InboundRequest.outcome_id))
    refused = core.delete(f"/api/v1/programs/{program}/outcomes/{counted_id}")
    assert refused.status_code == 409 and refused.json()["type"].endswith("/from_request")
    # A second result replaces the first; taking it back answers the request again.
    core.put(f"{url}/{request['id']}/result", json={"type": "hire"})
    assert _outcomes(db) == sorted([("speaker_request", posts["ada"]), ("hire", posts["ada"])])
    undone = core.delete(f"{url}/{request['id']}/result")
    assert (undone.json()["state"], undone.json()["result_type"]) == ("answered", None)
    assert _outcomes(db) == [("speaker_request", posts["ada"])]

    # The outcome it counts as follows the request's type, date and post.
    changed = client.patch(
        f"{url}/{request['id']}",
        json={"type": "podcast", "received_on": str(day - timedelta(days=1)), "post_id": None},
    )
    assert changed.status_code == 200, changed.text
    assert _outcomes(db) == [("podcast_request", None)]
    with db.session() as session:
        assert session.scalar(select(Outcome.occurred_on)) == day - timedelta(days=1)

    assert client.delete(f"{url}/{request['id']}").status_code == 204
    assert _outcomes(db) == [] and _rows(db) == 0


def test_only_the_person_and_the_core_team_see_a_request(client, new_client, db, world):
    program, people, members, posts = world
    url = f"/api/v1/programs/{program}/requests"
    sign_in(client, people["ada"])
    rid = client.post(url, json={"type": "internship"}).json()["id"]
    bob = sign_in(new_client(), people["bob"])
    assert bob.get(url).json()["items"] == []
    assert bob.patch(f"{url}/{rid}", json={"state": "closed"}).status_code == 404
    assert bob.put(f"{url}/{rid}/result", json={"type": "hire"}).status_code == 404
    assert bob.delete(f"{url}/{rid}").status_code == 404
    hr = sign_in(new_client(), people["hr"])
    assert hr.get(url).status_code == 403
    # Bob cannot record one for Ada, nor link Ada's post.
    refused = bob.post(url, json={"type": "press", "member_id": str(members["ada"])})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "member_id"
    refused = bob.post(url, json={"type": "press", "post_id": posts["ada"]})
    assert refused.status_code == 422 and refused.json()["errors"][0]["type"] == "unknown_post"
    # The core team records for anyone, naming the person.
    core = sign_in(new_client(), people["core"])
    made = core.post(url, json={"type": "press", "member_id": str(members["bob"])})
    assert made.status_code == 201 and made.json()["member_name"] == "Bob"
    assert len(bob.get(url).json()["items"]) == 1
    assert _rows(db) == 2


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({}, "type", "missing"),
        ({"type": "hire"}, "type", "enum"),
        ({"type": "press", "channel": "pigeon"}, "channel", "enum"),
        ({"type": "press", "asker": "x" * 201}, "asker", "too_long"),
        ({"type": "press", "note": "x" * 2001}, "note", "too_long"),
        ({"type": "press", "received_on": str(TODAY + timedelta(days=1))}, "received_on", None),
        ({"type": "press", "received_on": str(START - timedelta(days=1))}, "received_on", None),
    ],
)
def test_bad_requests_are_refused_and_nothing_is_written(client, db, world, body, field, code):
    program, people, _, _ = world
    sign_in(client, people["ada"])
    answer = client.post(f"/api/v1/programs/{program}/requests", json=body)
    assert answer.status_code == 422, answer.text
    error = answer.json()["errors"][0]
    assert error["field"] == field and (code is None or error["type"] == code)
    assert _rows(db) == 0 and _outcomes(db) == []


def test_a_result_must_be_a_result_and_not_before_the_request(client, db, world):
    program, people, _, _ = world
    url = f"/api/v1/programs/{program}/requests"
    sign_in(client, people["ada"])
    rid = client.post(url, json={"type": "job_application"}).json()["id"]
    for body, field, code in (
        ({"type": "speaker_request"}, "type", "not_a_result"),
        ({"type": "hire", "occurred_on": str(TODAY - timedelta(days=1))}, "occurred_on",
         "before_request"),
        ({"type": "hire", "occurred_on": str(TODAY + timedelta(days=1))}, "occurred_on",
         "future_date"),
    ):  # fmt: skip
        answer = client.put(f"{url}/{rid}/result", json=body)
        assert answer.status_code == 422, answer.text
        assert (answer.json()["errors"][0]["field"], answer.json()["errors"][0]["type"]) == (
            field,
            code,
        )
    assert _outcomes(db) == [("job_application", None)]
    empty = client.patch(f"{url}/{rid}", json={"state": None})
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "state"


def test_only_the_core_team_may_record_a_request_dated_outside_the_period(
    client, new_client, db, world
):
    """A request that came in shortly before the official start: the core team records it
    with outside_period (also when changing its date), an influencer who sends the same is
    refused (the flag is the core team's), and nothing of theirs is written."""
    program, people, members, _ = world
    url = f"/api/v1/programs/{program}/requests"
    early = str(START - timedelta(days=3))
    sign_in(client, people["ada"])
    for flag in (False, True):
        refused = client.post(
            url, json={"type": "speaker", "received_on": early, "outside_period": flag}
        )
        assert refused.status_code == 422, refused.text
        error = refused.json()["errors"][0]
        assert (error["field"], error["type"]) == ("received_on", "outside_period")
    assert _rows(db) == 0 and _outcomes(db) == []

    core = sign_in(new_client(), people["core"])
    body = {"type": "speaker", "received_on": early, "member_id": str(members["ada"])}
    without = core.post(url, json=body)
    assert without.status_code == 422
    assert without.json()["errors"][0]["type"] == "outside_period"
    made = core.post(url, json=body | {"outside_period": True})
    assert made.status_code == 201, made.text
    assert made.json()["received_on"] == early
    assert _outcomes(db) == [("speaker_request", None)]
    # Ada sees it; moving it earlier still needs the core team's word.
    rid = made.json()["id"]
    assert [r["id"] for r in client.get(url).json()["items"]] == [rid]
    earlier = str(START - timedelta(days=5))
    moved = client.patch(f"{url}/{rid}", json={"received_on": earlier, "outside_period": True})
    assert moved.status_code == 422, moved.text
    moved = core.patch(f"{url}/{rid}", json={"received_on": earlier, "outside_period": True})
    assert moved.status_code == 200 and moved.json()["received_on"] == earlier
