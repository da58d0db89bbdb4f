"""Alembic environment: SQLite (batch mode) and PostgreSQL from one migration chain."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import context
from sqlalchemy import pool

from botschaft.all_models import metadata
from botschaft.core.database import make_engine

config = context.config


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


@contextmanager
def _sqlite_foreign_keys_off(connection) -> Iterator[None]:
    """Batch mode copies a table and drops the old one; with foreign keys on, SQLite deletes
    the old table's rows first and runs ON DELETE CASCADE on every table referencing it
    (0016 rebuilds posts: its readings would go). Off while migrating, as Alembic advises,
    and checked before they are on again. (The pragma is ignored inside a transaction, and
    the engine begins one on any statement, so it goes to the driver's connection directly.)"""
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
        broken = driver.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"The migration broke foreign keys: {broken[:5]}")
    finally:
        driver.execute("PRAGMA foreign_keys=ON")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection, _sqlite_foreign_keys_off(connection):
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported; run `botschaft migrate`.")
run_migrations_online()
