"""Several processes migrating one PostgreSQL database at once (containers starting together)."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import create_engine, text

from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
)
from tests.support.live import ROOT


def test_simultaneous_migrations_all_succeed(tmp_path):
    require_postgres()
    name, url = create_postgres_database()
    try:
        env = {
            "BOTSCHAFT_DATABASE_URL": url,
            "BOTSCHAFT_DATA_DIR": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        }
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "botschaft.cli", "migrate"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for _ in range(3)
        ]
        outputs = [p.communicate(timeout=120)[0].decode() for p in processes]
        assert [p.returncode for p in processes] == [0, 0, 0], outputs
        engine = create_engine(url)
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        engine.dispose()
        assert len(versions) == 1
    finally:
        drop_postgres_database(name)
