"""Follower counts: each influencer records their own (the core team anyone's) as dated
readings; the KPIs sum the latest counts and the growth of a period (kpis/followers.py),
checked against a hand computation on generated data, under the HR rule for HR leadership."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from botschaft.followers.models import FollowerReading, SocialProfile
from botschaft.identity.models import Role
from botschaft.programs.models import GroupPeriod
from botschaft.tenancy.models import Cohort, ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.concurrency import migrated_postgres, write_at_once

PLATFORMS = ["linkedin", "instagram", "tiktok"]


@pytest.fixture
def program(db):
    return make_program(db, starts_on=date(2026, 1, 1), platforms=PLATFORMS, min_group_size=3)


def _influencer(db, client, program):
    account = make_user(db)
    member = add_member(db, program, account, ProgramRole.influencer)
    sign_in(client, account)
    return member


def _count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(FollowerReading))


def test_an_influencer_records_counts_and_sees_the_growth(client, db, program):
    _influencer(db, client, program)
    url = f"/api/v1/programs/{program}/followers"
    first = client.post(
        url, json={"platform": "linkedin", "followers": 480, "counted_on": "2026-01-05"}
    )
    assert first.status_code == 201, first.text
    client.post(url, json={"platform": "linkedin", "followers": 530, "counted_on": "2026-02-05"})
    # A second count the same day replaces the first.
    again = client.post(
        url, json={"platform": "linkedin", "followers": 545, "counted_on": "2026-02-05"}
    )
    assert again.status_code == 201
    client.post(url, json={"platform": "instagram", "followers": 90, "counted_on": "2026-02-01"})
    assert _count(db) == 3
    mine = client.get(f"{url}/me").json()
    lines = {line["platform"]: line for line in mine["lines"]}
    assert lines["linkedin"]["followers"] == 545 and lines["linkedin"]["growth"] == 65
    assert lines["linkedin"]["first_counted_on"] == "2026-01-05"
    assert lines["instagram"]["growth"] == 0
    assert mine["platforms"] == PLATFORMS
    # Her own KPI row: 545 + 90 at the end of February, 65 gained on LinkedIn (Instagram's
    # first count is its base).
    kpis = client.get(
        f"/api/v1/programs/{program}/kpis/me", params={"from": "2026-01-01", "to": "2026-02-28"}
    ).json()["me"]
    assert (kpis["followers"], kpis["follower_growth"]) == (635, 65)
    january = client.get(
        f"/api/v1/programs/{program}/kpis/me", params={"from": "2026-01-01", "to": "2026-01-31"}
    ).json()["me"]
    assert (january["followers"], january["follower_growth"]) == (480, 0)
    # Deleting the latest makes the one before it the latest again.
    assert client.delete(f"{url}/{lines['linkedin']['latest_id']}").status_code == 204
    lines = {line["platform"]: line for line in client.get(f"{url}/me").json()["lines"]}
    assert lines["linkedin"]["followers"] == 480


@pytest.mark.parametrize(
    ("body", "status", "field", "code"),
    [
        ({"platform": "linkedin", "followers": -1}, 422, "followers", None),
        ({"platform": "linkedin", "followers": 3_000_000_000}, 422, "followers", None),
        ({"platform": "myspace", "followers": 10}, 422, "platform", None),
        ({"platform": "xing", "followers": 10}, 422, "platform", "not_in_program"),
        ({"platform": "linkedin", "followers": 10, "counted_on": "2999-01-01"}, 422, "counted_on", "future"),
        ({"platform": "linkedin"}, 422, "followers", None),
        # Under a tenth of the count before (1,000 on 2026-01-05): confirm first.
        ({"platform": "linkedin", "followers": 99, "counted_on": "2026-02-01"}, 409, "followers", "followers_drop"),
    ],
)  # fmt: skip
def test_bad_counts_name_the_field_and_write_nothing(
    client, db, program, body, status, field, code
):
    _influencer(db, client, program)
    url = f"/api/v1/programs/{program}/followers"
    client.post(url, json={"platform": "linkedin", "followers": 1000, "counted_on": "2026-01-05"})
    response = client.post(url, json=body)
    assert response.status_code == status, response.text
    problem = response.json()
    assert problem["errors"][0]["field"] == field
    if code:
        assert problem["errors"][0]["type"] == code
    assert _count(db) == 1


def test_a_big_drop_is_kept_when_confirmed(client, db, program):
    _influencer(db, client, program)
    url = f"/api/v1/programs/{program}/followers"
    client.post(url, json={"platform": "tiktok", "followers": 5000, "counted_on": "2026-01-05"})
    body = {"platform": "tiktok", "followers": 50, "counted_on": "2026-02-01"}
    assert client.post(url, json=body).status_code == 409
    assert client.post(url, json={**body, "confirm_drop": True}).status_code == 201
    assert _count(db) == 2


def test_who_records_for_whom(client, new_client, db, program):
    member = _influencer(db, client, program)
    url = f"/api/v1/programs/{program}/followers"
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    core_client = sign_in(new_client(), core)
    other = make_user(db)
    other_member = add_member(db, program, other, ProgramRole.influencer)
    body = {"platform": "linkedin", "followers": 10}
    # An influencer records only their own; the core team must say whose count it is.
    assert client.post(url, json={**body, "member_id": str(other_member)}).status_code == 403
    missing = core_client.post(url, json=body)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "member_id"
    made = core_client.post(url, json={**body, "member_id": str(member)})
    assert made.status_code == 201 and made.json()["member_id"] == str(member)
    # Another influencer's count is not found for an influencer; the core team deletes any.
    theirs = core_client.post(url, json={**body, "member_id": str(other_member)}).json()
    assert client.delete(f"{url}/{theirs['id']}").status_code == 404
    assert core_client.delete(f"{url}/{theirs['id']}").status_code == 204
    hr = make_user(db, Role.hr_viewer)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    assert sign_in(new_client(), hr).post(url, json=body).status_code == 403


def _hand(readings, start: date, end: date, keep=lambda who, platform: True):
    """Followers at `end` and growth in [start, end], as the formula says, by hand."""
    series: dict[tuple[int, str], list[tuple[date, int]]] = {}
    for who, platform, day, n in readings:
        if keep(who, platform):
            series.setdefault((who, platform), []).append((day, n))
    followers = growth = 0
    people = set()
    for (who, _), rows in series.items():
        rows.sort()
        upto = [n for d, n in rows if d <= end]
        if not upto:
            continue
        people.add(who)
        before = [n for d, n in rows if d < start]
        inside = [n for d, n in rows if start <= d <= end]
        base = before[-1] if before else inside[0]
        followers += upto[-1]
        growth += upto[-1] - base
    return followers, growth, len(people)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_kpi_follower_figures_equal_a_hand_computation(client, new_client, db, program, seed):
    rng = random.Random(seed)
    core, hr = make_user(db, Role.core_team), make_user(db, Role.hr_viewer)
    add_member(db, program, core, ProgramRole.core_team)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    with db.session() as session:
        pilot = Cohort(program_id=program, name="Pilot")
        session.add(pilot)
        session.flush()
        pilot_id = pilot.id
    people = [
        add_member(db, program, make_user(db), ProgramRole.influencer, cohort_id=pilot_id if n % 2 else None)
        for n in range(rng.randint(2, 7))
    ]  # fmt: skip
    readings = []
    with db.session() as session:
        for who, member in enumerate(people):
            for platform in rng.sample(PLATFORMS, rng.randint(0, 3)):
                days = sorted(rng.sample(range(0, 300), rng.randint(1, 5)))
                count = rng.randint(50, 5000)
                for offset in days:
                    count = max(0, count + rng.randint(-40, 300))
                    day = date(2025, 11, 1) + timedelta(days=offset)
                    session.add(
                        FollowerReading(
                            program_id=program,
                            member_id=member,
                            platform=platform,
                            counted_on=day,
                            followers=count,
                        )
                    )
                    readings.append((who, platform, day, count))
    # fmt: skip
    core_client = sign_in(new_client(), core)
    hr_client = sign_in(new_client(), hr)
    url = f"/api/v1/programs/{program}/kpis"
    for start, end in (
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 2, 10), date(2026, 6, 20)),
    ):
        totals = core_client.get(url, params={"from": str(start), "to": str(end)}).json()["totals"]
        followers, growth, counted = _hand(readings, start, end)
        assert (totals["followers"], totals["follower_growth"]) == (
            (followers, growth) if counted else (None, None)
        )
        linkedin = core_client.get(
            url, params={"from": str(start), "to": str(end), "platform": "linkedin"}
        )
        mine = _hand(readings, start, end, lambda who, p: p == "linkedin")
        assert linkedin.json()["totals"]["followers"] == (mine[0] if mine[2] else None)
        # The core team's influencer table: the same per person (null: no count by the end).
        for platform in (None, "linkedin"):
            query = {"from": str(start), "to": str(end), "per_page": 50}
            rows = core_client.get(
                f"{url}/influencers", params=query | ({"platform": platform} if platform else {})
            ).json()["items"]
            got = {r["member_id"]: (r["followers"], r["follower_growth"]) for r in rows}
            expected = {}
            for who, member in enumerate(people):
                one = _hand(
                    readings,
                    start,
                    end,
                    lambda w, p, who=who: w == who and platform in (None, p),
                )
                expected[str(member)] = one[:2] if one[2] else (None, None)
            assert got == expected
            assert (
                sum(f or 0 for f, _ in got.values())
                == _hand(readings, start, end, lambda w, p: platform in (None, p))[0]
            )
    # HR: whole months, and nothing from fewer than three people.
    start, end = date(2026, 1, 1), date(2026, 3, 31)
    totals = hr_client.get(url, params={"from": str(start), "to": str(end)}).json()["totals"]
    followers, growth, counted = _hand(readings, start, end)
    if counted >= 3:
        assert (totals["followers"], totals["follower_growth"]) == (followers, growth)
    else:
        assert totals["followers"] is None and totals["suppressed"]["followers"]
    # HR filtered by cohort: the people outside it must be nobody or at least three, too.
    pilot_people = {n for n in range(len(people)) if n % 2}
    totals = hr_client.get(
        url, params={"from": str(start), "to": str(end), "cohort": str(pilot_id)}
    ).json()["totals"]
    inside = _hand(readings, start, end, lambda who, p: who in pilot_people)
    outside = _hand(readings, start, end, lambda who, p: who not in pilot_people)
    if inside[2] >= 3 and outside[2] in (0, *range(3, 100)):
        assert totals["followers"] == inside[0]
    else:
        assert totals["followers"] is None


def _stored_series(db) -> list[tuple]:
    with db.session() as session:
        rows = session.execute(
            select(
                FollowerReading.member_id,
                FollowerReading.platform,
                FollowerReading.counted_on,
                FollowerReading.followers,
                FollowerReading.next_counted_on,
                FollowerReading.previous_counted_on,
            )
        )
        return [tuple(r) for r in rows]


def _check_links(stored: list[tuple]) -> None:
    """Each reading names its series' next and previous days (followers/series.py)."""
    days: dict[tuple, list[date]] = {}
    for member, platform, day, *_ in stored:
        days.setdefault((member, str(platform)), []).append(day)
    for member, platform, day, _, next_on, previous_on in stored:
        series = sorted(days[(member, str(platform))])
        at = series.index(day)
        assert next_on == (series[at + 1] if at + 1 < len(series) else None)
        assert previous_on == (series[at - 1] if at else None)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_series_links_and_figures_follow_every_kind_of_write(
    client, new_client, db, program, seed
):
    """Counts added before, between and after others, replaced the same day, deleted (the
    first, a middle one, the latest) and imported: the links stay right and the KPIs equal
    the hand computation after each."""
    rng = random.Random(seed)
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    core_client = sign_in(new_client(), core)
    accounts = [make_user(db) for _ in range(3)]
    people = [add_member(db, program, a, ProgramRole.influencer) for a in accounts]
    url = f"/api/v1/programs/{program}/followers"
    ids: list[str] = []
    periods = [(date(2026, 1, 1), date(2026, 12, 31)), (date(2026, 3, 10), date(2026, 6, 20))]

    def check():
        stored = _stored_series(db)
        _check_links(stored)
        who = {m: n for n, m in enumerate(people)}
        readings = [(who[m], str(p), d, n) for m, p, d, n, *_ in stored]
        for start, end in periods:
            totals = core_client.get(
                f"/api/v1/programs/{program}/kpis", params={"from": str(start), "to": str(end)}
            ).json()["totals"]
            followers, growth, counted = _hand(readings, start, end)
            assert (totals["followers"], totals["follower_growth"]) == (
                (followers, growth) if counted else (None, None)
            )

    for step in range(24):
        if ids and rng.random() < 0.3:
            gone = ids.pop(rng.randrange(len(ids)))
            assert core_client.delete(f"{url}/{gone}").status_code == 204
        else:
            day = date(2026, 1, 1) + timedelta(days=rng.randrange(0, 40) * 7)
            body = {
                "platform": rng.choice(PLATFORMS[:2]),
                "followers": rng.randint(10, 5000),
                "counted_on": str(day),
                "member_id": str(rng.choice(people)),
                "confirm_drop": True,
            }
            made = core_client.post(url, json=body)
            assert made.status_code == 201, made.text
            if made.json()["id"] not in ids:
                ids.append(made.json()["id"])
        if step % 4 == 3:
            check()
    # A platform's history from a file, between and after the counts already there.
    history = Path(__file__).parents[1] / "fixtures" / "imports" / "followers-history.csv"
    sign_in(client, accounts[0])
    imported = client.post(
        f"{url}/import",
        files={"file": ("followers.csv", history.read_bytes(), "text/csv")},
        data={"platform": "linkedin", "confirm_drop": "true"},
    )
    assert imported.status_code == 200, imported.text
    check()


def test_a_cohort_filter_counts_each_period_with_its_own_people(new_client, db, program):
    """Someone who joined the pilot on 1 March counts in March's figures under the pilot's
    filter and not in February's, the period March is compared with."""
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    with db.session() as session:
        pilot = Cohort(program_id=program, name="Pilot")
        session.add(pilot)
        session.flush()
        pilot_id = pilot.id
    always = add_member(db, program, make_user(db), ProgramRole.influencer, cohort_id=pilot_id)
    joined = add_member(db, program, make_user(db), ProgramRole.influencer)
    with db.session() as session:
        session.add(GroupPeriod(member_id=joined, cohort_id=pilot_id, from_on=date(2026, 3, 1)))
        for member, counts in ((always, (100, 110, 130)), (joined, (1000, 1200, 1500))):
            for month, count in zip((1, 2, 3), counts, strict=True):
                session.add(
                    FollowerReading(
                        program_id=program,
                        member_id=member,
                        platform="linkedin",
                        counted_on=date(2026, month, 1),
                        followers=count,
                    )
                )
    kpis = sign_in(new_client(), core).get(
        f"/api/v1/programs/{program}/kpis",
        params={"from": "2026-03-01", "to": "2026-03-31", "cohort": str(pilot_id)},
    )
    assert kpis.status_code == 200, kpis.text
    body = kpis.json()
    assert (body["totals"]["followers"], body["totals"]["follower_growth"]) == (1630, 320)
    assert body["previous_from"] == "2026-02-01"
    assert (body["previous"]["followers"], body["previous"]["follower_growth"]) == (110, 10)


def test_links_to_own_accounts_are_set_checked_and_removed(client, new_client, db, program):
    member = _influencer(db, client, program)
    url = f"/api/v1/programs/{program}/followers/profiles"
    linked = client.put(
        url, json={"platform": "linkedin", "url": "https://www.linkedin.com/in/mia-brand"}
    )
    assert linked.status_code == 200, linked.text
    assert linked.json() == [
        {"platform": "linkedin", "url": "https://www.linkedin.com/in/mia-brand"}
    ]
    # Another platform's address, a script link, no link at all: refused, naming the field.
    for body, kind in (
        ({"platform": "instagram", "url": "https://www.linkedin.com/in/mia-brand"}, "url_platform"),
        ({"platform": "tiktok", "url": "javascript:alert(1)"}, "url_scheme"),
        ({"platform": "tiktok", "url": "tiktok.com/@mia"}, None),
    ):
        refused = client.put(url, json=body)
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "url"
        if kind:
            assert refused.json()["errors"][0]["type"] == kind
    # Changing and removing; the core team sees it on the influencer's page.
    client.put(url, json={"platform": "tiktok", "url": "https://www.tiktok.com/@mia.brand"})
    client.put(url, json={"platform": "linkedin", "url": None})
    assert client.get(f"/api/v1/programs/{program}/followers/me").json()["profiles"] == [
        {"platform": "tiktok", "url": "https://www.tiktok.com/@mia.brand"}
    ]
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    core_client = sign_in(new_client(), core)
    page = core_client.get(f"/api/v1/programs/{program}/influencers/{member}").json()
    assert page["profiles"] == [{"platform": "tiktok", "url": "https://www.tiktok.com/@mia.brand"}]
    assert page["platforms"] == PLATFORMS


def test_erasure_deletes_the_account_links_and_keeps_the_counts(client, new_client, db, program):
    member = _influencer(db, client, program)
    client.post(
        f"/api/v1/programs/{program}/followers", json={"platform": "linkedin", "followers": 700}
    )
    client.put(
        f"/api/v1/programs/{program}/followers/profiles",
        json={"platform": "linkedin", "url": "https://www.linkedin.com/in/mia-brand"},
    )
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    core_client = sign_in(new_client(), core)
    assert client.put("/api/v1/me/erasure-request", json={}).status_code == 200
    request = core_client.get("/api/v1/erasure-requests").json()
    request = request["items"] if isinstance(request, dict) else request
    assert (
        core_client.post(f"/api/v1/erasure-requests/{request[0]['id']}/confirm").status_code < 300
    )
    with db.session() as session:
        links = session.scalar(
            select(func.count()).select_from(SocialProfile).where(SocialProfile.member_id == member)
        )
        counts = session.scalar(
            select(func.count())
            .select_from(FollowerReading)
            .where(FollowerReading.member_id == member)
        )
    assert (links, counts) == (0, 1)


def test_counts_of_one_series_written_at_once_are_linked_right(tmp_path):
    """Two transactions adding counts to one person's series at the same moment: each relinks
    what it sees, and the second (which waits for the first) sees both (PostgreSQL, where the
    race is real)."""
    with migrated_postgres(tmp_path) as db:
        program = make_program(db, starts_on=date(2026, 1, 1), platforms=PLATFORMS)
        member = add_member(db, program, make_user(db), ProgramRole.influencer)

        def record(session, day) -> None:
            session.add(FollowerReading(program_id=program, member_id=member,
                                        platform="linkedin", counted_on=day,
                                        followers=100 if day.month == 1 else 200))  # fmt: skip

        with db.session() as session:
            record(session, date(2026, 1, 1))
        assert write_at_once(db, record, (date(2026, m, 1) for m in (2, 3))) == []
        stored = _stored_series(db)
        assert len(stored) == 3
        _check_links(stored)
