"""Races between transactions, on a PostgreSQL database of their own (SQLite lets one writer
in at a time, so the race is real only there)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from botschaft.core import migrate
from botschaft.core.database import Database, make_engine
from botschaft.core.settings import Settings
from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
)


@contextmanager
def migrated_postgres(tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated PostgreSQL database, dropped afterwards."""
    require_postgres()
    name, url = create_postgres_database()
    engine = make_engine(url)
    try:
        migrate.upgrade(Settings(database_url=url, data_dir=tmp_path))
        yield Database(engine)
    finally:
        engine.dispose()
        drop_postgres_database(name)


def write_at_once(db: Database, write: Callable[[Session, object], None], arguments: Iterable):
    """`write(session, argument)` for each argument, each in a transaction of its own, all
    started at the same moment; each flushes and keeps its transaction open for half a second,
    so the others write while it has not committed. Returns what they raised."""
    arguments = list(arguments)
    barrier = threading.Barrier(len(arguments))
    errors: list[BaseException] = []

    def one(argument) -> None:
        try:
            with db.session() as session:
                barrier.wait(5)
                write(session, argument)
                session.flush()
                time.sleep(0.5)  # the others flush while this one has not committed
        except BaseException as error:  # noqa: BLE001 - returned to the test
            errors.append(error)

    threads = [threading.Thread(target=one, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors
