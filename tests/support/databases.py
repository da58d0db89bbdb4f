"""Test databases: a SQLite file and, when reachable, a PostgreSQL database per run."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import psycopg
import pytest

PG_ADMIN_DSN = os.environ.get(
    "BOTSCHAFT_TEST_PG_DSN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def postgres_available() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_DSN, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def require_postgres() -> None:
    if postgres_available():
        return
    if IN_CI:
        pytest.fail("PostgreSQL is not reachable, and CI must run the PostgreSQL tests.")
    pytest.skip("PostgreSQL is not reachable (set BOTSCHAFT_TEST_PG_DSN); CI runs these.")


def create_postgres_database() -> tuple[str, str]:
    """Returns (name, SQLAlchemy URL) of a fresh database."""
    name = f"botschaft_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    params = psycopg.conninfo.conninfo_to_dict(PG_ADMIN_DSN)
    user = params.get("user", "postgres")
    host = params.get("host", "127.0.0.1")
    port = params.get("port", "5432")
    return name, f"postgresql+psycopg://{user}@{host}:{port}/{name}"


def drop_postgres_database(name: str) -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory / 'botschaft.db'}"
