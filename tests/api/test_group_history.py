"""History stays history (programs/history.py): a post counts for the cohort and teams its
author belonged to on the day it was posted, so a move to a re-call never rewrites the pilot's
figures; exact for any period, also where someone's groups changed in the middle of a month
(kpis/facts.py reads those months' posts one by one)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from botschaft.identity.models import Role
from botschaft.programs import history
from botschaft.programs.models import GroupEdge, GroupPeriod
from botschaft.teams.models import Team
from botschaft.tenancy.models import Cohort, ProgramMembership, ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.clock import local_today
from tests.support.factories import add_post


def _post(session, program, member, day: date, likes: int) -> None:
    add_post(
        session,
        program_id=program,
        member_id=member,
        format="text",
        published_on=day,
        likes=likes,
        comments=0,
    )


def test_the_pilots_figures_stay_when_someone_moves_to_a_recall(db, client):
    today = local_today()
    start = (today - timedelta(days=200)).replace(day=1)
    program = make_program(db, starts_on=start, min_group_size=2)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    people = [add_member(db, program, make_user(db), ProgramRole.influencer) for _ in range(4)]
    sign_in(client, core)
    base = f"/api/v1/programs/{program}"
    pilot = client.post(f"{base}/cohorts", json={"name": "Pilot", "kind": "pilot"}).json()["id"]
    recall = client.post(f"{base}/cohorts", json={"name": "Re-Call", "kind": "recall"}).json()
    for member in people:
        response = client.put(f"{base}/members/{member}/cohort", json={"cohort_id": pilot})
        assert response.status_code == 200, response.text
    with db.session() as session:
        for n, member in enumerate(people):
            for k in range(3):
                day = start + timedelta(days=20 + 40 * k + n)
                _post(session, program, member, day, likes=10 + n + k)
    period = {"from": start.isoformat(), "to": (today - timedelta(days=1)).isoformat()}

    def figures(cohort: str) -> dict:
        kpis = client.get(f"{base}/kpis", params={**period, "cohort": cohort}).json()
        return kpis["totals"]

    def by_cohort() -> dict:
        kpis = client.get(f"{base}/kpis", params=period).json()
        return {row["key"]: (row["people"], row["posts"]) for row in kpis["by_cohort"]}

    before, breakdown = figures(pilot), by_cohort()
    assert before["posts"] == 12 and before["likes"] == sum(
        10 + n + k for n in range(4) for k in range(3)
    )
    assert breakdown == {"Pilot": (4, 12)}

    response = client.put(f"{base}/members/{people[0]}/cohort", json={"cohort_id": recall["id"]})
    assert response.status_code == 200, response.text

    assert figures(pilot) == before
    assert figures(recall["id"])["posts"] == 0
    assert by_cohort() == breakdown
    # From today on, what she posts counts for the re-call.
    with db.session() as session:
        _post(session, program, people[0], today, likes=99)
    now = {"from": today.isoformat(), "to": today.isoformat()}
    recall_today = client.get(f"{base}/kpis", params={**now, "cohort": recall["id"]}).json()
    pilot_today = client.get(f"{base}/kpis", params={**now, "cohort": pilot}).json()
    assert recall_today["totals"]["likes"] == 99
    assert pilot_today["totals"]["posts"] == 0
    with db.session() as session:
        periods = session.scalars(select(GroupPeriod).where(GroupPeriod.member_id == people[0]))
        spans = sorted((p.from_on or date.min, p.to_on) for p in periods)
    page = client.get(f"{base}/influencers/{people[0]}").json()
    assert page["groups"] == [
        {
            "kind": "cohort",
            "name": "Pilot",
            "from_on": None,
            "to_on": str(today - timedelta(days=1)),
        },
        {"kind": "cohort", "name": "Re-Call", "from_on": str(today), "to_on": None},
    ]
    assert spans == [(date.min, today - timedelta(days=1)), (today, None)]


def test_moving_back_and_forth_on_one_day_leaves_no_empty_period(db):
    program = make_program(db, starts_on=date(2026, 1, 1))
    member = add_member(db, program, make_user(db), ProgramRole.influencer)
    with db.session() as session:
        a, b = Cohort(program_id=program, name="A"), Cohort(program_id=program, name="B")
        session.add_all([a, b])
        session.flush()
        membership = session.get(ProgramMembership, member)
        history.set_cohort(session, membership, a.id, date(2026, 3, 10))
        history.set_cohort(session, membership, b.id, date(2026, 3, 15))
        history.set_cohort(session, membership, a.id, date(2026, 3, 15))
        rows = session.scalars(select(GroupPeriod).where(GroupPeriod.member_id == member))
        spans = sorted((p.cohort_id == a.id, p.from_on or date.min, p.to_on) for p in rows)
        edges = session.scalars(select(GroupEdge.month)).all()
    # The first cohort counts since always; B lasted no day and left nothing behind.
    assert spans == [(True, date.min, date(2026, 3, 14)), (True, date(2026, 3, 15), None)]
    assert edges == [date(2026, 3, 1)]


def _random_world(db, seed: int):
    """People who change cohort and teams on random days (often mid-month) and post on random
    days over a year."""
    rng = random.Random(seed)
    first = date(2026, 1, 1)
    program = make_program(db, starts_on=first, min_group_size=2)
    people = [add_member(db, program, make_user(db), ProgramRole.influencer) for _ in range(6)]
    posts = []  # (member, day, likes)
    with db.session() as session:
        cohorts = [Cohort(program_id=program, name=f"C{i}") for i in range(3)]
        teams = [Team(program_id=program, name=f"T{i}") for i in range(2)]
        session.add_all([*cohorts, *teams])
        session.flush()
        for member in people:
            membership = session.get(ProgramMembership, member)
            in_teams: set[int] = set()
            moves = sorted(first + timedelta(days=rng.randrange(330)) for _ in range(4))
            for day in [first, *moves]:
                cohort = rng.choice([None, *cohorts])
                history.set_cohort(session, membership, cohort.id if cohort else None, day)
                wanted = {t for t in range(2) if rng.random() < 0.5}
                for t in range(2):
                    before, after = t in in_teams, t in wanted
                    history.set_team(session, teams[t].id, [member] * before, [member] * after, day)
                in_teams = wanted
        for _ in range(150):
            member, day = rng.choice(people), first + timedelta(days=rng.randrange(340))
            likes = rng.randrange(1, 50)
            _post(session, program, member, day, likes)
            posts.append((member, day, likes))
        periods = [
            (p.member_id, p.cohort_id or p.team_id, p.from_on or date.min, p.to_on or date.max)
            for p in session.scalars(select(GroupPeriod))
        ]
        groups = [c.id for c in cohorts] + [t.id for t in teams]
    return program, posts, periods, groups


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_filters_count_each_post_for_the_groups_of_its_day(db, client, seed):
    """For periods of any days, each cohort's and team's figures are those of the posts whose
    author was in it on the post's day (the stored periods, by hand)."""
    program, posts, periods, groups = _random_world(db, seed)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    sign_in(client, core)
    assert any(f.day != 1 for _, _, f, _ in periods if f != date.min), "mid-month changes"
    rng = random.Random(seed * 7)

    def member_of(group, member, day) -> bool:
        return any(m == member and g == group and f <= day <= t for m, g, f, t in periods)

    for _ in range(5):
        a, b = sorted(date(2026, 1, 1) + timedelta(days=rng.randrange(360)) for _ in range(2))
        for n, group in enumerate(groups):
            kept = [p for p in posts if a <= p[1] <= b and member_of(group, p[0], p[1])]
            field = "cohort" if n < 3 else "team"
            params = {"from": a.isoformat(), "to": b.isoformat(), field: str(group)}
            totals = client.get(f"/api/v1/programs/{program}/kpis", params=params).json()["totals"]
            found = (totals["posts"], totals["likes"])
            assert found == (len(kept), sum(p[2] for p in kept)), (seed, a, b, field, n)


def test_follower_figures_follow_the_people_of_the_period(db, client):
    """A count is a standing figure: under a cohort filter it counts for the people who were
    in the cohort during the period, so someone who left no longer adds followers to it."""
    program = make_program(db, starts_on=date(2026, 1, 1), platforms=["linkedin"])
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    member = add_member(db, program, make_user(db), ProgramRole.influencer)
    with db.session() as session:
        pilot, recall = Cohort(program_id=program, name="P"), Cohort(program_id=program, name="R")
        session.add_all([pilot, recall])
        session.flush()
        ids = pilot.id, recall.id
        membership = session.get(ProgramMembership, member)
        history.set_cohort(session, membership, pilot.id, date(2026, 1, 1))
        history.set_cohort(session, membership, recall.id, date(2026, 4, 1))
    sign_in(client, core)
    base = f"/api/v1/programs/{program}"
    response = client.post(
        f"{base}/followers",
        json={"platform": "linkedin", "followers": 500, "counted_on": "2026-02-01",
              "member_id": str(member)},
    )  # fmt: skip
    assert response.status_code == 201, response.text

    def followers(cohort, start: str, end: str):
        params = {"from": start, "to": end, "cohort": str(cohort)}
        return client.get(f"{base}/kpis", params=params).json()["totals"]["followers"]

    assert followers(ids[0], "2026-02-01", "2026-02-28") == 500
    assert not followers(ids[1], "2026-02-01", "2026-02-28")
    assert not followers(ids[0], "2026-05-01", "2026-05-31")
    assert followers(ids[1], "2026-05-01", "2026-05-31") == 500
