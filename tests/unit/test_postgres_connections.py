"""Botschaft's PostgreSQL connections: what they set up once, for every request after."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import Column, Integer, MetaData, Table, bindparam, select, text
from sqlalchemy.exc import ProgrammingError

from botschaft.core.database import (
    PREPARE_ON_SERVER,
    WORK_MEM,
    Database,
    make_engine,
    prepared_on_server,
)
from botschaft.core.settings import Settings
from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
)


def _setting(engine, name: str = "work_mem") -> str:
    with engine.connect() as connection:
        value = connection.execute(text(f"SHOW {name}")).scalar()
        connection.rollback()  # as the pool does with every connection it takes back
    return value


def test_sorts_get_room_on_every_connection_unless_the_operator_says_otherwise():
    """The KPIs' hashes over 43,000 people spill to disk with the server's default; the
    setting is made once per connection and survives the rollback a returned connection
    gets; BOTSCHAFT_DATABASE_WORK_MEM chooses another value, or empty the server's."""
    require_postgres()
    name, url = create_postgres_database()
    try:
        engine = make_engine(url, pool_size=1, max_overflow=0)
        assert WORK_MEM != "4MB"  # PostgreSQL's default: the test would prove nothing
        assert [_setting(engine), _setting(engine)] == [WORK_MEM, WORK_MEM]
        assert _setting(engine, "jit") == "off"  # compiling took longer than running
        engine.dispose()
        for setting, expected in [("6MB", "6MB"), ("", "4MB")]:
            settings = Settings(database_url=url, database_work_mem=setting)
            db = Database.from_settings(settings)
            assert _setting(db.engine) == expected
            db.engine.dispose()
    finally:
        drop_postgres_database(name)


@pytest.mark.parametrize("value", ["32", "lots", "32 MB; DROP TABLE users"])
def test_a_work_mem_that_is_no_size_is_refused_at_start(value):
    with pytest.raises(ValidationError):
        Settings(database_work_mem=value)


def test_only_the_lookups_marked_for_it_are_prepared_on_the_server():
    """A marked statement is prepared once per connection and, being a lookup by a unique key,
    gets PostgreSQL's generic plan after five executions (no planning after that); every other
    statement is planned for its own parameters, as a program of 16 and one of 10,000 people
    need different plans."""
    require_postgres()
    name, url = create_postgres_database()
    try:
        engine = make_engine(url, pool_size=1, max_overflow=0)
        things = Table("things", MetaData(), Column("id", Integer, primary_key=True))
        things.metadata.create_all(engine)
        by_id = select(things.c.id).where(things.c.id == bindparam("id"))
        with engine.connect() as connection:
            connection.execute(things.insert(), [{"id": i} for i in range(10)])
            connection.commit()
            found = [
                connection.execute(statement, {"id": i}).scalar()
                for i in range(8)
                for statement in (prepared_on_server(by_id), by_id)
            ]
            prepared = connection.execute(
                text("SELECT statement, generic_plans FROM pg_prepared_statements")
            ).all()
            connection.rollback()
            # A failed transaction's rollback makes psycopg forget (and deallocate) what it
            # prepared; the next execution prepares again.
            with pytest.raises(ProgrammingError):
                connection.execute(text("SELECT nothing FROM things"))
            connection.rollback()
            again = connection.execute(prepared_on_server(by_id), {"id": 9}).scalar()
            connection.rollback()
        engine.dispose()
        assert found == [i for i in range(8) for _ in range(2)]  # the same rows either way
        assert len(prepared) == 1 and "things" in prepared[0].statement
        assert prepared[0].generic_plans >= 1
        assert again == 9
    finally:
        drop_postgres_database(name)


def test_every_request_s_lookups_are_marked_for_the_server():
    from botschaft.auth import sessions
    from botschaft.tenancy import access

    for statement in (
        sessions.lookup(),
        access._caller_and_program_statement(),
        access._program_and_membership(),
        access._caller_with_programs_statement(),
    ):
        assert statement.get_execution_options().get(PREPARE_ON_SERVER) is True
