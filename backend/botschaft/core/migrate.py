"""Runs Alembic migrations programmatically (botschaft migrate / serve)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import pool, text
from sqlalchemy.engine import Connection

from botschaft.core.database import make_engine
from botschaft.core.settings import Settings


def alembic_config(settings: Settings, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(settings.resolved_migrations_dir))
    config.set_main_option("sqlalchemy.url", settings.resolved_database_url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


# Any constant shared by every Botschaft process: PostgreSQL advisory lock key for migrations.
_MIGRATION_LOCK = 0x626F7473  # "bots"


def upgrade(
    settings: Settings, revision: str = "head", connection: Connection | None = None
) -> None:
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    if connection is not None or settings.is_sqlite:
        command.upgrade(alembic_config(settings, connection), revision)
        return
    # Several containers starting at once: one migrates, the others wait and find it done.
    engine = make_engine(settings.resolved_database_url, poolclass=pool.NullPool)
    try:
        with engine.connect() as locked:
            locked.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
            locked.commit()
            try:
                command.upgrade(alembic_config(settings, locked), revision)
                locked.commit()
            finally:
                locked.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK})
                locked.commit()
    finally:
        engine.dispose()


def downgrade(settings: Settings, revision: str, connection: Connection | None = None) -> None:
    command.downgrade(alembic_config(settings, connection), revision)
