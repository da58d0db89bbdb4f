"""The `botschaft` command line, run as a real process."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import httpx
import yaml

from tests.support.live import ROOT, start_server


def run_cli(tmp_path, *args):
    return subprocess.run(
        [sys.executable, "-m", "botschaft.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"BOTSCHAFT_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def test_serve_answers_health_serves_spa_and_publishes_the_committed_openapi(tmp_path):
    server = start_server(tmp_path)
    try:
        assert httpx.get(f"{server.url}/healthz").json() == {"status": "ok"}
        assert httpx.get(f"{server.url}/readyz").json() == {"status": "ready"}
        index = httpx.get(f"{server.url}/")
        assert index.status_code in (200, 503) and "<html" in index.text.lower()
        deep_link = httpx.get(f"{server.url}/programs/some/client/route")
        assert deep_link.text == index.text
        published = httpx.get(f"{server.url}/api/v1/openapi.json").json()
        assert published == yaml.safe_load((ROOT / "openapi.yaml").read_text())
    finally:
        server.stop()


def test_demo_is_idempotent_and_create_user_works(tmp_path):
    first = run_cli(tmp_path, "demo")
    assert first.returncode == 0, first.stderr
    assert "katrin.vogt@musterstadt.example" in first.stdout
    second = run_cli(tmp_path, "demo")
    assert second.returncode == 0, second.stderr
    created = run_cli(
        tmp_path,
        "create-user",
        "--email",
        "Neu@Example.org",
        "--name",
        "Neu",
        "--role",
        "admin",
        "--password",
        "a-long-and-unusual-passphrase",
    )
    assert created.returncode == 0 and "neu@example.org" in created.stdout
    duplicate = run_cli(
        tmp_path,
        "create-user",
        "--email",
        "neu@example.org",
        "--name",
        "Neu",
        "--role",
        "admin",
        "--no-password",
    )
    assert duplicate.returncode == 1 and "already exists" in duplicate.stderr
    weak = run_cli(
        tmp_path,
        "create-user",
        "--email",
        "weak@example.org",
        "--name",
        "W",
        "--role",
        "admin",
        "--password",
        "short",
    )
    assert weak.returncode == 1 and "password" in weak.stderr

    from sqlalchemy import create_engine, func, select

    from botschaft.identity.models import User
    from botschaft.tenancy.models import ProgramMembership

    engine = create_engine(f"sqlite:///{tmp_path / 'botschaft.db'}")
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ProgramMembership)) == 19
        assert connection.scalar(select(func.count()).select_from(User)) == 21
    engine.dispose()


def test_rebuild_rollup_restores_the_kpis_rollup_from_the_posts(tmp_path):
    assert run_cli(tmp_path, "demo").returncode == 0
    database = sqlite3.connect(tmp_path / "botschaft.db")
    query = "SELECT sum(posts), sum(likes) FROM post_rollups WHERE dimension = 'all'"
    before = database.execute(query).fetchone()
    assert before == (326, 15496)  # the demo's posts, kept in the rollup as they were logged
    with database:
        database.execute("DELETE FROM post_rollups")  # e.g. posts edited in SQL by hand
    rebuilt = run_cli(tmp_path, "rebuild-rollup")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Rebuilt the KPI rollup" in rebuilt.stdout
    assert database.execute(query).fetchone() == before
    database.close()
