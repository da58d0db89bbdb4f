"""Two app processes on one PostgreSQL database behave as one service: a session started on
one is valid on the other and ends on both, and an edit on one is seen by the other."""

from __future__ import annotations

import httpx

from tests.resilience.conftest import DEMO_ACCOUNTS, DEMO_PASSWORD, SERVER_ENV
from tests.support.databases import (
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
)
from tests.support.live import start_server


def test_two_processes_share_sessions_and_data(tmp_path):
    require_postgres()
    name, url = create_postgres_database()
    env = {**SERVER_ENV, "BOTSCHAFT_DATABASE_URL": url}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = start_server(tmp_path / "a", "--demo", env=env)
    second = start_server(tmp_path / "b", env=env)
    try:
        a = httpx.Client(base_url=first.url, timeout=10)
        a.post(
            "/api/v1/auth/login",
            json={"email": DEMO_ACCOUNTS["core_team"], "password": DEMO_PASSWORD},
        ).raise_for_status()
        # The same browser talks to the other process (a load balancer without stickiness).
        b = httpx.Client(base_url=second.url, timeout=10, cookies=a.cookies)
        me = b.get("/api/v1/me")
        assert me.status_code == 200 and me.json()["email"] == DEMO_ACCOUNTS["core_team"]

        program_id = me.json()["programs"][0]["id"]
        version = a.get(f"/api/v1/programs/{program_id}").json()["version"]
        saved = a.patch(
            f"/api/v1/programs/{program_id}",
            json={"description": "edited on A", "version": version},
            headers={"X-CSRF-Token": a.cookies["botschaft_csrf"]},
        )
        assert saved.status_code == 200
        assert b.get(f"/api/v1/programs/{program_id}").json()["description"] == "edited on A"

        out = b.post("/api/v1/auth/logout", headers={"X-CSRF-Token": b.cookies["botschaft_csrf"]})
        assert out.status_code == 204
        assert a.get("/api/v1/me").status_code == 401, "signing out on B ends the session on A"
        a.close()
        b.close()
    finally:
        first.stop()
        second.stop()
        drop_postgres_database(name)
