"""More simultaneous writers than request threads: nothing deadlocks, nothing fails.

Regression test: when every request thread waited for the database's write lock, the request
holding it could not finish (its commit and response validation needed a free thread), and
all of them timed out with 500s.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.resilience.conftest import DEMO_ACCOUNTS, DEMO_PASSWORD, SERVER_ENV
from tests.support.live import start_server

CLIENTS = 120  # the request threadpool has 40 threads


def _run_in_thread(coroutine):
    """asyncio.run on a thread of its own: the browser tests' Playwright keeps an event loop
    running in this thread when they share the test process."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


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
        statuses = _run_in_thread(_storm(server.url))
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    assert statuses == [200] * CLIENTS
    assert elapsed < 30, f"{CLIENTS} sign-ins took {elapsed:.1f} s"


async def _write_storm(url: str, cookies: httpx.Cookies, program_id: str) -> list[int]:
    async def add(n: int) -> int:
        async with httpx.AsyncClient(base_url=url, timeout=60, cookies=cookies) as client:
            response = await client.post(
                f"/api/v1/programs/{program_id}/members",
                json={
                    "email": f"storm-{n}@example.org",
                    "name": f"Storm {n}",
                    "role": "influencer",
                },
                headers={"X-CSRF-Token": cookies["botschaft_csrf"]},
            )
            return response.status_code

    return await asyncio.gather(*[add(n) for n in range(CLIENTS)])


def test_a_storm_of_signed_in_writes_all_succeed(server_database, tmp_path):
    """Each of these requests passes through the threadpool several times (session check,
    endpoint, clean-up) holding a connection and, on SQLite, the write lock in between."""
    env = {**SERVER_ENV, "BOTSCHAFT_DATABASE_URL": server_database}
    server = start_server(tmp_path, "--demo", env=env)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            client.post(
                "/api/v1/auth/login",
                json={"email": DEMO_ACCOUNTS["core_team"], "password": DEMO_PASSWORD},
            ).raise_for_status()
            program_id = client.get("/api/v1/me").json()["programs"][0]["id"]
            cookies = client.cookies
        started = time.monotonic()
        statuses = _run_in_thread(_write_storm(server.url, cookies, program_id))
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    assert statuses == [201] * CLIENTS
    assert elapsed < 30, f"{CLIENTS} writes took {elapsed:.1f} s"
