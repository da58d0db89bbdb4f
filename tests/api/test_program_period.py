"""Posts and outcomes are dated inside the program's period and not before the person joined
(their first cohort's start): refused otherwise, unless the core team says the date is right (a
post made just before the official start); the same for posts an import creates."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from botschaft.identity.models import Role
from botschaft.posts.models import Outcome, Post
from botschaft.programs import history
from botschaft.tenancy.models import Cohort, CohortKind, ProgramMembership, ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.clock import local_today

TODAY = local_today()
START = TODAY - timedelta(days=30)
BEFORE = START - timedelta(days=3)


@pytest.fixture
def world(db):
    program = make_program(db, starts_on=START, ends_on=TODAY + timedelta(days=200))
    ada, core = make_user(db), make_user(db, Role.core_team)
    ada_member = add_member(db, program, ada, ProgramRole.influencer)
    add_member(db, program, core, ProgramRole.core_team)
    return program, ada, ada_member, core


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_an_influencer_cannot_date_a_post_before_the_start(client, db, world):
    program, ada, *_ = world
    me = sign_in(client, ada)
    url = f"/api/v1/programs/{program}/posts"
    early = me.post(
        url, json={"url": "https://www.instagram.com/p/Early1/", "published_on": str(BEFORE)}
    )
    assert early.status_code == 422
    error = early.json()["errors"][0]
    assert (error["field"], error["type"]) == ("published_on", "outside_period")
    # Saying it is right does not help an influencer.
    again = me.post(
        url,
        json={
            "url": "https://www.instagram.com/p/Early1/",
            "published_on": str(BEFORE),
            "outside_period": True,
        },
    )
    assert again.status_code == 422
    inside = me.post(
        url, json={"url": "https://www.instagram.com/p/Early1/", "published_on": str(START)}
    )
    assert inside.status_code == 201, inside.text
    moved = me.patch(
        f"{url}/{inside.json()['id']}",
        json={"version": inside.json()["version"], "published_on": str(BEFORE)},
    )
    assert moved.status_code == 422 and moved.json()["errors"][0]["type"] == "outside_period"
    outcome = me.post(
        f"/api/v1/programs/{program}/outcomes",
        json={"type": "speaker_request", "occurred_on": str(BEFORE)},
    )
    assert outcome.status_code == 422 and outcome.json()["errors"][0]["field"] == "occurred_on"
    assert (_count(db, Post), _count(db, Outcome)) == (1, 0)


def test_the_core_team_may_accept_a_date_just_before_the_start(client, db, world):
    program, _, ada_member, core = world
    team = sign_in(client, core)
    body = {
        "url": "https://www.instagram.com/p/Early2/",
        "published_on": str(BEFORE),
        "member_id": str(ada_member),
    }
    assert team.post(f"/api/v1/programs/{program}/posts", json=body).status_code == 422
    ok = team.post(f"/api/v1/programs/{program}/posts", json=body | {"outside_period": True})
    assert ok.status_code == 201, ok.text
    assert ok.json()["published_on"] == str(BEFORE)
    outcome = team.post(
        f"/api/v1/programs/{program}/outcomes",
        json={
            "type": "hire",
            "occurred_on": str(BEFORE),
            "member_id": str(ada_member),
            "outside_period": True,
        },
    )
    assert outcome.status_code == 201, outcome.text


def test_an_import_creates_no_post_outside_the_period_unless_the_core_team_says_so(
    client, db, world
):
    program, ada, _, core = world
    content = (
        "url;published_on;likes;member_email\n"
        f"https://www.instagram.com/p/Imp1/;{START};3;{ada.email}\n"
        f"https://www.instagram.com/p/Imp2/;{BEFORE};4;{ada.email}\n"
    )
    files = {"file": ("f.csv", content.encode(), "text/csv")}
    team = sign_in(client, core)
    url = f"/api/v1/programs/{program}/posts/imports"
    refused = team.post(url, files=files, data={"create_missing": "true"})
    assert refused.status_code == 422
    assert [(e["field"], e["type"]) for e in refused.json()["errors"]] == [
        ("rows[3].published_on", "outside_period")
    ]
    assert _count(db, Post) == 0
    done = team.post(url, files=files, data={"create_missing": "true", "outside_period": "true"})
    assert done.status_code == 200, done.text
    assert _count(db, Post) == 2


@pytest.fixture
def second_wave(db, world):
    """Ada joins with a second wave that starts ten days after the program; Ben was in the
    pilot (no start day) and moves to the second wave today: he keeps his own start."""
    program, ada, ada_member, core = world
    wave_start = START + timedelta(days=10)
    with db.session() as session:
        pilot = Cohort(program_id=program, name="Pilot", kind=CohortKind.pilot, starts_on=START)
        wave = Cohort(program_id=program, name="Wave 2", kind=CohortKind.wave, starts_on=wave_start)
        session.add_all([pilot, wave])
        session.flush()
        ada_row = session.get(ProgramMembership, ada_member)
        history.set_cohort(session, ada_row, wave.id, TODAY)
        ben = make_user(db)
        ben_row = session.get(
            ProgramMembership, add_member(db, program, ben, ProgramRole.influencer)
        )
        history.set_cohort(session, ben_row, pilot.id, TODAY)
        history.set_cohort(session, ben_row, wave.id, TODAY)
        return wave_start, ben


def test_no_post_or_outcome_before_the_person_joined(client, db, world, second_wave):
    program, ada, ada_member, core = world
    wave_start, ben = second_wave
    early = wave_start - timedelta(days=2)  # inside the program, before Ada's cohort
    me = sign_in(client, ada)
    url = f"/api/v1/programs/{program}/posts"
    refused = me.post(
        url, json={"url": "https://www.instagram.com/p/Wave1/", "published_on": str(early)}
    )
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert (error["field"], error["type"]) == ("published_on", "before_joined")
    assert str(wave_start) in error["message"]
    outcome = me.post(
        f"/api/v1/programs/{program}/outcomes",
        json={"type": "speaker_request", "occurred_on": str(early)},
    )
    assert outcome.json()["errors"][0]["type"] == "before_joined"
    request = me.post(
        f"/api/v1/programs/{program}/requests",
        json={"type": "speaker", "channel": "direct_message", "received_on": str(early)},
    )
    assert request.status_code == 422 and request.json()["errors"][0]["type"] == "before_joined"
    assert (_count(db, Post), _count(db, Outcome)) == (0, 0)
    on_the_day = me.post(
        url, json={"url": "https://www.instagram.com/p/Wave1/", "published_on": str(wave_start)}
    )
    assert on_the_day.status_code == 201, on_the_day.text
    moved = me.patch(
        f"{url}/{on_the_day.json()['id']}",
        json={"version": on_the_day.json()["version"], "published_on": str(early)},
    )
    assert moved.status_code == 422 and moved.json()["errors"][0]["type"] == "before_joined"
    # Ben moved from the pilot: his pilot start still counts, not the wave's.
    ben_post = sign_in(client, ben).post(
        url, json={"url": "https://www.instagram.com/p/Ben1/", "published_on": str(early)}
    )
    assert ben_post.status_code == 201, ben_post.text


def test_the_core_team_may_accept_a_date_before_the_person_joined(client, db, world, second_wave):
    program, ada, ada_member, core = world
    wave_start, _ = second_wave
    early = wave_start - timedelta(days=2)
    team = sign_in(client, core)
    body = {
        "url": "https://www.instagram.com/p/Wave2/",
        "published_on": str(early),
        "member_id": str(ada_member),
    }
    refused = team.post(f"/api/v1/programs/{program}/posts", json=body)
    assert refused.json()["errors"][0]["type"] == "before_joined"
    assert (
        team.post(
            f"/api/v1/programs/{program}/posts", json=body | {"outside_period": True}
        ).status_code
        == 201
    )
    content = (
        "url;published_on;likes;member_email\n"
        f"https://www.instagram.com/p/Imp3/;{wave_start};3;{ada.email}\n"
        f"https://www.instagram.com/p/Imp4/;{early};4;{ada.email}\n"
    )
    files = {"file": ("f.csv", content.encode(), "text/csv")}
    imports = f"/api/v1/programs/{program}/posts/imports"
    rejected = team.post(imports, files=files, data={"create_missing": "true"})
    assert [(e["field"], e["type"]) for e in rejected.json()["errors"]] == [
        ("rows[3].published_on", "before_joined")
    ]
    assert _count(db, Post) == 1
    done = team.post(
        imports, files=files, data={"create_missing": "true", "outside_period": "true"}
    )
    assert done.status_code == 200, done.text
    assert _count(db, Post) == 3
