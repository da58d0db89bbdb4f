"""Botschaft's PostgreSQL connections: what they set up once, for every request after."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from botschaft.core.database import WORK_MEM, Database, make_engine
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
