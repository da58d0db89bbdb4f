"""More simultaneous writers than request threads: nothing deadlocks, nothing fails.

Regression test: when every request thread waited for the database's write lock, the request
holding it could not finish (its commit and response validation needed a free thread), and
all of them timed out with 500s.
"""

from __future__ import annotations

import asyncio
import time

import httpx

from tests.resilience.conftest import DEMO_ACCOUNTS, DEMO_PASSWORD, SERVER_ENV
from tests.support.live import start_server

CLIENTS = 120  # the request threadpool has 40 threads


async def _storm(url: str) -> list[int]:
    async def sign_in() -> int:
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            response = await client.post(
                "/api/v1/auth/login",
                json={"email": DEMO_ACCOUNTS["core_team"], "password": DEMO_PASSWORD},
            )
            return response.status_code

    return await asyncio.gather(*[sign_in() for _ in range(CLIENTS)])


def test_a_storm_of_sign_ins_all_succeed(server_database, tmp_path):
    env = {**SERVER_ENV, "BOTSCHAFT_DATABASE_URL": server_database}
    server = start_server(tmp_path, "--demo", env=env)
    try:
        started = time.monotonic()
        statuses = asyncio.run(_storm(server.url))
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    assert statuses == [200] * CLIENTS
    assert elapsed < 30, f"{CLIENTS} sign-ins took {elapsed:.1f} s"
