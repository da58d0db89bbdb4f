"""KPI endpoints at scale, through HTTP, beside the same aggregates as hand-written SQL (the
floor): once over the posts, once over the monthly rollup the endpoints read.

    .venv/bin/python -m bench.kpis.run --database sqlite --influencers 200 --posts 20000 --snapshots 1
    .venv/bin/python -m bench.kpis.run --database postgresql --influencers 10000 --posts 1000000 --snapshots 5
    .venv/bin/python -m bench.kpis.run --database sqlite --influencers 10000 --posts 200000 --followers 12

Generates a program with the given number of influencers (in occupational groups and two
cohorts) and posts over twelve months with figures and figure snapshots (bulk inserts, then the
rollup rebuilt from them as `botschaft rebuild-rollup` does) and, with `--followers N`, N
monthly follower counts per person on two platforms, starts `botschaft serve` on it,
and reports the median and p95 of 20 requests per endpoint (after one warm-up) and of the
hand-written statements (5 runs of those over the posts, which take seconds at scale), then
both endpoints for each period of a grid (`PERIODS`: whole year and month, each shifted by a
day, the last 30 days, one week; `--grid-runs` each, median and worst). These requests compute
their figures (the server keeps none). Then, as production serves it
(figures kept until the program's data changes): the same view again, and `--viewers` people
opening the dashboard at once, right after a change and with nothing changed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, insert, text
from tests.support.databases import create_postgres_database, drop_postgres_database, sqlite_url
from tests.support.live import start_server

from botschaft.core import migrate
from botschaft.core.database import WORK_MEM, Database
from botschaft.core.ids import uuid7
from botschaft.core.security import hash_password
from botschaft.core.settings import Settings
from botschaft.followers.models import FollowerReading
from botschaft.identity.models import Role, User
from botschaft.posts import rollup
from botschaft.posts.models import Post, PostMetricSnapshot
from botschaft.programs.models import GroupPeriod
from botschaft.tenancy.models import Cohort, Program, ProgramMembership, ProgramRole

PASSWORD = "Bench-Password-2026!"  # noqa: S105
GROUPS = ["Technik und Bau", "Soziales", "Verwaltung und IT", "Grün und Umwelt", "Gesundheit"]
PLATFORMS = ["linkedin", "instagram", "tiktok", "youtube", "xing"]
FORMATS = ["text", "image", "video", "carousel"]
START = date(2025, 1, 1)
DAYS = 365

# The dashboard's aggregates written by hand, one statement each: the floor the endpoint is
# compared with (it computes the same figures, plus validation, privacy and JSON).
_IN_PERIOD = "p.program_id = :p AND p.published_on BETWEEN :a AND :b"
_GROUPED = (
    "SELECT {key}, count(DISTINCT p.member_id), count(*), sum(p.likes + p.comments + p.shares) "
    "FROM posts p JOIN program_memberships m ON m.id = p.member_id "
    "LEFT JOIN cohorts c ON c.id = m.cohort_id WHERE " + _IN_PERIOD + " GROUP BY {key}"
)
# The same aggregates hand-written over the rollups, as the service reads them: sums from the
# program's rows, and one statement over each person's period for the people per group.
_PROGRAM = "program_id = :p AND dimension = '{dim}' AND month BETWEEN :a AND :b"
_PROGRAM_SUMS = (
    "SELECT sum(posts), sum(impressions), sum(likes), sum(comments), sum(shares), "
    "sum(engaged_known) FROM program_post_rollups WHERE "
)


def _or_of_sets(database: str, column: str, bits: dict[str, int]) -> str:
    if database == "postgresql":
        return f"bit_or({column})"
    return " + ".join(f"max({column} & {bit})" for bit in bits.values())


_OVERLAPS = "(g.from_on IS NULL OR g.from_on <= :b) AND (g.to_on IS NULL OR g.to_on >= :a)"
# Each person's sums over the period, their occupational group and the cohort they belonged
# to last in the period (group_periods), then every breakdown; people per platform and format
# are counted per set of platforms (formats) used, as the service does.
_PEOPLE = (
    "WITH person AS (SELECT member_id, sum(posts) AS posts, "
    "sum(likes + comments + shares) AS engaged, "
    "{platforms} AS platforms, {formats} AS formats "
    "FROM post_rollups WHERE " + _PROGRAM.format(dim="all") + " GROUP BY member_id), "
    "groups AS {materialized} (SELECT m.id AS member_id, "
    "coalesce(m.occupation_group, 'other') AS occupation, coalesce(c.name, 'other') AS cohort "
    "FROM program_memberships m LEFT JOIN (SELECT g.member_id, g.cohort_id, row_number() OVER "
    "(PARTITION BY g.member_id ORDER BY g.from_on DESC NULLS LAST, g.id DESC) AS n "
    "FROM group_periods g WHERE g.cohort_id IN (SELECT id FROM cohorts WHERE program_id = :p) "
    "AND " + _OVERLAPS + ") r ON r.member_id = m.id AND r.n = 1 "
    "LEFT JOIN cohorts c ON c.id = r.cohort_id WHERE m.program_id = :p), "
    "people AS (SELECT person.*, groups.occupation, groups.cohort FROM person "
    "JOIN groups ON groups.member_id = person.member_id) "
    "SELECT 'total', '', count(*), sum(posts), sum(engaged) FROM people "
    "UNION ALL SELECT 'occupation', occupation, count(*), sum(posts), sum(engaged) FROM people "
    "GROUP BY occupation "
    "UNION ALL SELECT 'cohort', cohort, count(*), sum(posts), sum(engaged) FROM people "
    "GROUP BY cohort "
    "UNION ALL SELECT 'team', t.name, count(*), sum(posts), sum(engaged) FROM people "
    "JOIN (SELECT DISTINCT g.member_id, g.team_id FROM group_periods g "
    "WHERE g.team_id IS NOT NULL AND " + _OVERLAPS + ") tm ON tm.member_id = people.member_id "
    "JOIN teams t ON t.id = tm.team_id GROUP BY t.name "
    "UNION ALL SELECT 'platforms', CAST(platforms AS VARCHAR), count(*), sum(posts), "
    "sum(engaged) FROM people GROUP BY platforms "
    "UNION ALL SELECT 'formats', CAST(formats AS VARCHAR), count(*), sum(posts), sum(engaged) "
    "FROM people GROUP BY formats"
)


# Follower figures as the service reads them (kpis/followers.py): each series' count at a
# period's end and the base its growth starts from, found by each reading's links.
def _follower_roles(first: str, last: str) -> tuple[str, str]:
    end = f"(counted_on <= {last} AND (next_counted_on IS NULL OR next_counted_on > {last}))"
    before = f"(counted_on < {first} AND (next_counted_on IS NULL OR next_counted_on >= {first}))"
    first_in = f"(previous_counted_on IS NULL AND counted_on BETWEEN {first} AND {last})"
    return end, f"({before} OR {first_in})"


_END, _BASE = _follower_roles(":a", ":b")
_FOLLOWER_ROWS = (
    f"SELECT member_id, CASE WHEN {_END} THEN followers ELSE 0 END AS at_end, "
    f"CASE WHEN {_BASE} THEN followers ELSE 0 END AS base FROM follower_readings "
    f"WHERE program_id = :p AND counted_on <= :b AND ({_END} OR {_BASE})"
)
# The period and the one before it, in one statement as the core team's view reads them.
_PREVIOUS_END, _PREVIOUS_BASE = _follower_roles(":pa", ":pb")
_FOLLOWERS = (
    "SELECT "
    + ", ".join(
        f"sum(CASE WHEN {end} THEN followers ELSE 0 END), "
        f"sum(CASE WHEN {end} THEN followers ELSE 0 END) "
        f"- sum(CASE WHEN {base} THEN followers ELSE 0 END), "
        f"count(DISTINCT CASE WHEN {end} THEN member_id END)"
        for end, base in ((_END, _BASE), (_PREVIOUS_END, _PREVIOUS_BASE))
    )
    + " FROM follower_readings WHERE program_id = :p AND counted_on <= :b "
    f"AND ({_END} OR {_BASE} OR {_PREVIOUS_END} OR {_PREVIOUS_BASE})"
)
# Months of the previous period are read only if the program has posts in them.
_PREVIOUS = _PROGRAM.format(dim="all").replace(":a", ":pa").replace(":b", ":pb")
_ANY_PREVIOUS = " AND EXISTS (SELECT 1 FROM program_post_rollups WHERE " + _PREVIOUS + ")"


def rollup_floor_sql(database: str) -> list[str]:
    """The dashboard's statements by hand over the rollups, for one database."""
    people = _PEOPLE.format(
        platforms=_or_of_sets(database, "platforms", rollup.BITS["platform"]),
        formats=_or_of_sets(database, "formats", rollup.BITS["format"]),
        materialized="MATERIALIZED" if database == "postgresql" else "",
    )
    return [
        _PROGRAM_SUMS + _PREVIOUS,
        "SELECT count(DISTINCT member_id) FROM post_rollups WHERE " + _PREVIOUS + _ANY_PREVIOUS,
        "SELECT count(*) FROM program_memberships WHERE program_id = :p AND role = 'influencer'",
        "SELECT count(*) FROM outcomes WHERE program_id = :p AND occurred_on BETWEEN :a AND :b",
        "SELECT count(*) FROM outcomes WHERE program_id = :p AND occurred_on BETWEEN :pa AND :pb",
        # The monthly series and the sums per platform and format (the totals are their sum).
        "SELECT dimension, month, key, sum(posts), sum(impressions), sum(likes), sum(comments), "
        "sum(shares), sum(engaged_known) FROM program_post_rollups WHERE program_id = :p AND "
        "month BETWEEN :a AND :b GROUP BY dimension, month, key",
        people,
        "SELECT type, count(*) FROM outcomes WHERE program_id = :p AND occurred_on BETWEEN :a AND :b GROUP BY type",
        "SELECT p.id FROM posts p WHERE "
        + _IN_PERIOD
        + " ORDER BY p.likes + p.comments + p.shares DESC LIMIT 5",
        _FOLLOWERS,
    ]


# A page of the core team's influencer table by hand, as the service reads it: each person's
# sums over the rollup, outcomes, check-ins, modules done and followers, the first 50 by posts;
# the total; then the monthly posts of the 50 shown (the sparklines).
_TABLE_PAGE = (
    "WITH p AS (SELECT member_id, sum(posts) AS posts, sum(likes + comments + shares) AS eng, "
    "sum(impressions) AS imp, sum(engaged_known) AS known, max(last_post_on) AS last "
    "FROM post_rollups WHERE " + _PROGRAM.format(dim="all") + " GROUP BY member_id), "
    "o AS (SELECT member_id, count(*) AS n FROM outcomes WHERE program_id = :p "
    "AND occurred_on BETWEEN :a AND :b GROUP BY member_id), "
    "att AS (SELECT i.member_id, count(CASE WHEN i.attended THEN 1 END) AS attended, "
    "count(i.attended) AS recorded FROM meeting_invitations i JOIN meetings mt "
    "ON mt.id = i.meeting_id WHERE mt.program_id = :p AND mt.kind = 'check_in' "
    "AND mt.status <> 'cancelled' AND mt.starts_at >= :from_ts AND mt.starts_at < :to_ts "
    "GROUP BY i.member_id), "
    "d AS (SELECT member_id, count(*) AS n FROM learning_progress WHERE state = 'done' "
    "GROUP BY member_id), "
    "f AS (SELECT member_id, sum(at_end) AS followers, sum(at_end) - sum(base) AS growth "
    "FROM (" + _FOLLOWER_ROWS + ") r GROUP BY member_id) "
    "SELECT m.id, u.name, m.occupation, m.status, coalesce(p.posts, 0), coalesce(p.eng, 0), "
    "coalesce(p.imp, 0), coalesce(p.known, 0), p.last, coalesce(o.n, 0), "
    "coalesce(att.attended, 0), coalesce(att.recorded, 0), coalesce(d.n, 0), "
    "(SELECT count(*) FROM learning_modules lm WHERE lm.program_id = :p "
    "AND (lm.cohort_id IS NULL OR lm.cohort_id = m.cohort_id)), f.followers, f.growth "
    "FROM program_memberships m JOIN users u ON u.id = m.user_id "
    "LEFT JOIN p ON p.member_id = m.id LEFT JOIN o ON o.member_id = m.id "
    "LEFT JOIN att ON att.member_id = m.id LEFT JOIN d ON d.member_id = m.id "
    "LEFT JOIN f ON f.member_id = m.id "
    "WHERE m.program_id = :p AND m.role = 'influencer' "
    "ORDER BY coalesce(p.posts, 0) DESC, u.name, m.id LIMIT 50"
)
_TABLE_TOTAL = (
    "SELECT count(*) FROM program_memberships WHERE program_id = :p AND role = 'influencer'"
)
_TABLE_SPARKS = (
    "SELECT member_id, month, sum(posts) FROM post_rollups WHERE "
    + _PROGRAM.format(dim="all")
    + " AND member_id IN ({ids}) GROUP BY member_id, month"
)


def table_floor(conn, params: dict) -> None:
    """The influencer table's page by hand (the sparklines need the page's people first)."""
    page = conn.execute(text(_TABLE_PAGE), params).all()
    conn.execute(text(_TABLE_TOTAL), params).all()
    ids = ", ".join(f"'{row[0]}'" for row in page)  # a UUID (PostgreSQL), its hex (SQLite)
    conn.execute(text(_TABLE_SPARKS.format(ids=ids)), params).all()


FLOOR_SQL = [
    _PROGRAM_SUMS + _PROGRAM.format(dim="all"),
    _PROGRAM_SUMS + _PROGRAM.format(dim="all").replace(":a", ":pa").replace(":b", ":pb"),
    "SELECT count(DISTINCT member_id) FROM post_rollups WHERE "
    + _PROGRAM.format(dim="all").replace(":a", ":pa").replace(":b", ":pb"),
    "SELECT count(*) FROM program_memberships WHERE program_id = :p AND role = 'influencer'",
    "SELECT count(*) FROM outcomes WHERE program_id = :p AND occurred_on BETWEEN :a AND :b",
    "SELECT count(*) FROM outcomes WHERE program_id = :p AND occurred_on BETWEEN :pa AND :pb",
    "SELECT month, sum(posts), sum(likes), sum(comments), sum(shares), sum(impressions) "
    "FROM program_post_rollups WHERE " + _PROGRAM.format(dim="all") + " GROUP BY month",
    "SELECT key, sum(posts), sum(likes + comments + shares) FROM program_post_rollups WHERE "
    + _PROGRAM.format(dim="platform")
    + " GROUP BY key",
    "SELECT key, sum(posts), sum(likes + comments + shares) FROM program_post_rollups WHERE "
    + _PROGRAM.format(dim="format")
    + " GROUP BY key",
    _PEOPLE,
    "SELECT type, count(*) FROM outcomes WHERE program_id = :p AND occurred_on BETWEEN :a AND :b GROUP BY type",
    "SELECT p.id FROM posts p WHERE "
    + _IN_PERIOD
    + " ORDER BY p.likes + p.comments + p.shares DESC LIMIT 5",
]
FLOOR_SQL = [
    "SELECT count(*), sum(likes), sum(comments), sum(shares), sum(impressions), "
    "sum(CASE WHEN impressions IS NOT NULL THEN likes + comments + shares ELSE 0 END), "
    "count(DISTINCT member_id) FROM posts p WHERE " + _IN_PERIOD,
    "SELECT count(*), sum(likes), sum(comments), sum(shares), sum(impressions), "
    "sum(CASE WHEN impressions IS NOT NULL THEN likes + comments + shares ELSE 0 END), "
    "count(DISTINCT member_id) FROM posts p WHERE p.program_id = :p AND p.published_on BETWEEN :pa AND :pb",
    "SELECT count(*) FROM program_memberships WHERE program_id = :p AND role = 'influencer'",
    "SELECT count(*) FROM outcomes WHERE program_id = :p AND occurred_on BETWEEN :a AND :b",
    "SELECT count(*) FROM outcomes WHERE program_id = :p AND occurred_on BETWEEN :pa AND :pb",
    "SELECT {month}, count(*), sum(likes), sum(comments), sum(shares), sum(impressions) "
    "FROM posts p WHERE " + _IN_PERIOD + " GROUP BY {month}",
    _GROUPED.format(key="p.platform"),
    _GROUPED.format(key="p.format"),
    _GROUPED.format(key="m.occupation_group"),
    _GROUPED.format(key="c.name"),
    "SELECT type, count(*) FROM outcomes WHERE program_id = :p AND occurred_on BETWEEN :a AND :b GROUP BY type",
    "SELECT p.id FROM posts p WHERE "
    + _IN_PERIOD
    + " ORDER BY p.likes + p.comments + p.shares DESC LIMIT 5",
]


def _copy_rows(engine, table, columns: list[str], rows) -> None:
    """PostgreSQL COPY (fast), or batched Core inserts (SQLite, which converts the types)."""
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
            with raw.cursor() as cur, cur.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
            raw.commit()
        finally:
            raw.close()
        return
    with engine.begin() as conn:
        batch = []
        for row in rows:
            batch.append(dict(zip(columns, row, strict=True)))
            if len(batch) == 5000:
                conn.execute(table.insert(), batch)
                batch = []
        if batch:
            conn.execute(table.insert(), batch)


def generate(
    url: str, influencers: int, posts: int, snapshots: int, followers: int = 0, seed: int = 7
) -> tuple[str, str]:
    rng = random.Random(seed)
    engine = create_engine(url)
    now = datetime.now(UTC)
    program_id = uuid7()
    with engine.begin() as conn:
        conn.execute(
            insert(Program.__table__).values(
                id=program_id,
                name="Bench",
                slug=f"bench-{program_id.hex[:8]}",
                description="",
                hashtags=["#Bench"],
                platforms=PLATFORMS,
                starts_on=START,
                ends_on=START + timedelta(days=DAYS - 1),
                timezone="Europe/Berlin",
                target_posts_per_month=2,
                min_group_size=5,
                rankings_enabled=False,
                created_at=now,
                updated_at=now,
                version=1,
            )
        )
        cohorts = [uuid7(), uuid7()]
        for cid, name in zip(cohorts, ["Pilot", "Zweite Welle"], strict=True):
            conn.execute(
                insert(Cohort.__table__).values(
                    id=cid,
                    program_id=program_id,
                    name=name,
                    kind="pilot",
                    created_at=now,
                    updated_at=now,
                    version=1,
                )
            )
        core_email = f"core-{program_id.hex[:8]}@bench.example"
        core_id = uuid7()
        conn.execute(
            insert(User.__table__).values(
                id=core_id,
                email=core_email,
                name="Core",
                role=Role.core_team,
                password_hash=hash_password(PASSWORD),
                locale="de",
                is_active=True,
                created_at=now,
                updated_at=now,
                version=1,
            )
        )
        conn.execute(
            insert(ProgramMembership.__table__).values(
                id=uuid7(),
                program_id=program_id,
                user_id=core_id,
                role=ProgramRole.core_team,
                joined_at=now,
                status="active",
            )
        )
    user_ids = [uuid7() for _ in range(influencers)]
    member_ids = [uuid7() for _ in range(influencers)]
    iso = now
    _copy_rows(
        engine,
        User.__table__,
        [
            "id",
            "email",
            "name",
            "role",
            "locale",
            "is_active",
            "created_at",
            "updated_at",
            "version",
        ],
        (
            (
                u,
                f"i{i}-{program_id.hex[:8]}@bench.example",
                f"Influencer {i}",
                "influencer",
                "de",
                True,
                iso,
                iso,
                1,
            )
            for i, u in enumerate(user_ids)
        ),
    )
    _copy_rows(
        engine,
        ProgramMembership.__table__,
        [
            "id",
            "program_id",
            "user_id",
            "role",
            "occupation_group",
            "cohort_id",
            "joined_at",
            "status",
        ],
        (
            (m, program_id, u, "influencer", GROUPS[i % len(GROUPS)], cohorts[i % 2], iso, "active")
            for i, (m, u) in enumerate(zip(member_ids, user_ids, strict=True))
        ),
    )
    # Each person's cohort since always, as the app records it (programs/history.py): the
    # breakdown by cohort and the cohort filter read these rows, not the membership.
    _copy_rows(
        engine,
        GroupPeriod.__table__,
        ["id", "member_id", "cohort_id", "from_on", "to_on"],
        ((uuid7(), m, cohorts[i % 2], None, None) for i, m in enumerate(member_ids)),
    )
    weights = [rng.paretovariate(1.5) for _ in member_ids]
    post_ids = [uuid7() for _ in range(posts)]
    finals: dict = {}  # post id -> (published on, impressions, likes, comments, shares)

    def post_rows():
        owners = rng.choices(member_ids, weights=weights, k=posts)
        for n, (pid, owner) in enumerate(zip(post_ids, owners, strict=True)):
            likes = int(rng.lognormvariate(3, 1))
            url = f"https://linkedin.com/posts/bench-{n}"
            published = START + timedelta(days=rng.randrange(DAYS))
            impressions = likes * rng.randint(10, 40)
            finals[pid] = (published, impressions, likes, likes // 4, likes // 20)
            yield (
                pid,
                program_id,
                owner,
                url,
                url,
                url,  # no rule recognises this made-up link: the address is the key
                rng.choice(PLATFORMS),
                published,
                rng.choice(FORMATS),
                [] if engine.dialect.name == "sqlite" else "[]",
                False,
                impressions,
                likes,
                likes // 4,
                likes // 20,
                iso,
                iso,
                iso,
                1,
            )

    _copy_rows(
        engine,
        Post.__table__,
        [
            "id",
            "program_id",
            "member_id",
            "url",
            "normalized_url",
            "post_key",
            "platform",
            "published_on",
            "format",
            "hashtags",
            "uses_program_hashtag",
            "impressions",
            "likes",
            "comments",
            "shares",
            "figures_read_at",
            "created_at",
            "updated_at",
            "version",
        ],
        post_rows(),
    )

    def snapshot_rows():
        # Readings a day apart after publication, growing to the post's own figures (the last
        # reading is what the post shows), as when figures are typed in or imported repeatedly.
        for pid in post_ids:
            published, impressions, likes, comments, shares = finals[pid]
            day = datetime.combine(published, datetime.min.time(), tzinfo=UTC)
            for k in range(snapshots):
                f = (k + 1) / snapshots
                yield (
                    uuid7(),
                    pid,
                    day + timedelta(days=k + 1),
                    int(likes * f),
                    int(comments * f),
                    int(shares * f),
                    int(impressions * f),
                )

    _copy_rows(
        engine,
        PostMetricSnapshot.__table__,
        ["id", "post_id", "read_at", "likes", "comments", "shares", "impressions"],
        snapshot_rows(),
    )

    def day_of(month: int) -> date | None:
        if not 0 <= month < followers:
            return None
        return date(START.year + month // 12, month % 12 + 1, 1)

    def reading_rows():
        # With the links to the series' days before and after (followers/series.py), as the
        # session event would set them one by one.
        for member in member_ids:
            for platform in rng.sample(PLATFORMS, 2):
                count = int(rng.lognormvariate(6, 1))
                for month in range(followers):
                    count += int(count * rng.uniform(0, 0.08))
                    links = (day_of(month + 1), day_of(month - 1))
                    yield (uuid7(), program_id, member, platform, day_of(month), count, *links,
                           iso, iso)  # fmt: skip

    columns = ["id", "program_id", "member_id", "platform", "counted_on", "followers"]
    links = ["next_counted_on", "previous_counted_on"]
    _copy_rows(
        engine,
        FollowerReading.__table__,
        [*columns, *links, "created_at", "updated_at"],
        reading_rows(),
    )
    started = time.perf_counter()
    with Database(engine).session() as session:
        rows = rollup.rebuild(session, program_id)
    print(f"rollup: {rows} rows from {posts} posts in {time.perf_counter() - started:.1f} s")
    if engine.dialect.name == "postgresql":
        # What autovacuum does soon after a bulk load: statistics, and the visibility map that
        # lets index-only scans skip the table.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    return str(program_id), core_email


def _server_env(url: str, figure_cache: int) -> dict[str, str]:
    return {
        "BOTSCHAFT_DATABASE_URL": url,
        "BOTSCHAFT_JOBS_IN_PROCESS": "false",
        "BOTSCHAFT_FIGURE_CACHE_ENTRIES": str(figure_cache),
    }


def _kept_and_viewers(
    tmp: Path, url: str, program_id: str, email: str, viewers: int, figure_cache: int
) -> list:
    """The dashboard as production serves it (figures kept until the data changes,
    kpis/cache.py; `figure_cache` 0 keeps none): a repeat view, and `viewers` people opening it
    at once, five times right after a change (the program's data version raised in SQL, as any
    write raises it: every figure is computed again, once for all of them) and five times with
    nothing changed."""
    server = start_server(tmp, env=_server_env(url, figure_cache), timeout=120)
    engine = create_engine(url)
    path = f"/api/v1/programs/{program_id}/kpis"
    period = {"from": "2025-01-01", "to": "2025-12-31"}
    try:
        client = httpx.Client(base_url=server.url, timeout=120)
        client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        client.get(path, params=period).raise_for_status()
        rows = [("program KPIs, kept (the same view again)", *_timed(
            lambda: client.get(path, params=period).raise_for_status()
        ))]  # fmt: skip
        people = [httpx.Client(base_url=server.url, timeout=120, cookies=client.cookies)
                  for _ in range(viewers)]  # fmt: skip

        def one(person: httpx.Client) -> float:
            began = time.perf_counter()
            person.get(path, params=period).raise_for_status()
            return (time.perf_counter() - began) * 1000

        pid = uuid.UUID(program_id)
        for label, change in (("after a change", True), ("nothing changed", False)):
            samples = []
            for _ in range(5):
                if change:
                    with engine.begin() as conn:
                        conn.execute(
                            text("UPDATE programs SET data_version = data_version + 1 "
                                 "WHERE id = :p"),
                            {"p": pid if engine.dialect.name == "postgresql" else pid.hex},
                        )  # fmt: skip
                with ThreadPoolExecutor(viewers) as pool:
                    samples += list(pool.map(one, people))
            samples.sort()
            rows.append((
                f"program KPIs, {viewers} viewers at once, {label} (each viewer's wait)",
                statistics.median(samples), samples[int(0.95 * (len(samples) - 1))],
            ))  # fmt: skip
        return rows
    finally:
        engine.dispose()
        server.stop()


# Periods a person can pick on the dashboard, within the generated year (START + DAYS): whole
# months are read from the rollups, any other day from the posts themselves (kpis/facts.py).
PERIODS = {
    "the year": (date(2025, 1, 1), date(2025, 12, 31)),
    "the year shifted by a day": (date(2025, 1, 2), date(2025, 12, 31)),
    "one whole month": (date(2025, 6, 1), date(2025, 6, 30)),
    "a month shifted by a day": (date(2025, 6, 2), date(2025, 7, 1)),
    "the last 30 days": (date(2025, 12, 2), date(2025, 12, 31)),
    "one week": (date(2025, 6, 9), date(2025, 6, 15)),
}


def _period_grid(client: httpx.Client, program_id: str, runs: int) -> list:
    """Program KPIs and the influencer table's first page for each period of the grid, computed
    each time (the server keeps nothing): median and worst of `runs` after one warm-up."""
    rows = []
    for label, (first, last) in PERIODS.items():
        period = {"from": first.isoformat(), "to": last.isoformat()}
        for name, path, params in [
            ("program KPIs", f"/api/v1/programs/{program_id}/kpis", period),
            ("influencer table", f"/api/v1/programs/{program_id}/kpis/influencers",
             {**period, "per_page": 50}),
        ]:  # fmt: skip
            samples = _samples(lambda p=path, q=params: client.get(p, params=q).raise_for_status(),
                               runs)  # fmt: skip
            rows.append((f"{name}, {label}", statistics.median(samples), samples[-1]))
    return rows


def _samples(fn, runs: int) -> list[float]:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return sorted(samples)


def _timed(fn, runs: int = 20) -> tuple[float, float]:
    samples = _samples(fn, runs)
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description="KPI endpoints at scale")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--influencers", type=int, default=200)
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--snapshots", type=int, default=1, help="figure snapshots per post")
    parser.add_argument(
        "--viewers", type=int, default=10, help="people opening the dashboard at once"
    )
    parser.add_argument(
        "--grid-runs",
        type=int,
        default=5,
        help="requests per period of the grid of periods (0: no grid); the table's p95 column "
        "is the worst of them there",
    )
    parser.add_argument(
        "--figure-cache",
        type=int,
        default=512,
        help="figures the server keeps for the repeat view and the viewers (0: none, every "
        "request computes them, as before kpis/cache.py)",
    )
    parser.add_argument(
        "--followers", type=int, default=0, help="monthly follower counts per person and platform"
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="botschaft-kpis-"))
    pg_name = None
    url = sqlite_url(tmp) if args.database == "sqlite" else None
    if url is None:
        pg_name, url = create_postgres_database()
    try:
        migrate.upgrade(Settings(database_url=url, data_dir=tmp))
        started = time.perf_counter()
        program_id, core_email = generate(
            url, args.influencers, args.posts, args.snapshots, args.followers
        )
        print(
            f"generated {args.influencers} influencers, {args.posts} posts, "
            f"{args.posts * args.snapshots} snapshots, "
            f"{args.influencers * 2 * args.followers} follower counts "
            f"in {time.perf_counter() - started:.0f} s"
        )
        # Every timed request computes its figures: nothing is kept between them.
        server = start_server(tmp, env=_server_env(url, figure_cache=0), timeout=120)
        try:
            client = httpx.Client(base_url=server.url, timeout=120)
            client.post(
                "/api/v1/auth/login", json={"email": core_email, "password": PASSWORD}
            ).raise_for_status()
            period = {"from": "2025-01-01", "to": "2025-12-31"}
            rows = []
            for name, path, params in [
                ("program KPIs", f"/api/v1/programs/{program_id}/kpis", period),
                (
                    "influencer table, page 1 (50)",
                    f"/api/v1/programs/{program_id}/kpis/influencers",
                    {**period, "per_page": 50},
                ),
            ]:

                def call(path=path, params=params):
                    response = client.get(path, params=params)
                    response.raise_for_status()

                rows.append((name, *_timed(call)))
            grid = _period_grid(client, program_id, args.grid_runs) if args.grid_runs else []
            engine = create_engine(url)
            month = (
                "to_char(p.published_on, 'YYYY-MM')"
                if args.database == "postgresql"
                else "strftime('%Y-%m', p.published_on)"
            )
            floors = {
                "hand-written SQL over the posts (floor without rollup)": FLOOR_SQL,
                "hand-written SQL over the rollup (floor)": rollup_floor_sql(args.database),
            }
            pid = uuid.UUID(program_id)
            params = {
                "p": pid if args.database == "postgresql" else pid.hex,
                "a": date(2025, 1, 1),
                "b": date(2025, 12, 31),
                "pa": date(2024, 1, 1),
                "pb": date(2024, 12, 31),
            }
            # The service tells SQLite's planner that most posts are in the period, so the top
            # five walk the engagement index (core/dialect.py, mostly_true); a floor must
            # have the same hint, or it measures a worse plan than the endpoint's.
            top_period = (
                "p.program_id = :p AND likelihood(p.published_on BETWEEN :a AND :b, 0.9)"
                if args.database == "sqlite"
                else _IN_PERIOD
            )
            with engine.connect() as conn:
                if args.database == "postgresql":  # as the service's connections (core/database.py)
                    conn.execute(text(f"SET work_mem = '{WORK_MEM}'"))
                    conn.execute(text("SET jit = off"))
                for label, sqls in floors.items():
                    statements = [
                        text(
                            sql.replace("{month}", month).replace(
                                f"{_IN_PERIOD} ORDER BY", f"{top_period} ORDER BY"
                            )
                        )
                        for sql in sqls
                    ]

                    def floor(statements=statements):
                        for statement in statements:
                            conn.execute(statement, params).all()

                    # Five runs of the floor over the posts: at a million posts one takes ~15 s.
                    runs = 5 if sqls is FLOOR_SQL else 20
                    rows.append((label, *_timed(floor, runs)))
                table_params = params | {
                    "from_ts": datetime(2025, 1, 1, tzinfo=UTC),
                    "to_ts": datetime(2026, 1, 1, tzinfo=UTC),
                }
                rows.append(
                    (
                        "hand-written SQL for the influencer table's page (floor)",
                        *_timed(lambda: table_floor(conn, table_params)),
                    )
                )
            engine.dispose()
        finally:
            server.stop()
        rows += grid
        rows += _kept_and_viewers(tmp, url, program_id, core_email, args.viewers, args.figure_cache)
        print(
            f"\n{args.database}: {args.influencers} influencers, {args.posts} posts, {args.posts * args.snapshots} snapshots"
        )
        print("| operation | median ms | p95 ms |\n|---|---:|---:|")
        for name, median, p95 in rows:
            print(f"| {name} | {median:.1f} | {p95:.1f} |")
        print(f"program KPIs / rollup floor: {rows[0][1] / rows[3][1]:.1f}×")
        print(f"program KPIs / floor without rollup: {rows[0][1] / rows[2][1]:.2f}×")
        print(f"influencer table / its floor: {rows[1][1] / rows[4][1]:.1f}×")
    finally:
        if pg_name:
            drop_postgres_database(pg_name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
