"""Migration 0016: posts stored twice under different link forms are merged, up and down, on
both databases; readings, outcomes and the KPI rollups come through exact."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from botschaft.core import migrate
from botschaft.core.database import Database, UTCDateTime, make_engine
from botschaft.posts import rollup
from tests.conftest import make_settings
from tests.support.api import make_user
from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
    sqlite_url,
)
from tests.support.old_rows import old_member, old_program

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
ACTIVITY = "7150123456789012345"

posts = sa.table(
    "posts",
    *(sa.column(c, sa.Uuid()) for c in ("id", "program_id", "member_id")),
    *(sa.column(c, sa.String()) for c in ("url", "normalized_url", "platform", "format")),
    *(sa.column(c, sa.String()) for c in ("topic", "note")),
    sa.column("published_on", sa.Date()),
    sa.column("hashtags", sa.JSON()),
    sa.column("uses_program_hashtag", sa.Boolean()),
    *(sa.column(c, sa.Integer()) for c in ("impressions", "likes", "comments", "shares")),
    sa.column("version", sa.Integer()),
    *(sa.column(c, UTCDateTime()) for c in ("created_at", "updated_at", "figures_read_at")),
)
snapshots = sa.table(
    "post_metric_snapshots",
    sa.column("id", sa.Uuid()),
    sa.column("post_id", sa.Uuid()),
    sa.column("read_at", UTCDateTime()),
    *(sa.column(c, sa.Integer()) for c in ("likes", "comments", "shares")),
)
outcomes = sa.table(
    "outcomes",
    *(sa.column(c, sa.Uuid()) for c in ("id", "program_id", "member_id", "post_id")),
    sa.column("type", sa.String()),
    sa.column("occurred_on", sa.Date()),
    *(sa.column(c, UTCDateTime()) for c in ("created_at", "updated_at")),
)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    require_postgres()
    name, url = create_postgres_database()
    yield url
    drop_postgres_database(name)


def _post(conn, program, member, url, normalized, platform, *, logged, day, likes, read_at, **kw):
    pid = uuid.uuid4()
    conn.execute(
        sa.insert(posts).values(
            id=pid,
            program_id=program,
            member_id=member,
            url=url,
            normalized_url=normalized,
            platform=platform,
            format=kw.pop("format", "text"),
            published_on=day,
            hashtags=kw.pop("hashtags", []),
            uses_program_hashtag=kw.pop("uses_program_hashtag", False),
            impressions=likes * 20,
            likes=likes,
            comments=1,
            shares=0,
            version=1,
            created_at=logged,
            updated_at=logged,
            figures_read_at=read_at,
            **kw,
        )
    )
    return pid


def _reading(conn, post_id, at, likes):
    conn.execute(
        sa.insert(snapshots).values(
            id=uuid.uuid4(), post_id=post_id, read_at=at, likes=likes, comments=1, shares=0
        )
    )


def _outcome(conn, program, member, post_id):
    conn.execute(
        sa.insert(outcomes).values(
            id=uuid.uuid4(),
            program_id=program,
            member_id=member,
            post_id=post_id,
            type="job_application",
            occurred_on=date(2026, 3, 20),
            created_at=T0,
            updated_at=T0,
        )
    )


def _rollups(conn) -> dict[str, list[tuple]]:
    return {
        table: sorted(
            tuple(map(str, row)) for row in conn.execute(sa.text(f"SELECT * FROM {table}"))
        )
        for table in ("post_rollups", "program_post_rollups", "program_post_rollup_changes")
    }


def test_posts_logged_twice_are_merged_and_the_rollups_stay_exact(database, tmp_path):
    settings = make_settings(database, tmp_path)
    migrate.upgrade(settings, "0015")
    db = Database.from_url(database)
    ada, bob = make_user(db), make_user(db)
    with db.engine.begin() as conn:  # as the programs stood at 0015 (old_rows)
        program, elsewhere = old_program(conn), old_program(conn)
        a = old_member(conn, program, ada.id)
        b = old_member(conn, program, bob.id)
        a_elsewhere = old_member(conn, elsewhere, ada.id)
    share = f"https://linkedin.com/posts/ada_stadt-activity-{ACTIVITY}-abcd"
    feed = f"https://linkedin.com/feed/update/urn:li:activity:{ACTIVITY}"
    r0, r1, r2 = T0, T0 + timedelta(days=1), T0 + timedelta(days=2)
    with db.engine.begin() as conn:
        # The share link first (kept), the feed link a day later, dated in another month.
        kept = _post(
            conn,
            program,
            a,
            share + "?utm_source=x",
            share,
            "linkedin",
            logged=T0,
            day=date(2026, 3, 1),
            likes=10,
            read_at=r1,
            hashtags=["Stadt"],
        )
        twin = _post(
            conn,
            program,
            a,
            feed + "/",
            feed,
            "linkedin",
            logged=T0 + timedelta(hours=1),
            day=date(2026, 2, 28),
            likes=25,
            read_at=r2,
            hashtags=["stadt", "Karriere"],
            topic="Ausbildung",
            uses_program_hashtag=True,
        )
        _reading(conn, kept, r0, 5)
        _reading(conn, kept, r1, 10)
        _reading(conn, twin, r1, 11)  # the same moment as the kept post's: the kept one stays
        _reading(conn, twin, r2, 25)
        _outcome(conn, program, a, kept)
        _outcome(conn, program, a, twin)
        # Instagram: bob's /p/ link first, ada's /reel/ link of the same shortcode later.
        gram = _post(
            conn,
            program,
            b,
            "https://instagram.com/p/DMs123",
            "https://instagram.com/p/DMs123",
            "instagram",
            logged=T0,
            day=date(2026, 3, 5),
            likes=3,
            read_at=None,
        )
        _post(  # the /reel/ link, logged later: merged into bob's
            conn,
            program,
            a,
            "https://instagram.com/reel/DMs123",
            "https://instagram.com/reel/DMs123",
            "instagram",
            logged=T0 + timedelta(days=3),
            day=date(2026, 3, 5),
            likes=7,
            read_at=None,
        )
        # The same LinkedIn post in another program is that program's own post.
        other = _post(
            conn,
            elsewhere,
            a_elsewhere,
            feed,
            feed,
            "linkedin",
            logged=T0,
            day=date(2026, 3, 1),
            likes=1,
            read_at=None,
        )
    with db.session() as session:
        rollup.rebuild(session)

    migrate.upgrade(settings, "0016")

    engine = make_engine(database)
    try:
        with engine.connect() as conn:
            query = sa.select(*posts.c, sa.literal_column("post_key"))
            rows = {r.id: r for r in conn.execute(query).mappings()}
            assert set(rows) == {kept, gram, other}
            post = rows[kept]
            assert post["post_key"] == f"linkedin:activity:{ACTIVITY}"
            assert rows[other]["post_key"] == post["post_key"]
            assert rows[gram]["post_key"] == "instagram:DMs123"
            # The newest reading is the twin's; author, date and link stay the kept post's.
            assert (post["likes"], post["impressions"], post["figures_read_at"]) == (25, 500, r2)
            assert post["member_id"] == a and post["published_on"] == date(2026, 3, 1)
            assert post["url"].endswith("utm_source=x")
            assert post["topic"] == "Ausbildung" and post["version"] == 2
            assert post["uses_program_hashtag"] is True
            assert post["hashtags"] == ["Stadt", "Karriere"]
            assert rows[gram]["likes"] == 3  # no readings: the kept post's figures
            history = conn.execute(
                sa.select(snapshots.c.post_id, snapshots.c.read_at, snapshots.c.likes).order_by(
                    snapshots.c.read_at
                )
            ).all()
            assert [(p, at, likes) for p, at, likes in history] == [
                (kept, r0, 5),
                (kept, r1, 10),
                (kept, r2, 25),
            ]
            assert set(conn.execute(sa.select(outcomes.c.post_id)).scalars()) == {kept}
            stored = _rollups(conn)
        # The rollups equal a recomputation from the posts (botschaft rebuild-rollup's).
        with Database(engine).session() as session:
            rollup.rebuild(session)
            session.flush()
            assert _rollups(session.connection()) == stored
            session.rollback()
        # The twin's month (February) had only the twin: its rows are gone.
        assert not [row for row in stored["post_rollups"] if "2026-02-01" in row]
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE posts SET post_key = :key WHERE id = :id").bindparams(
                    sa.bindparam("id", type_=sa.Uuid())
                ),
                {"key": "instagram:DMs123", "id": kept},
            )
    finally:
        engine.dispose()

    # Down: the key goes, the merged posts stay merged with their readings and outcomes.
    migrate.downgrade(settings, "0015")
    engine = make_engine(database)
    try:
        with engine.connect() as conn:
            assert "post_key" not in {c["name"] for c in sa.inspect(conn).get_columns("posts")}
            assert conn.scalar(sa.text("SELECT count(*) FROM posts")) == 3
            assert conn.scalar(sa.text("SELECT count(*) FROM post_metric_snapshots")) == 3
            assert (
                conn.scalar(sa.text("SELECT count(*) FROM outcomes WHERE post_id IS NOT NULL")) == 2
            )
    finally:
        engine.dispose()
    migrate.upgrade(settings)
