"""What one request costs, per operation of the load mix: server time, SQL statements and
thread-pool hops, measured in-process on the demo program, plus a cProfile of one operation.

    .venv/bin/python -m bench.profile.run                          # SQLite, 40 requests each
    .venv/bin/python -m bench.profile.run --database postgresql --repeat 80
    .venv/bin/python -m bench.profile.run --profile members --top 30
    .venv/bin/python -m bench.profile.run --json bench/results/profile-sqlite.json

The app runs behind httpx's ASGI transport (no sockets, no server process), sequentially, so
the time is what the server spends on a request: middleware, dependencies, endpoint, JSON.
Statements are counted on the engine (`before_cursor_execute`); hops are calls of
`anyio.to_thread.run_sync`, through which Starlette runs every synchronous dependency and
endpoint in the worker-thread pool. Writes use fresh keys each time, as in the load test.
The table is the regression check for issue #20: compare it before and after a change.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import logging
import pstats
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from contextlib import contextmanager
from pathlib import Path

import anyio.to_thread
import httpx
from sqlalchemy import event
from tests.support.databases import create_postgres_database, drop_postgres_database, sqlite_url

from bench.load.mix import MIX, Context
from botschaft.app import create_app
from botschaft.core import migrate
from botschaft.core.database import Database
from botschaft.core.settings import Settings
from botschaft.demo.service import DEMO_PASSWORD, load_demo

# The demo's sign-in per role of the load mix.
ACCOUNTS = {
    "influencer": "sophie.wagner@musterstadt.example",
    "core_team": "katrin.vogt@musterstadt.example",
    "hr_viewer": "ursula.brandt@musterstadt.example",
}


class Counters:
    """SQL statements and thread hops since the last reset."""

    def __init__(self, db: Database) -> None:
        self.statements = 0
        self.hops = 0
        # While profiling, each worker-thread call runs under its own profiler (cProfile sees
        # only the thread it was enabled in); the profiles are merged afterwards.
        self.thread_profiles: list[cProfile.Profile] | None = None
        self.hopped: list[str] = []  # what ran in the worker threads, for --hops
        event.listen(db.engine, "before_cursor_execute", self._statement)
        original = anyio.to_thread.run_sync

        async def counted(func, *args, **kwargs):
            self.hops += 1
            self.hopped.append(_name(func))
            if self.thread_profiles is not None:
                profiler = cProfile.Profile()
                self.thread_profiles.append(profiler)
                return await original(profiler.runcall, func, *args, **kwargs)
            return await original(func, *args, **kwargs)

        anyio.to_thread.run_sync = counted  # Starlette looks it up on every call

    def _statement(self, *_args) -> None:
        self.statements += 1

    def reset(self) -> None:
        self.statements = 0
        self.hops = 0
        self.hopped = []


def _name(func) -> str:
    """The dependency or endpoint behind a thread-pool call (Starlette wraps them in partials)."""
    while hasattr(func, "func"):
        func = func.func
    func = getattr(func, "__wrapped__", func)
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"


def _settings(database_url: str, data_dir: Path) -> Settings:
    return Settings(
        database_url=database_url,
        data_dir=data_dir,
        secret_key="bench-secret-key-" + "x" * 32,
        public_url="http://bench",
        environment="test",
        jobs_in_process=False,
    )


async def _signed_in(app, role: str) -> tuple[httpx.AsyncClient, str]:
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")
    answer = await client.post(
        "/api/v1/auth/login", json={"email": ACCOUNTS[role], "password": DEMO_PASSWORD}
    )
    answer.raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["botschaft_csrf"]
    program_id = (await client.get("/api/v1/me")).json()["programs"][0]["id"]
    return client, program_id


Operation = Callable[[Context], Awaitable[httpx.Response]]


async def _measure(ctx: Context, op: Operation, counters: Counters, repeat: int) -> dict:
    for _ in range(3):  # warm-up: caches, prepared statements, first imports
        (await op(ctx)).raise_for_status()
    times, statements, hops = [], [], []
    for _ in range(repeat):
        counters.reset()
        started = time.perf_counter()
        answer = await op(ctx)
        times.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
        statements.append(counters.statements)
        hops.append(counters.hops)
    hopped = list(counters.hopped)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p90_ms": round(times[int(0.9 * (len(times) - 1))], 2),
        "statements": int(statistics.median(statements)),
        "max_statements": max(statements),
        "hops": int(statistics.median(hops)),
        "hopped": hopped,
    }


async def _health(ctx: Context) -> httpx.Response:
    return await ctx.client.get("/healthz")


@contextmanager
def _database(kind: str):
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "sqlite":
            yield sqlite_url(Path(tmp)), Path(tmp)
            return
        name, url = create_postgres_database()
        try:
            yield url, Path(tmp)
        finally:
            drop_postgres_database(name)


async def _run(args: argparse.Namespace, app, counters: Counters) -> dict[str, dict]:
    results: dict[str, dict] = {}
    run_id = uuid.uuid4().hex[:8]
    profile_target: tuple[Context, Operation] | None = None
    for role, steps in MIX.items():
        client, program_id = await _signed_in(app, role)
        ctx = Context(client, program_id, run_id, random.Random(1))
        if role == "influencer":
            results["healthz"] = await _measure(ctx, _health, counters, args.repeat)
        for name, _weight, op in steps:
            key = name if name not in results else f"{name} ({role})"
            results[key] = await _measure(ctx, op, counters, args.repeat)
            if name == args.profile and profile_target is None:
                profile_target = (ctx, op)
    if profile_target is not None:
        print(await _profile(*profile_target, counters, args.top))
    return results


async def _profile(ctx: Context, op: Operation, counters: Counters, top: int) -> str:
    """cProfile of 60 requests: the event loop's thread and every worker-thread call."""
    counters.thread_profiles = []
    main_thread = cProfile.Profile()
    main_thread.enable()
    for _ in range(60):
        await op(ctx)
    main_thread.disable()
    out = io.StringIO()
    stats = pstats.Stats(main_thread, stream=out)
    for profiler in counters.thread_profiles:
        stats.add(profiler)
    counters.thread_profiles = None
    out.write(f"60 requests; {len(stats.stats)} functions; worker-thread calls merged in\n")
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--profile", metavar="OPERATION", help="cProfile 60 requests of it")
    parser.add_argument("--top", type=int, default=25, help="rows of the profile")
    parser.add_argument("--json", type=Path, help="also write the table here")
    parser.add_argument("--hops", action="store_true", help="list what each operation ran in threads")
    args = parser.parse_args()

    with _database(args.database) as (url, data_dir):
        settings = _settings(url, data_dir)
        migrate.upgrade(settings)
        db = Database.from_url(settings.resolved_database_url)
        with db.session() as session:
            load_demo(session)
        app = create_app(settings, db, serve_spa=False)
        logging.getLogger("httpx").setLevel(logging.WARNING)  # no line per request
        counters = Counters(db)
        results = asyncio.run(_run(args, app, counters))
        db.engine.dispose()

    print(f"\n{args.database}, demo program, {args.repeat} sequential requests each (in-process)")
    print(f"{'operation':<28}{'median ms':>10}{'p90 ms':>9}{'statements':>12}{'hops':>6}")
    for name, row in results.items():
        print(
            f"{name:<28}{row['median_ms']:>10.2f}{row['p90_ms']:>9.2f}"
            f"{row['statements']:>12}{row['hops']:>6}"
        )
    if args.hops:
        for name, row in results.items():
            print(f"\n{name}: " + ", ".join(row["hopped"]))
    if args.json:
        args.json.write_text(json.dumps({"database": args.database, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
