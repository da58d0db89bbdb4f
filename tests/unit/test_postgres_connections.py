"""Botschaft's PostgreSQL connections: what they set up once, for every request after."""

from __future__ import annotations

from sqlalchemy import text

from botschaft.core.database import WORK_MEM, make_engine
from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
)


def _work_mem(engine) -> str:
    with engine.connect() as connection:
        value = connection.execute(text("SHOW work_mem")).scalar()
        connection.rollback()  # as the pool does with every connection it takes back
    return value


def test_sorts_get_room_on_every_connection_unless_the_url_sets_it():
    """The KPIs' hashes over 43,000 people spill to disk with the server's default; the
    setting is made once per connection and survives the rollback a returned connection
    gets, and an operator's work_mem in the URL wins."""
    require_postgres()
    name, url = create_postgres_database()
    try:
        engine = make_engine(url, pool_size=1, max_overflow=0)
        assert WORK_MEM != "4MB"  # PostgreSQL's default: the test would prove nothing
        assert [_work_mem(engine), _work_mem(engine)] == [WORK_MEM, WORK_MEM]
        engine.dispose()
        own = make_engine(url + "?options=-c%20work_mem%3D6MB")
        assert _work_mem(own) == "6MB"
        own.dispose()
    finally:
        drop_postgres_database(name)
