"""The HR privacy rule (kpis/privacy.py, docs/security.md "HR privacy rule"): HR leadership
never sees a figure computed from fewer than the program's `min_group_size` people.

The property test builds random small programs and asks as HR for random month ranges; every
figure of the answer and of the CSV download is checked against a recomputation, from the
test's own list of posts and outcomes, of how many people it came from.
"""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from botschaft.identity.models import Role
from botschaft.kpis.privacy import BREAKDOWNS, OTHER, describe_hr_view, month_end
from botschaft.posts.models import Outcome
from botschaft.programs import history
from botschaft.teams.models import Team
from botschaft.tenancy.models import Cohort, Program, ProgramMembership, ProgramRole
from tests.support.api import add_member, make_program, make_user, place_in_groups, sign_in
from tests.support.clock import local_today
from tests.support.factories import add_post

FIRST = date(2025, 11, 1)  # posts and outcomes fall from here …
DAYS = (date(2026, 6, 30) - FIRST).days  # … to the end of June 2026 (all months are over)
MONTHS = [date(2025, 10 + m, 1) if m < 3 else date(2026, m - 2, 1) for m in range(10)]
PLATFORMS = ["linkedin", "instagram", "other"]  # "other" is also a platform's name
FORMATS = ["text", "video"]
TYPES = ["hire", "job_application", "other"]


def _month(day: date) -> date:
    return day.replace(day=1)


@dataclass
class World:
    min_group: int
    people: list[dict]
    posts: list[tuple[int, date, str, str, int, int | None]]  # person, day, platform, …
    outcomes: list[tuple[int, date, str]]
    periods: list[tuple[int, int]]  # indexes into MONTHS
    odd_period: tuple[date, date]
    ids: list = field(default_factory=list)


@st.composite
def worlds(draw, people=(0, 9), max_posts=35, days=DAYS, min_group=(2, 5), moves=False) -> World:
    """With `moves`, some people move to another cohort on a day of the world (often in the
    middle of a month): their posts count for the cohort of their day."""
    n = draw(st.integers(*people))
    day = st.integers(0, days).map(lambda d: FIRST + timedelta(days=d))
    cohort = st.sampled_from(["Pilot", "Welle 2", None])
    people = [
        {
            "group": draw(st.sampled_from(["Technik", "Soziales", None])),
            "cohort": draw(cohort),
            "teams": draw(st.sets(st.sampled_from(["Multis", "Fachleute"]), max_size=2)),
            "move": draw(st.none() | st.tuples(day, cohort)) if moves else None,
        }
        for _ in range(n)
    ]
    person = st.integers(0, max(n - 1, 0))
    posts = draw(
        st.lists(
            st.tuples(
                person,
                day,
                st.sampled_from(PLATFORMS),
                st.sampled_from(FORMATS),
                st.integers(0, 40),
                st.none() | st.integers(1, 500),
            ),
            max_size=max_posts if n else 0,
        )
    )
    outcomes = draw(
        st.lists(st.tuples(person, day, st.sampled_from(TYPES)), max_size=8 if n else 0)
    )
    period = st.tuples(st.integers(0, 9), st.integers(0, 9)).map(lambda p: (min(p), max(p)))
    periods = draw(st.lists(period, min_size=1, max_size=3))
    start = draw(day)
    odd = (start, start + timedelta(days=draw(st.integers(0, 40))))
    return World(draw(st.integers(*min_group)), people, posts, outcomes, periods, odd)


def _build(db, world: World, hr, core) -> object:
    program = make_program(db, min_group_size=world.min_group, starts_on=FIRST)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    add_member(db, program, core, ProgramRole.core_team)
    with db.session() as session:
        cohorts = {name: Cohort(program_id=program, name=name) for name in ("Pilot", "Welle 2")}
        teams = {name: Team(program_id=program, name=name) for name in ("Multis", "Fachleute")}
        session.add_all([*cohorts.values(), *teams.values()])
        session.flush()
        for person in world.people:
            member = ProgramMembership(
                program_id=program,
                user_id=make_user(db).id,
                role=ProgramRole.influencer,
                occupation_group=person["group"],
            )
            session.add(member)
            session.flush()
            cohort = cohorts[person["cohort"]].id if person["cohort"] else None
            place_in_groups(session, member, cohort, [teams[t].id for t in person["teams"]])
            if person["move"]:
                day, moved_to = person["move"]
                moved = cohorts[moved_to].id if moved_to else None
                history.set_cohort(session, member, moved, day)
            world.ids.append(member.id)
        for n, (who, day, platform, fmt, likes, impressions) in enumerate(world.posts):
            url = f"https://linkedin.com/posts/p{n}"
            add_post(
                session,
                program_id=program,
                member_id=world.ids[who],
                url=url,
                normalized_url=url,
                platform=platform,
                format=fmt,
                published_on=day,
                likes=likes,
                comments=likes % 3,
                impressions=impressions,
            )
        for who, day, kind in world.outcomes:
            session.add(
                Outcome(program_id=program, member_id=world.ids[who], type=kind, occurred_on=day)
            )
    return program


def _keys(world: World, who: int) -> dict[str, set[str]]:
    """The groups of a person as the server should see them (people in no team are "other"
    once the program has teams)."""
    person = world.people[who]
    any_team = any(p["teams"] for p in world.people)
    return {
        "occupational_group": {person["group"] or OTHER},
        "cohort": {person["cohort"] or OTHER},
        "team": (set(person["teams"]) or {OTHER}) if any_team else set(),
    }


def _check_answer(world: World, kpis: dict, first: date, last: date) -> list[date]:
    """Every figure of one HR answer against the recomputed people behind it; returns the
    months the answer showed."""
    minimum = world.min_group
    months = _months_between(first, last)
    posters = {m: {w for w, d, *_ in world.posts if _month(d) == m} for m in months}
    shown = []
    for row, m in zip(kpis["monthly"], months, strict=True):
        assert row["month"] == f"{m:%Y-%m}"
        if row["suppressed"] is None:
            assert len(posters[m]) >= minimum, f"{row} comes from {len(posters[m])} people"
            assert row["posts"] == sum(1 for _, d, *_ in world.posts if _month(d) == m)
            shown.append(m)
        else:
            assert row["posts"] is None and row["engagements"] is None
            assert len(posters[m]) < minimum, "a month of enough people is shown"
    inside = set(shown)
    posts = [p for p in world.posts if _month(p[1]) in inside]
    outcomes = [o for o in world.outcomes if _month(o[1]) in inside]
    authors = {p[0] for p in posts}
    totals = kpis["totals"]
    for name in ("posts", "impressions", "likes", "engagements", "active_influencers"):
        if totals[name] is not None:
            assert len(authors) >= minimum, f"totals.{name} from {len(authors)} people"
        else:
            assert totals["suppressed"][name]
    if totals["posts"] is not None:
        # Totals are the sum of the shown months: two month ranges differ by shown months only.
        assert totals["posts"] == sum(r["posts"] for r in kpis["monthly"] if r["posts"] is not None)
        assert totals["active_influencers"] == len(authors)
    got = {o[0] for o in outcomes}
    if totals["outcomes"] is not None:
        assert len(got) >= minimum, f"totals.outcomes from {len(got)} people"
        assert totals["outcomes"] == len(outcomes) == sum(kpis["outcomes_by_type"].values())
    # Outcomes per type: a type's people, "other" the people of every type not shown by name.
    named = set(kpis["outcomes_by_type"]) - {OTHER}
    for kind, count in kpis["outcomes_by_type"].items():
        mine = [o for o in outcomes if (o[2] == kind if kind != OTHER else o[2] not in named)]
        assert len({o[0] for o in mine}) >= minimum, f"outcomes {kind} from too few people"
        assert count == len(mine)
    # Breakdowns: each group's distinct people, "other" those of every group not shown by name.
    for dimension, name in BREAKDOWNS.items():
        members: dict[str, set[int]] = {}
        for who, _, platform, fmt, *_ in posts:
            keys = _keys(world, who) | {"platform": {platform}, "format": {fmt}}
            for key in keys[dimension]:
                members.setdefault(key, set()).add(who)
        rows = kpis[name]
        named = {r["key"] for r in rows} - {OTHER}
        for row in rows:
            keys = [row["key"]] if row["key"] != OTHER else set(members) - named
            people = set().union(*(members.get(k, set()) for k in keys))
            assert len(people) >= minimum, f"{name} {row['key']} from {len(people)} people"
            assert row["people"] == len(people)
        if rows:
            # Everyone is in a shown group: no total minus groups isolates a small one.
            covered = set().union(*members.values()) if members else set()
            assert covered == authors or dimension == "team"
            assert sum(r["people"] for r in rows) >= len(covered)
    return shown


def _months_between(first: date, last: date) -> list[date]:
    months, day = [], first
    while day <= last:
        months.append(day)
        day = month_end(day) + timedelta(days=1)
    return months


def test_no_hr_figure_comes_from_fewer_people_than_the_minimum(client, new_client, db):
    hr = make_user(db, Role.hr_viewer)
    core = make_user(db, Role.core_team)
    sign_in(client, hr)
    core_view = sign_in(new_client(), core)
    downloads = itertools.count()

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(world=worlds())
    def check(world: World):
        program = _build(db, world, hr, core)
        url = f"/api/v1/programs/{program}/kpis"
        for a, b in world.periods:
            first, last = MONTHS[a], month_end(MONTHS[b])
            period = {"from": str(first), "to": str(last)}
            answer = client.get(url, params=period)
            assert answer.status_code == 200, answer.text
            kpis = answer.json()
            assert kpis["restricted"] and kpis["top_posts"] is None
            _check_answer(world, kpis, first, last)
            previous_months = _months_between(
                date.fromisoformat(kpis["previous_from"]), date.fromisoformat(kpis["previous_to"])
            )
            assert len(previous_months) == b - a + 1
            _check_previous(world, kpis["previous"], previous_months)
            # The core team sees every figure of the same period.
            full = core_view.get(url, params=period).json()
            in_period = [p for p in world.posts if first <= p[1] <= last]
            assert full["totals"]["posts"] == len(in_period) and not full["totals"]["suppressed"]
            assert all(m["suppressed"] is None for m in full["monthly"])
        # The download carries the same figures; a hidden one is words, never a number.
        if next(downloads) < 25:  # exports are rate-limited per user (30 an hour)
            a, b = world.periods[0]
            period = {"from": str(MONTHS[a]), "to": str(month_end(MONTHS[b]))}
            kpis = client.get(url, params=period).json()
            params = {**period, "format": "csv", "lang": "en"}
            text = client.get(f"{url}/export", params=params).text
            _check_csv(text, kpis)
        # A period that is not whole months is refused, naming the field.
        start, end = world.odd_period
        if start.day != 1 or end != month_end(end):
            odd = client.get(url, params={"from": str(start), "to": str(end)})
            assert odd.status_code == 422
            assert odd.json()["type"].endswith("/hr_period_whole_months")
            assert {e["field"] for e in odd.json()["errors"]} <= {"from", "to"}

    check()


def _check_previous(world: World, totals: dict, months: list[date]) -> None:
    posters = {m: {w for w, d, *_ in world.posts if _month(d) == m} for m in months}
    shown = {m for m in months if len(posters[m]) >= world.min_group}
    authors = set().union(*(posters[m] for m in shown)) if shown else set()
    if totals["posts"] is not None:
        assert len(authors) >= world.min_group
        assert totals["posts"] == sum(1 for p in world.posts if _month(p[1]) in shown)


def _check_csv(text: str, kpis: dict) -> None:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text)))
    # Totals: word, this period, previous period, code (the figure's name for machines).
    totals = {r[4]: r[2] for r in rows if r[0] == "Totals" and r[1] != "Figure"}
    assert totals, "the download has its totals"
    for name, value in totals.items():
        expected = kpis["totals"][name]
        if expected is None and name in kpis["totals"]["suppressed"]:
            assert value.startswith("hidden"), f"{name}: {value}"
        elif expected is not None:
            assert float(value.replace(",", ".")) == pytest.approx(expected)
    monthly = {r[1]: r[2:7] for r in rows if r[0] == "Monthly" and r[1] != "Month"}
    for row in kpis["monthly"]:
        cells = monthly[row["month"]]
        if row["suppressed"]:
            assert all(c.startswith("hidden") for c in cells), cells
        else:
            assert int(cells[0]) == row["posts"]


def _delimiter(text: str) -> str:
    first = text.lstrip("\ufeff").splitlines()[0]
    return ";" if first.count(";") > first.count(",") else ","


# --- filtered views ---------------------------------------------------------------------


@st.composite
def filters(draw) -> dict:
    """A filter with at least one part: platform, cohort and team names (or None)."""
    picked = draw(
        st.fixed_dictionaries(
            {
                "platform": st.none() | st.sampled_from(PLATFORMS),
                "cohort": st.none() | st.sampled_from(["Pilot", "Welle 2"]),
                "team": st.none() | st.sampled_from(["Multis", "Fachleute"]),
            }
        ).filter(lambda f: any(f.values()))
    )
    return picked


def _cohort_on(person: dict, day: date) -> str | None:
    """The person's cohort on `day`: a move counts from its day, except a first cohort, which
    counts since always (programs/history.py)."""
    if person["move"] is None:
        return person["cohort"]
    moved_on, moved_to = person["move"]
    if person["cohort"] is None:
        return moved_to
    return moved_to if day >= moved_on else person["cohort"]


def _in_filter(world: World, who: int, day: date, platform: str | None, flt: dict) -> bool:
    """A post (or, with platform None, an outcome) of `day` is in the filter: its person in
    the cohort on that day and in the team, its platform the filter's (an outcome has none:
    never in a platform filter)."""
    person = world.people[who]
    if flt["cohort"] and _cohort_on(person, day) != flt["cohort"]:
        return False
    if flt["team"] and flt["team"] not in person["teams"]:
        return False
    return not flt["platform"] or platform == flt["platform"]


def _filter_params(db, program, flt: dict) -> dict:
    params = {}
    with db.session() as session:
        if flt["platform"]:
            params["platform"] = flt["platform"]
        if flt["cohort"]:
            params["cohort"] = str(
                session.scalar(
                    select(Cohort.id).where(
                        Cohort.program_id == program, Cohort.name == flt["cohort"]
                    )
                )
            )
        if flt["team"]:
            params["team"] = str(
                session.scalar(
                    select(Team.id).where(Team.program_id == program, Team.name == flt["team"])
                )
            )
    return params


def test_a_filtered_hr_view_hides_what_the_unfiltered_one_would_give_away(client, new_client, db):
    """Narrowed by platform, cohort or team, a month is shown only when at least the minimum
    posted in the filter and nobody or at least the minimum outside it (the unfiltered view
    minus the filtered one); outcomes likewise; no breakdowns. The core team's filtered
    figures are exact."""
    hr = make_user(db, Role.hr_viewer)
    core = make_user(db, Role.core_team)
    sign_in(client, hr)
    core_view = sign_in(new_client(), core)

    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    # Busy months (many posts in three), so that filters often leave a few people out.
    @given(world=worlds((3, 12), 80, 91, (2, 3), moves=True), flt=filters())
    def check(world: World, flt: dict):
        program = _build(db, world, hr, core)
        url = f"/api/v1/programs/{program}/kpis"
        narrow = _filter_params(db, program, flt)
        minimum = world.min_group
        first, last = MONTHS[0], month_end(MONTHS[3])
        period = {"from": str(first), "to": str(last)}
        kpis = client.get(url, params={**period, **narrow}).json()
        assert kpis["filter"]["platform"] == flt["platform"]
        assert kpis["filter"]["cohort"] == flt["cohort"]
        assert kpis["filter"]["team"] == flt["team"]
        kept = [p for p in world.posts if _in_filter(world, p[0], p[1], p[2], flt)]
        left = [p for p in world.posts if not _in_filter(world, p[0], p[1], p[2], flt)]
        shown = set()
        for row, m in zip(kpis["monthly"], _months_between(first, last), strict=True):
            inside = {p[0] for p in kept if _month(p[1]) == m}
            outside = {p[0] for p in left if _month(p[1]) == m}
            safe = len(inside) >= minimum and (not outside or len(outside) >= minimum)
            assert (row["suppressed"] is None) == safe, (row, len(inside), len(outside))
            if safe:
                assert row["posts"] == sum(1 for p in kept if _month(p[1]) == m)
                shown.add(m)
        totals = kpis["totals"]
        authors = {p[0] for p in kept if _month(p[1]) in shown}
        if totals["posts"] is not None:
            assert len(authors) >= minimum
            assert totals["posts"] == sum(1 for p in kept if _month(p[1]) in shown)
        outcomes = [o for o in world.outcomes if _month(o[1]) in shown]
        mine = {o[0] for o in outcomes if _in_filter(world, o[0], o[1], None, flt)}
        rest = {o[0] for o in outcomes if not _in_filter(world, o[0], o[1], None, flt)}
        if totals["outcomes"] is not None:
            assert len(mine) >= minimum and (not rest or len(rest) >= minimum)
        for name in BREAKDOWNS.values():
            assert kpis[name] == [] and kpis["suppressed"][name] == "filtered"
        assert kpis["outcomes_by_type"] == {}
        # The core team sees the exact filtered figures, and only the filter's people.
        full = core_view.get(url, params={**period, **narrow}).json()
        in_period = [p for p in kept if first <= p[1] <= last]
        assert full["totals"]["posts"] == len(in_period)
        assert full["totals"]["likes"] == sum(p[4] for p in in_period)
        assert full["totals"]["active_influencers"] == len({p[0] for p in in_period})
        table = core_view.get(f"{url}/influencers", params={**period, **narrow, "per_page": 100})
        # The people of the cohort and team on some day of the period (a platform keeps all).
        days = [first + timedelta(days=d) for d in range((last - first).days + 1)]
        people = {
            str(world.ids[n])
            for n in range(len(world.people))
            if any(_in_filter(world, n, day, flt["platform"], flt) for day in days)
        }
        assert {r["member_id"] for r in table.json()["items"]} == people

    check()


# --- the probe's cases ------------------------------------------------------------------


def _setup(db, client, new_client, min_group=5, **program_fields):
    program = make_program(
        db, min_group_size=min_group, starts_on=date(2026, 1, 1), **program_fields
    )
    hr, core = make_user(db, Role.hr_viewer), make_user(db, Role.core_team)
    add_member(db, program, hr, ProgramRole.hr_viewer)
    add_member(db, program, core, ProgramRole.core_team)
    return program, sign_in(client, hr), sign_in(new_client(), core)


def _people(db, program, n: int) -> list:
    return [add_member(db, program, make_user(db), ProgramRole.influencer) for _ in range(n)]


def _add_post(db, program, member, day: date, likes: int = 10) -> None:
    with db.session() as session:
        add_post(
            session,
            program_id=program,
            member_id=member,
            published_on=day,
            likes=likes,
            impressions=100,
        )


def test_a_one_day_period_is_refused_for_hr_and_shown_to_the_core_team(client, new_client, db):
    program, hr, core = _setup(db, client, new_client)
    (ada,) = _people(db, program, 1)
    _add_post(db, program, ada, date(2026, 6, 30))
    url = f"/api/v1/programs/{program}/kpis"
    one_day = {"from": "2026-06-30", "to": "2026-06-30"}
    refused = hr.get(url, params=one_day)
    assert refused.status_code == 422
    assert refused.json()["type"].endswith("/hr_period_whole_months")
    assert [e["field"] for e in refused.json()["errors"]] == ["from"]
    refused = hr.get(f"{url}/export", params={**one_day, "format": "csv"})
    assert refused.status_code == 422, "the download follows the same rule"
    june = hr.get(url, params={"from": "2026-06-01", "to": "2026-06-30"}).json()
    assert june["totals"]["active_influencers"] is None and june["totals"]["posts"] is None
    assert june["totals"]["suppressed"]["posts"] == "fewer_than_min_group"
    assert june["monthly"][0]["suppressed"] == "fewer_than_min_group"
    assert core.get(url, params=one_day).json()["totals"]["active_influencers"] == 1


def test_a_month_with_one_active_person_and_a_hire_shows_neither(client, new_client, db):
    program, hr, core = _setup(db, client, new_client)
    six = _people(db, program, 6)
    for member in six:
        _add_post(db, program, member, date(2026, 5, 12))
    _add_post(db, program, six[0], date(2026, 6, 3), likes=99)
    with db.session() as session:
        session.add(
            Outcome(
                program_id=program, member_id=six[0], type="hire", occurred_on=date(2026, 6, 20)
            )
        )
    url = f"/api/v1/programs/{program}/kpis"
    kpis = hr.get(url, params={"from": "2026-05-01", "to": "2026-06-30"}).json()
    may, june = kpis["monthly"]
    assert (may["posts"], may["suppressed"]) == (6, None)
    assert june["posts"] is None and june["suppressed"] == "fewer_than_min_group"
    assert kpis["totals"]["posts"] == 6, "the hidden month is not in the totals"
    assert kpis["outcomes_by_type"] == {} and kpis["totals"]["outcomes"] is None
    assert kpis["totals"]["suppressed"]["outcomes"] == "fewer_than_min_group"
    full = core.get(url, params={"from": "2026-05-01", "to": "2026-06-30"}).json()
    assert full["outcomes_by_type"] == {"hire": 1} and full["totals"]["posts"] == 7


def test_two_overlapping_month_ranges_never_differ_by_a_hidden_month(client, new_client, db):
    program, hr, _ = _setup(db, client, new_client)
    people = _people(db, program, 6)
    for month in (1, 2):
        for member in people:
            _add_post(db, program, member, date(2026, month, 10))
    _add_post(db, program, people[0], date(2026, 3, 10), likes=500)  # March: one person
    url = f"/api/v1/programs/{program}/kpis"
    wide = hr.get(url, params={"from": "2026-01-01", "to": "2026-03-31"}).json()["totals"]
    narrow = hr.get(url, params={"from": "2026-01-01", "to": "2026-02-28"}).json()["totals"]
    assert wide["posts"] == narrow["posts"] == 12
    assert wide["engagements"] == narrow["engagements"], "March's one person stays hidden"
    # With five more people March is shown, and the difference is a month of six people.
    for member in people[1:]:
        _add_post(db, program, member, date(2026, 3, 11))
    wide = hr.get(url, params={"from": "2026-01-01", "to": "2026-03-31"}).json()
    assert wide["totals"]["posts"] - narrow["posts"] == wide["monthly"][2]["posts"] == 6


def test_a_month_that_is_not_over_is_hidden_from_hr(client, new_client, db):
    program, hr, core = _setup(db, client, new_client, min_group=2)
    today = local_today()
    for member in _people(db, program, 3):
        _add_post(db, program, member, today)
    first = today.replace(day=1)
    period = {"from": str(first), "to": str(month_end(first))}
    url = f"/api/v1/programs/{program}/kpis"
    kpis = hr.get(url, params=period).json()
    assert kpis["monthly"][0]["suppressed"] == "month_not_over"
    assert kpis["totals"]["suppressed"]["posts"] == "month_not_over"
    assert kpis["suppressed"]["by_platform"] == "month_not_over"
    assert core.get(url, params=period).json()["totals"]["posts"] == 3
    # Without a period HR gets whole months up to the last one that is over.
    default = hr.get(url).json()
    assert date.fromisoformat(default["period_to"]) == first - timedelta(days=1)
    assert date.fromisoformat(default["period_from"]).day == 1


def test_people_in_no_team_are_a_group_so_teams_do_not_isolate_them(client, new_client, db):
    program, hr, _ = _setup(db, client, new_client, min_group=3)
    people = _people(db, program, 4)
    with db.session() as session:
        team = Team(program_id=program, name="Multis")
        session.add(team)
        session.flush()
        for m in people[:3]:
            place_in_groups(session, session.get(ProgramMembership, m), team_ids=[team.id])
    for member in people:
        _add_post(db, program, member, date(2026, 2, 2))
    kpis = hr.get(
        f"/api/v1/programs/{program}/kpis", params={"from": "2026-02-01", "to": "2026-02-28"}
    ).json()
    # Multis (3) and the one person without a team: shown alone, total − Multis would be them.
    assert [(g["key"], g["people"]) for g in kpis["by_team"]] == [("other", 4)]
    assert kpis["totals"]["posts"] == 4


def test_rankings_show_top_posts_to_hr_only_when_the_program_turned_them_on(client, new_client, db):
    from sqlalchemy import select

    from botschaft.audit.models import AuditEvent

    program, hr, core = _setup(db, client, new_client, min_group=2)
    for member in _people(db, program, 3):
        _add_post(db, program, member, date(2026, 2, 2))
    url = f"/api/v1/programs/{program}/kpis"
    period = {"from": "2026-02-01", "to": "2026-02-28"}
    assert hr.get(url, params=period).json()["top_posts"] is None
    version = core.get(f"/api/v1/programs/{program}").json()["version"]
    changed = core.patch(
        f"/api/v1/programs/{program}", json={"rankings_enabled": True, "version": version}
    )
    assert changed.status_code == 200 and changed.json()["rankings_enabled"] is True
    top = hr.get(url, params=period).json()["top_posts"]
    assert len(top) == 3 and all(p["member_name"] for p in top)
    with db.session() as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "program.rankings_changed")
        ).all()
        assert [e.details for e in events] == [{"rankings_enabled": True}]


def test_the_hr_view_is_described_from_the_rule_itself(db):
    program = make_program(db, min_group_size=7)
    with db.session() as session:
        described = describe_hr_view(session.get(Program, program))
    assert described.min_group_size == 7 and described.whole_months_only
    assert described.breakdowns == tuple(BREAKDOWNS) and not described.rankings_enabled
    assert described.figures == ("posts", "impressions", "engagements", "outcomes", "followers")
    with db.session() as session:
        row = session.get(Program, program)
        row.rankings_enabled, row.min_group_size = True, 3
        changed = describe_hr_view(row)
        assert changed.rankings_enabled and changed.min_group_size == 3


def test_other_counts_a_person_in_two_merged_groups_once():
    from botschaft.kpis.privacy import private_breakdown
    from botschaft.kpis.schemas import GroupRow

    rows = [
        GroupRow(key="linkedin", people=0, posts=2, engagements=20),
        GroupRow(key="instagram", people=0, posts=2, engagements=20),
        GroupRow(key="tiktok", people=0, posts=9, engagements=90),
    ]
    # The same two people on two platforms are two people, not four: "other" takes in TikTok.
    members = {"linkedin": {1, 2}, "instagram": {1, 2}, "tiktok": {3, 4, 5, 6, 7}}
    shown = private_breakdown(rows, members, 3)
    assert [(g.key, g.people, g.posts) for g in shown] == [("other", 7, 13)]
    assert private_breakdown(rows[:2], members, 3) == [], "two people in all: nothing"
