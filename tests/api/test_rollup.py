"""The KPIs' monthly rollup: kept equal to the posts on every kind of write, and KPIs for any
period (whole months from the rollup, the other days from the posts) equal to the posts."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import func, insert, select

from botschaft.core import dialect as sql
from botschaft.core import migrate
from botschaft.core.database import Database, make_engine
from botschaft.core.ids import uuid7
from botschaft.core.settings import Settings
from botschaft.identity.models import Role
from botschaft.kpis.facts import split_period
from botschaft.kpis.privacy import OTHER
from botschaft.posts import rollup
from botschaft.posts.models import (
    SUMMED,
    Post,
    PostRollup,
    ProgramPostRollup,
    ProgramPostRollupChange,
)
from botschaft.posts.service import program_today
from botschaft.tenancy.models import Cohort, Program, ProgramRole
from tests.support.api import add_member, make_program, make_user, sign_in
from tests.support.clock import local_today
from tests.support.concurrency import migrated_postgres, write_at_once
from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
    sqlite_url,
)
from tests.support.factories import add_post
from tests.support.jobs import run_jobs
from tests.support.old_rows import as_of, old_member, old_program

COLUMNS = ("member_id", "month", "dimension", "key", "program_id", *SUMMED, "last_post_on")
COLUMNS += ("platforms", "formats")
PROGRAM_COLUMNS = ("program_id", "dimension", "key", "month", *SUMMED)


def _add(totals: dict[tuple, list[int]], key: tuple, sums) -> None:
    current = totals.setdefault(key, [0] * len(SUMMED))
    for n, value in enumerate(sums):
        current[n] += value


def _stored_and_fresh(db) -> tuple[set, set]:
    """Both rollups as stored, and as recomputed from the posts now."""
    with db.session() as session:
        stored = {
            tuple(r)
            for r in session.execute(select(*(getattr(PostRollup, c) for c in COLUMNS))).all()
        }
        program_rows: dict[tuple, list[int]] = {}
        for table in (ProgramPostRollup, ProgramPostRollupChange):  # rows + changes not folded
            for row in session.execute(select(*(getattr(table, c) for c in PROGRAM_COLUMNS))):
                _add(program_rows, tuple(row[:4]), row[4:])
        stored |= {("program", *key, *sums) for key, sums in program_rows.items() if sums[0]}
        fresh = set()
        for dimension in rollup.DIMENSIONS:
            rows = session.execute(rollup.aggregate(sql.name(session), dimension)).all()
            fresh |= {tuple(r._mapping[c] for c in COLUMNS) for r in rows}
    programs: dict[tuple, list[int]] = {}
    for row in fresh:
        values = dict(zip(COLUMNS, row, strict=True))
        _add(programs, tuple(values[c] for c in PROGRAM_COLUMNS[:4]), [values[c] for c in SUMMED])
    fresh |= {("program", *key, *sums) for key, sums in programs.items()}
    return stored, fresh


def _assert_current(db, posts: int) -> None:
    stored, fresh = _stored_and_fresh(db)
    assert stored == fresh
    assert sum(r[5] for r in stored if r[0] != "program" and r[2] == "all") == posts
    assert sum(r[5] for r in stored if r[0] == "program" and r[2] == "all") == posts


@pytest.fixture
def team(db):
    program = make_program(db, timezone="Europe/Berlin", starts_on=date(2025, 1, 1))
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    ada = make_user(db, Role.influencer, email="ada@example.org")
    ada_member = add_member(db, program, ada, ProgramRole.influencer)
    return program, core, ada, ada_member


def test_the_rollup_follows_every_kind_of_post_write(app, client, new_client, db, team):
    program, core, ada, ada_member = team
    base = f"/api/v1/programs/{program}/posts"
    sign_in(client, ada)
    first = client.post(
        base, json={"url": "https://linkedin.com/posts/a-1", "published_on": "2026-01-10"}
    ).json()
    client.post(
        base,
        json={
            "url": "https://instagram.com/p/A2",
            "published_on": "2026-01-20",
            "format": "video",
        },
    )
    _assert_current(db, 2)

    figures = client.post(
        f"{base}/{first['id']}/figures",
        json={"likes": 40, "comments": 4, "read_at": "2026-04-01T10:00:00+02:00"},
    )
    assert figures.status_code == 200, figures.text
    _assert_current(db, 2)

    moved = client.patch(
        f"{base}/{first['id']}",
        json={"version": figures.json()["version"], "published_on": "2026-03-02"},
    )
    assert moved.status_code == 200, moved.text
    _assert_current(db, 2)
    with db.session() as session:
        months = set(
            session.scalars(
                select(PostRollup.month).where(
                    PostRollup.member_id == ada_member, PostRollup.dimension == "all"
                )
            )
        )
    assert months == {date(2026, 1, 1), date(2026, 3, 1)}

    batch = client.post(
        f"{base}/figures",
        json={
            "items": [
                {
                    "post_id": first["id"],
                    "likes": 50,
                    "impressions": 1000,
                    "read_at": "2026-04-02T10:00:00+02:00",
                }
            ]
        },
    )
    assert batch.status_code == 200, batch.text
    _assert_current(db, 2)

    csv = (
        "url;published_on;impressions;likes;comments;shares\n"
        "https://linkedin.com/posts/a-1;2026-03-02;2000;70;7;1\n"
        "https://linkedin.com/posts/a-new;2026-02-14;300;3;0;0\n"
    )
    imported = client.post(
        f"{base}/imports",
        files={"file": ("f.csv", csv.encode(), "text/csv")},
        data={"create_missing": "true"},
    )
    assert imported.status_code == 200, imported.text
    _assert_current(db, 3)
    with db.session() as session:
        march = session.scalar(
            select(PostRollup.likes).where(
                PostRollup.member_id == ada_member,
                PostRollup.month == date(2026, 3, 1),
                PostRollup.dimension == "all",
            )
        )
    assert march == 70, "an import that changes figures changes the rollup"

    assert client.delete(f"{base}/{first['id']}").status_code == 204
    _assert_current(db, 2)

    core_client = sign_in(new_client(), core)
    logged = core_client.post(
        base,
        json={
            "url": "https://tiktok.com/@ada/video/1",
            "member_id": str(ada_member),
            "published_on": "2026-02-01",
        },
    )
    assert logged.status_code == 201, logged.text
    _assert_current(db, 3)

    # The minute's job folds the program's recorded changes into its rows: nothing changes.
    assert run_jobs(app) >= 1
    with db.session() as session:
        left = session.scalar(select(func.count()).select_from(ProgramPostRollupChange))
    assert left == 0
    _assert_current(db, 3)


def _period_totals(posts: list[tuple[date, str, int]], start: date, end: date):
    inside = [p for p in posts if start <= p[0] <= end]
    platforms: dict[str, int] = {}
    for _, platform, _ in inside:
        platforms[platform] = platforms.get(platform, 0) + 1
    return len(inside), sum(p[2] for p in inside), platforms


def test_kpis_for_any_period_equal_the_posts_themselves(client, db, team):
    program, core, _, ada_member = team
    days = [date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 15), date(2026, 1, 31)]
    days += [date(2026, 2, 1), date(2026, 2, 27), date(2026, 3, 3), date(2026, 3, 31)]
    posts = []
    with db.session() as session:
        today = program_today(session.get(Program, program))
        days.append(today)
        for n, day in enumerate(days):
            platform = ("linkedin", "instagram", "tiktok")[n % 3]
            add_post(
                session,
                program_id=program,
                member_id=ada_member,
                url=f"https://example.org/{n}",
                normalized_url=f"https://example.org/{n}",
                platform=platform,
                published_on=day,
                likes=n + 1,
            )
            posts.append((day, platform, n + 1))
    sign_in(client, core)
    periods = [
        (date(2026, 1, 1), date(2026, 3, 31)),  # whole months only
        (date(2026, 1, 15), date(2026, 2, 27)),  # a part of January and of February
        (date(2026, 1, 2), date(2026, 1, 30)),  # inside one month
        (date(2025, 12, 31), date(2026, 2, 1)),  # across the year, both ends partial
        (date(2026, 1, 1), today),  # up to today: the current month is whole
        (today.replace(day=1), today),
    ]
    for start, end in periods:
        response = client.get(
            f"/api/v1/programs/{program}/kpis", params={"from": str(start), "to": str(end)}
        )
        assert response.status_code == 200, response.text
        kpis = response.json()
        count, likes, platforms = _period_totals(posts, start, end)
        assert (kpis["totals"]["posts"], kpis["totals"]["likes"]) == (count, likes), (start, end)
        assert {g["key"]: g["posts"] for g in kpis["by_platform"]} == platforms, (start, end)
        assert {g["key"]: g["people"] for g in kpis["by_platform"]} == dict.fromkeys(platforms, 1)
        assert sum(m["posts"] for m in kpis["monthly"]) == count
        table = client.get(
            f"/api/v1/programs/{program}/kpis/influencers",
            params={"from": str(start), "to": str(end)},
        ).json()["items"]
        assert [r["posts"] for r in table] == [count]
        assert sum(table[0]["monthly_posts"]) == count


def _breakdowns(posts: list[dict], people: dict, start: date, end: date) -> dict:
    """Every figure of the dashboard that the posts of the period make, counted by hand."""
    inside = [p for p in posts if start <= p["day"] <= end]
    found: dict = {"posts": len(inside), "active": len({p["member"] for p in inside})}
    found["likes"] = sum(p["likes"] for p in inside)
    for name in ("platform", "format", "occupation", "cohort"):
        groups: dict[str, tuple[set, int, int]] = {}
        for p in inside:
            key = p[name] if name in ("platform", "format") else people[p["member"]][name]
            who, count, engaged = groups.get(key, (set(), 0, 0))
            groups[key] = (who | {p["member"]}, count + 1, engaged + p["engagements"])
        found[name] = {k: (len(who), n, e) for k, (who, n, e) in groups.items()}
    found["monthly"] = {}
    for p in inside:
        month = f"{p['day']:%Y-%m}"
        found["monthly"][month] = found["monthly"].get(month, 0) + 1
    return found


def _shown(kpis: dict) -> dict:
    """The same figures as the dashboard shows them."""
    totals = kpis["totals"]
    shown = {"posts": totals["posts"], "active": totals["active_influencers"]}
    shown["likes"] = totals["likes"]
    for name, field in [("platform", "by_platform"), ("format", "by_format")]:
        shown[name] = {g["key"]: (g["people"], g["posts"], g["engagements"]) for g in kpis[field]}
    for name, field in [("occupation", "by_occupation"), ("cohort", "by_cohort")]:
        shown[name] = {g["key"]: (g["people"], g["posts"], g["engagements"]) for g in kpis[field]}
    shown["monthly"] = {m["month"]: m["posts"] for m in kpis["monthly"] if m["posts"]}
    return shown


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_breakdown_of_any_period_equals_the_posts_themselves(client, db, seed):
    """Random people (occupational groups, cohorts or none), random posts over the program's
    life and random periods: the whole months come from the rollups, the other days from the
    posts, grouped per person and per dimension in one statement each; every figure must
    equal a count by hand."""
    rng = random.Random(seed)
    program = make_program(db, timezone="Europe/Berlin", starts_on=date(2025, 1, 1))
    core = make_user(db, Role.core_team)
    add_member(db, program, core, ProgramRole.core_team)
    with db.session() as session:
        cohorts = [Cohort(program_id=program, name=name) for name in ("Pilot", "Zweite Welle")]
        session.add_all(cohorts)
        session.flush()
        cohort_names = {c.id: c.name for c in cohorts}
        today = program_today(session.get(Program, program))
    people = {}
    for _ in range(7):
        occupation = rng.choice(["Technik und Bau", "Soziales", None])
        cohort = rng.choice([*cohort_names, None])
        member = add_member(
            db,
            program,
            make_user(db),
            ProgramRole.influencer,
            occupation_group=occupation,
            cohort_id=cohort,
        )
        people[member] = {
            "occupation": occupation or OTHER,
            "cohort": cohort_names.get(cohort, OTHER),
        }
    first = date(2025, 1, 1)
    span = (today - first).days
    posts = []
    with db.session() as session:
        for n in range(60):
            post = {
                "member": rng.choice(list(people)),
                "day": first + timedelta(days=rng.randrange(span + 1)),
                "platform": rng.choice(["linkedin", "instagram", "tiktok"]),
                "format": rng.choice(["text", "image", "video"]),
                "likes": rng.randrange(40),
                "comments": rng.randrange(8),
                "shares": rng.randrange(3),
            }
            post["engagements"] = post["likes"] + post["comments"] + post["shares"]
            add_post(
                session,
                program_id=program,
                member_id=post["member"],
                url=f"https://example.org/{seed}/{n}",
                platform=post["platform"],
                format=post["format"],
                published_on=post["day"],
                likes=post["likes"],
                comments=post["comments"],
                shares=post["shares"],
            )
            posts.append(post)
    sign_in(client, core)
    periods = [(first, today), (first + timedelta(days=1), today)]
    for _ in range(6):
        start = first + timedelta(days=rng.randrange(span + 1))
        periods.append((start, start + timedelta(days=rng.randrange(1, 120))))
    for start, end in periods:
        end = min(end, today)
        response = client.get(
            f"/api/v1/programs/{program}/kpis", params={"from": str(start), "to": str(end)}
        )
        assert response.status_code == 200, response.text
        assert _shown(response.json()) == _breakdowns(posts, people, start, end), (start, end)


@pytest.mark.parametrize(
    ("start", "end", "today", "months", "days"),
    [
        # whole months only
        ("2026-01-01", "2026-03-31", "2026-11-30", ("2026-01-01", "2026-03-01"), []),
        # partial at both ends
        (
            "2026-01-15",
            "2026-03-10",
            "2026-11-30",
            ("2026-02-01", "2026-02-01"),
            [("2026-01-15", "2026-01-31"), ("2026-03-01", "2026-03-10")],
        ),
        # no whole month inside
        ("2026-01-15", "2026-02-10", "2026-11-30", None, [("2026-01-15", "2026-02-10")]),
        # reaching today: no post can be later, so the current month counts whole
        ("2026-01-01", "2026-11-30", "2026-11-30", ("2026-01-01", "2026-11-01"), []),
        ("2026-11-05", "2026-11-30", "2026-11-30", None, [("2026-11-05", "2026-11-30")]),
        # a leap year's February
        ("2024-02-01", "2024-02-29", "2026-11-30", ("2024-02-01", "2024-02-01"), []),
    ],
)
def test_a_period_splits_into_whole_months_and_days(start, end, today, months, days):
    parse = date.fromisoformat
    got_months, got_days = split_period(parse(start), parse(end), parse(today))
    assert got_months == (tuple(map(parse, months)) if months else None)
    assert [(a, b) for a, b in got_days if b <= parse(today)] == [
        (parse(a), parse(b)) for a, b in days
    ]


def test_concurrent_posts_of_one_person_keep_the_rollup_right(tmp_path):
    """Two transactions logging posts of one person in one month at the same moment: both
    succeed and the rollup counts both (PostgreSQL, where the race is real)."""
    with migrated_postgres(tmp_path) as db:
        program = make_program(db)
        member = add_member(db, program, make_user(db), ProgramRole.influencer)
        day = local_today() - timedelta(days=1)

        def log(session, n) -> None:
            add_post(
                session,
                program_id=program,
                member_id=member,
                url=f"https://example.org/c{n}",
                normalized_url=f"https://example.org/c{n}",
                platform="linkedin",
                published_on=day,
                likes=10,
            )

        errors = write_at_once(db, log, range(2))
        stored, fresh = _stored_and_fresh(db)
        assert stored == fresh
        assert {(r[2], r[5], r[7]) for r in stored if r[0] != "program"} >= {("all", 2, 20)}
        assert errors == []


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_migration_fills_the_rollups_from_the_posts_already_there(kind, tmp_path):
    if kind == "postgresql":
        require_postgres()
        name, url = create_postgres_database()
    else:
        name, url = None, sqlite_url(tmp_path)
    settings = Settings(database_url=url, data_dir=tmp_path)
    engine = make_engine(url)
    try:
        migrate.upgrade(settings, "0009")
        db = Database(engine)
        people = [make_user(db) for _ in "ab"]
        with engine.begin() as connection:  # as the programs stood at 0009 (old_rows)
            program = old_program(connection)
            members = [old_member(connection, program, p.id) for p in people]
        rows = [
            dict(
                id=uuid7(),
                program_id=program,
                member_id=members[n % 2],
                url=f"https://example.org/m{n}",
                normalized_url=f"https://example.org/m{n}",
                platform=("linkedin", "tiktok", "mastodon")[n % 3],
                format=("text", "video", "article")[n % 3],
                published_on=date(2026, 1 + n % 4, 1 + n),
                hashtags=[],
                uses_program_hashtag=False,
                impressions=None if n % 5 == 0 else 100 * n,
                likes=n,
                comments=n % 3,
                shares=n % 2,
                version=1,
            )
            for n in range(12)
        ]
        before = as_of(Post, "post_key")  # as the posts stood before 0016 added post_key
        with engine.begin() as connection:
            connection.execute(insert(before), rows)
        migrate.upgrade(settings)
        stored, fresh = _stored_and_fresh(db)
        assert stored == fresh
        assert sum(r[5] for r in stored if r[0] == "program" and r[2] == "all") == 12
    finally:
        engine.dispose()
        if name:
            drop_postgres_database(name)
