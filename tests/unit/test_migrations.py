"""Migrations: up, down and up again on both databases; models and migrations agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from botschaft.all_models import metadata
from botschaft.core import migrate
from botschaft.core.database import make_engine
from tests.conftest import make_settings
from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
    sqlite_url,
)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    require_postgres()
    name, url = create_postgres_database()
    yield url
    drop_postgres_database(name)


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(empty_database, tmp_path):
    settings = make_settings(empty_database, tmp_path)
    migrate.upgrade(settings)
    assert _tables(empty_database) == set(metadata.tables)
    migrate.downgrade(settings, "base")
    assert _tables(empty_database) == set()
    migrate.upgrade(settings)
    assert _tables(empty_database) == set(metadata.tables)


def test_models_match_migrations(empty_database, tmp_path):
    migrate.upgrade(make_settings(empty_database, tmp_path))
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            diff = compare_metadata(
                MigrationContext.configure(connection, opts={"compare_type": True}), metadata
            )
    finally:
        engine.dispose()
    assert diff == [], f"models and migrations disagree; add a migration: {diff}"


def test_each_step_goes_down_and_up(tmp_path):
    """Every single migration can be undone and redone (SQLite, fast)."""
    url = sqlite_url(tmp_path)
    settings = make_settings(url, tmp_path)
    script = ScriptDirectory.from_config(migrate.alembic_config(settings))
    revisions = list(reversed(list(script.walk_revisions())))
    for revision in revisions:
        migrate.upgrade(settings, revision.revision)
        migrate.downgrade(settings, revision.down_revision or "base")
        migrate.upgrade(settings, revision.revision)


def test_migration_chain_is_linear():
    script = ScriptDirectory.from_config(
        migrate.alembic_config(make_settings("sqlite://", Path("/tmp")))
    )
    assert len(script.get_heads()) == 1, (
        "several heads: rebase your migration onto the current head"
    )
    for path in (Path(__file__).parents[2] / "migrations" / "versions").glob("*.py"):
        assert re.match(r"^\d{4}_[a-z0-9_]+\.py$", path.name), (
            f"{path.name}: name it NNNN_what_it_does.py"
        )


def test_group_periods_are_backfilled_from_the_current_groups(empty_database, tmp_path):
    """0030: everyone's current cohort and teams become periods "since always", so the KPIs by
    cohort and team read the same as before the history was kept."""
    import uuid

    from sqlalchemy import Uuid, bindparam, text

    settings = make_settings(empty_database, tmp_path)
    migrate.upgrade(settings, "0029")
    program, cohort, team, user, member = (uuid.uuid4() for _ in range(5))
    ids = {"p": program, "c": cohort, "t": team, "u": user, "m": member}
    engine = make_engine(empty_database)
    statements = [
        "INSERT INTO programs (id, name, slug, description, hashtags, platforms, timezone,"
        " target_posts_per_month, min_group_size, rankings_enabled, created_at, updated_at,"
        " version) VALUES (:p, 'P', 'p', '', '[]', '[]', 'Europe/Berlin', 2, 5, false,"
        " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)",
        "INSERT INTO cohorts (id, program_id, name, kind, created_at, updated_at, version)"
        " VALUES (:c, :p, 'Pilot', 'pilot', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)",
        "INSERT INTO teams (id, program_id, name, profile, created_at, updated_at, version)"
        " VALUES (:t, :p, 'T', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)",
        "INSERT INTO users (id, email, name, role, locale, created_at, updated_at, version,"
        " is_active) VALUES (:u, 'a@example.org', 'A', 'influencer', 'de', CURRENT_TIMESTAMP,"
        " CURRENT_TIMESTAMP, 1, true)",
        "INSERT INTO program_memberships (id, program_id, user_id, role, joined_at, cohort_id,"
        " status) VALUES (:m, :p, :u, 'influencer', CURRENT_TIMESTAMP, :c, 'active')",
        "INSERT INTO team_members (team_id, member_id) VALUES (:t, :m)",
    ]
    try:
        with engine.begin() as connection:
            for statement in statements:
                used = [k for k in ids if f":{k}" in statement]
                typed = text(statement).bindparams(*(bindparam(k, type_=Uuid()) for k in used))
                connection.execute(typed, {k: ids[k] for k in used})
    finally:
        engine.dispose()
    migrate.upgrade(settings)
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT cohort_id, team_id, from_on, to_on FROM group_periods")
            ).all()
    finally:
        engine.dispose()
    found = {(c is not None, t is not None, f, u) for c, t, f, u in rows}
    assert found == {(True, False, None, None), (False, True, None, None)}
    migrate.downgrade(settings, "0029")


def test_follower_readings_are_linked_to_their_series(empty_database, tmp_path):
    """0034: the readings already there get the days of their series' next and previous
    readings (per person and platform), and lose them again going down."""
    from datetime import date

    from sqlalchemy import insert, select

    from botschaft.core.database import Database
    from botschaft.core.ids import uuid7
    from botschaft.followers.models import FollowerReading
    from tests.support.api import make_user
    from tests.support.old_rows import as_of, old_member, old_program

    settings = make_settings(empty_database, tmp_path)
    migrate.upgrade(settings, "0033")
    db = Database.from_url(empty_database)
    ada, bob = make_user(db), make_user(db)
    days = [date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 5)]
    old = as_of(FollowerReading, "next_counted_on", "previous_counted_on")
    with db.engine.begin() as conn:
        program = old_program(conn)
        a, b = old_member(conn, program, ada.id), old_member(conn, program, bob.id)
        for member, platform, day in [
            *((a, "linkedin", d) for d in reversed(days)),
            (a, "instagram", days[1]),
            (b, "linkedin", days[0]),
            (b, "linkedin", days[2]),
        ]:
            conn.execute(
                insert(old).values(
                    id=uuid7(), program_id=program, member_id=member, platform=platform,
                    counted_on=day, followers=100,
                )
            )  # fmt: skip
    migrate.upgrade(settings)
    r = FollowerReading
    with db.engine.connect() as conn:
        rows = conn.execute(
            select(r.member_id, r.platform, r.counted_on, r.previous_counted_on, r.next_counted_on)
        ).all()
    links = {(m, str(p), d): (before, after) for m, p, d, before, after in rows}
    assert links == {
        (a, "linkedin", days[0]): (None, days[1]),
        (a, "linkedin", days[1]): (days[0], days[2]),
        (a, "linkedin", days[2]): (days[1], None),
        (a, "instagram", days[1]): (None, None),
        (b, "linkedin", days[0]): (None, days[2]),
        (b, "linkedin", days[2]): (days[0], None),
    }
    migrate.downgrade(settings, "0033")
    try:
        columns = {c["name"] for c in inspect(db.engine).get_columns("follower_readings")}
    finally:
        db.engine.dispose()
    assert not {"next_counted_on", "previous_counted_on"} & columns
