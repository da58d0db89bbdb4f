"""Cost of one request, per endpoint of the load-test mix: server time, SQL statements and
thread-pool hops, measured in-process on the demo program; a cProfile of one endpoint; and a
regression check of statements and hops against a baseline (issue #20).

    .venv/bin/python -m bench.requests.profile                        # SQLite, 40 runs each
    .venv/bin/python -m bench.requests.profile --database postgresql  # a database of its own
    .venv/bin/python -m bench.requests.profile --database-url postgresql://postgres@127.0.0.1:5432/test
    .venv/bin/python -m bench.requests.profile --profile log_post [--profile-runs 60] [--prof out.prof]
    .venv/bin/python -m bench.requests.profile --details me           # its statements and hops
    .venv/bin/python -m bench.requests.profile --middleware me        # each middleware's share
    .venv/bin/python -m bench.requests.profile --figure-cache 512     # KPIs kept, as in production
    .venv/bin/python -m bench.requests.profile --json out.json --check bench/requests/baseline.json
    .venv/bin/python -m bench.requests.profile --write-baseline bench/requests/baseline.json

Run it with `-m` from the repository root (as a file, this module would shadow the standard
library's `profile`, which cProfile imports).

How: the app is made as the tests make it (migrations, then the demo data) on a temporary
SQLite file, or on a PostgreSQL database created for the run (`bench_profile_<random>`, on the
server of `--database-url`, default the tests' server) and dropped afterwards. Each role of the
load mix (bench/load/mix.py) has a demo account; per endpoint, a fresh sign-in, a few warm-up
requests and N timed ones, one after the other, through `httpx.ASGITransport` (no sockets).

- server time: from the ASGI call into the app until it returns (middleware, dependencies,
  endpoint, validation, JSON, and the clean-up after the response), so httpx's own time is left
  out (it is in `client_median_ms` of the JSON);
- statements: SQLAlchemy's `before_cursor_execute` on the app's engine (SQLite's `BEGIN` is
  one); COMMIT and ROLLBACK (the driver's, including the pool's reset of a returned
  connection) are counted and timed apart;
- hops: every call into a worker thread, counted where all of anyio's go through
  (`run_sync_in_worker_thread` of its asyncio backend: Starlette's `run_in_threadpool`,
  FastAPI's sync dependencies, endpoints and their response validation, and any direct
  `anyio.to_thread.run_sync`, however imported), plus asyncio's `run_in_executor`;
- where the time goes: SQL execution (driver and database, not the fetching of rows), time in
  worker threads (includes the SQL), the pools' overhead (waiting for a hop to start and to come
  back), and the rest, on the event loop.

Statements and hops are deterministic, times are not: `--check` compares only the first two.
"""

from __future__ import annotations

import sys

if __name__ == "__main__" and not __package__:  # pragma: no cover - see the docstring
    sys.exit("run it as a module: .venv/bin/python -m bench.requests.profile")

import argparse
import asyncio
import asyncio.base_events
import cProfile
import datetime as dt
import io
import json
import logging
import math
import os
import platform
import pstats
import random
import re
import statistics
import tempfile
import time
import uuid
import weakref
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.load import mix
from bench.load.mix import Context

ACCOUNTS = {  # the demo's sign-in per role of the load mix
    "influencer": "sophie.wagner@musterstadt.example",
    "core_team": "katrin.vogt@musterstadt.example",
    "hr_viewer": "ursula.brandt@musterstadt.example",
}
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_ADMIN_ENV = "BOTSCHAFT_TEST_PG_DSN"  # the tests' server (tests/support/databases.py)

Operation = Callable[[Context], Awaitable[httpx.Response]]


async def home(ctx: Context) -> httpx.Response:
    return await ctx.client.get(f"/api/v1/programs/{ctx.program_id}/home")


async def today(ctx: Context) -> httpx.Response:
    return await ctx.client.get(f"/api/v1/programs/{ctx.program_id}/today")


@dataclass(frozen=True)
class Endpoint:
    name: str
    role: str
    request: str  # for the table, e.g. "GET /programs/{id}/kpis"
    op: Operation
    in_mix: bool = True


def _request(method: str, path: str) -> str:
    return f"{method} {path}"


# Every step of the load mix, in its order, plus the landing pages the mix does not request
# (the influencer's home, the core team's today), which people open first.
_REQUESTS = {
    "me": _request("GET", "/me"),
    "my_figures": _request("GET", "/programs/{id}/kpis/me"),
    "my_posts": _request("GET", "/programs/{id}/posts?per_page=25"),
    "log_post": _request("POST", "/programs/{id}/posts"),
    "program_kpis": _request("GET", "/programs/{id}/kpis"),
    "influencer_table": _request("GET", "/programs/{id}/kpis/influencers?per_page=50"),
    "posts_table": _request("GET", "/programs/{id}/posts?per_page=25"),
    "members": _request("GET", "/programs/{id}/members?per_page=50"),
    "add_member": _request("POST", "/programs/{id}/members"),
    "program": _request("GET", "/programs/{id}"),
    "home": _request("GET", "/programs/{id}/home"),
    "today": _request("GET", "/programs/{id}/today"),
}
_EXTRA = {"influencer": [("home", home)], "core_team": [("today", today)]}


def endpoints() -> list[Endpoint]:
    found: list[Endpoint] = []
    names: set[str] = set()
    for role, steps in mix.MIX.items():
        own = [(name, op, True) for name, _weight, op in steps]
        own += [(name, op, False) for name, op in _EXTRA.get(role, [])]
        for name, op, in_mix in own:
            key = name if name not in names else f"{name} ({role})"
            names.add(key)
            found.append(Endpoint(key, role, _REQUESTS.get(name, name), op, in_mix))
    return found


# --- counting -----------------------------------------------------------------------------


@dataclass
class Hop:
    name: str
    inside: float = 0.0  # seconds the function ran in the worker thread
    outside: float = 0.0  # seconds the event loop awaited the hop


@dataclass
class Sample:
    """One request."""

    server_ms: float = 0.0
    client_ms: float = 0.0
    statements: list[tuple[str, float]] = field(default_factory=list)  # (SQL, seconds)
    hops: list[Hop] = field(default_factory=list)
    commits: int = 0
    rollbacks: int = 0
    transaction_seconds: float = 0.0  # in COMMIT and ROLLBACK
    built: list = field(default_factory=list)  # statements executed for the first time


class Meter:
    """Counts statements and worker-thread hops into the current sample; times the app."""

    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.sample = Sample()
        # While profiling: each worker-thread call runs under a profiler of its own (cProfile
        # sees only the thread it was enabled in); they are merged afterwards.
        self.thread_profiles: list[cProfile.Profile] | None = None
        self._started: dict[int, float] = {}
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        # Statement objects never executed before: built for this request, so SQLAlchemy
        # computes their cache key again (see auth.sessions.lookup). Weak: built ones die.
        self._executed: weakref.WeakSet = weakref.WeakSet()
        event.listen(engine, "before_execute", self._statement)
        self._patch_transactions(engine.dialect)
        self._patch_threads()

    def _statement(self, _conn, statement, *_args) -> None:
        if not hasattr(statement, "_generate_cache_key") or statement in self._executed:
            return
        self._executed.add(statement)
        self.sample.built.append(statement)  # its SQL made only for the report (not timed)

    def _before(self, _conn, cursor, statement, _parameters, _context, _executemany) -> None:
        self._started[id(cursor)] = time.perf_counter()

    def _after(self, _conn, cursor, statement, _parameters, _context, _executemany) -> None:
        started = self._started.pop(id(cursor), None)
        seconds = time.perf_counter() - started if started is not None else 0.0
        self.sample.statements.append((statement, seconds))

    def _patch_transactions(self, dialect) -> None:
        # COMMIT and ROLLBACK are no cursor executes: timed on this engine's dialect (the pool's
        # reset of a returned connection is a rollback too).
        meter = self

        def timed(original: Callable, kind: str) -> Callable:
            def run(dbapi_connection) -> None:
                started = time.perf_counter()
                try:
                    original(dbapi_connection)
                finally:
                    sample = meter.sample
                    setattr(sample, kind, getattr(sample, kind) + 1)
                    sample.transaction_seconds += time.perf_counter() - started

            return run

        dialect.do_commit = timed(dialect.do_commit, "commits")
        dialect.do_rollback = timed(dialect.do_rollback, "rollbacks")

    def _timed(self, hop: Hop, func: Callable) -> Callable:
        profiles = self.thread_profiles

        def run(*args):
            started = time.perf_counter()
            try:
                if profiles is not None:
                    profiler = cProfile.Profile()
                    profiles.append(profiler)
                    return profiler.runcall(func, *args)
                return func(*args)
            finally:
                hop.inside = time.perf_counter() - started

        return run

    def _patch_threads(self) -> None:
        # Every anyio worker-thread call goes through the backend's run_sync_in_worker_thread,
        # whether it came from `anyio.to_thread.run_sync` looked up at call time (Starlette,
        # FastAPI) or bound at import (`from anyio.to_thread import run_sync`).
        from anyio._backends._asyncio import AsyncIOBackend

        meter = self
        original = AsyncIOBackend.run_sync_in_worker_thread

        async def run_sync_in_worker_thread(cls, func, args, abandon_on_cancel=False, limiter=None):
            hop = Hop(hop_name(func))
            meter.sample.hops.append(hop)
            started = time.perf_counter()
            try:
                return await original(
                    meter._timed(hop, func),
                    args,
                    abandon_on_cancel=abandon_on_cancel,
                    limiter=limiter,
                )
            finally:
                hop.outside = time.perf_counter() - started

        AsyncIOBackend.run_sync_in_worker_thread = classmethod(run_sync_in_worker_thread)

        original_executor = asyncio.base_events.BaseEventLoop.run_in_executor

        def run_in_executor(loop, executor, func, *args):
            hop = Hop("executor: " + hop_name(func))
            meter.sample.hops.append(hop)
            started = time.perf_counter()
            future = original_executor(loop, executor, meter._timed(hop, func), *args)

            def done(_future) -> None:
                hop.outside = time.perf_counter() - started

            future.add_done_callback(done)
            return future

        asyncio.base_events.BaseEventLoop.run_in_executor = run_in_executor

    def start(self) -> Sample:
        self.sample = Sample()
        return self.sample


def hop_name(func) -> str:
    """What a worker-thread call runs, in words a reader of the code finds."""
    keywords: dict = {}
    while hasattr(func, "func") and hasattr(func, "keywords"):  # functools.partial
        keywords = {**func.keywords, **keywords}
        func = func.func
    if "function" in keywords:  # FastAPI's _run_sync_endpoint(function=endpoint, ...)
        return "endpoint " + _qualname(keywords["function"])
    if hasattr(func, "botschaft_endpoint"):  # core.routing: dependencies, endpoint, commit
        return "endpoint " + _qualname(func.botschaft_endpoint)
    owner = getattr(func, "__self__", None)
    generator = getattr(owner, "gen", None)
    if generator is not None:  # a yield dependency's __enter__ / __exit__
        return f"{generator.__qualname__} {func.__name__}"
    name = _qualname(func)
    if name.endswith("ModelField.validate"):
        return "response validation (FastAPI)"
    return name


def _qualname(func) -> str:
    func = getattr(func, "__wrapped__", func)
    module = getattr(func, "__module__", None) or "?"
    module = module.removeprefix("botschaft.")
    return f"{module}.{getattr(func, '__qualname__', repr(func))}"


class TimedApp:
    """The app, timed from the ASGI call until it returns (after the response's clean-up)."""

    def __init__(self, app, meter: Meter) -> None:
        self.app = app
        self.meter = meter

    async def __call__(self, scope, receive, send) -> None:
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            self.meter.sample.server_ms = (time.perf_counter() - started) * 1000


# --- the databases ---------------------------------------------------------------------------


@contextmanager
def database(kind: str, admin_url: str | None) -> Iterator[tuple[str, str]]:
    """(SQLAlchemy URL, what it is) of a fresh database, removed afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'botschaft.db'}", "SQLite, a temporary file"
        return
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo
    from sqlalchemy.engine import URL

    admin = admin_url or os.environ.get(PG_ADMIN_ENV) or DEFAULT_PG
    admin = re.sub(r"^postgresql\+\w+://", "postgresql://", admin)
    params = conninfo_to_dict(admin)
    name = f"bench_profile_{uuid.uuid4().hex[:8]}"  # never a database the tests use
    try:
        connection = psycopg.connect(make_conninfo(**params), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:  # no such maintenance database: the server's default
        params["dbname"] = "postgres"
        connection = psycopg.connect(make_conninfo(**params), autocommit=True, connect_timeout=5)
    with connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = URL.create(
        "postgresql+psycopg",
        username=params.get("user", "postgres"),
        password=params.get("password"),
        host=params.get("host", "127.0.0.1"),
        port=int(params.get("port", 5432)),
        database=name,
    )
    try:
        yield url.render_as_string(hide_password=False), f"PostgreSQL, database {name}"
    finally:
        with psycopg.connect(make_conninfo(**params), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_app(url: str, data_dir: Path, figure_cache: int = 0):
    """The app as the tests make it: migrations, then the demo program. Computed figures are
    not kept unless `figure_cache` says how many (kpis/cache.py): each timed request of a KPI
    endpoint computes them, which is what the statement counts check."""
    from botschaft.app import create_app
    from botschaft.core import migrate
    from botschaft.core.database import Database
    from botschaft.core.settings import Settings
    from botschaft.demo.service import load_demo

    settings = Settings(
        database_url=url,
        data_dir=data_dir,
        secret_key="bench-secret-key-" + "x" * 32,
        public_url="http://bench",
        environment="test",
        jobs_in_process=False,
        login_limit_per_account_and_address="100000/minute",  # one sign-in per endpoint
        login_limit_per_account="100000/minute",
        login_limit_per_address="100000/minute",
        figure_cache_entries=figure_cache,
    )
    migrate.upgrade(settings)
    db = Database.from_settings(settings)
    with db.session() as session:
        load_demo(session)
    app = create_app(settings, db, serve_spa=False)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # no line per request
    return app, db


# --- measuring -------------------------------------------------------------------------------


async def signed_in(app, role: str, meter: Meter) -> Context:
    from botschaft.demo.service import DEMO_PASSWORD

    meter.start()  # not measured
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")
    answer = await client.post(
        "/api/v1/auth/login", json={"email": ACCOUNTS[role], "password": DEMO_PASSWORD}
    )
    answer.raise_for_status()
    client.headers["X-CSRF-Token"] = client.cookies["botschaft_csrf"]
    program_id = (await client.get("/api/v1/me")).json()["programs"][0]["id"]
    return Context(client, program_id, uuid.uuid4().hex[:8], random.Random(1))


async def one(ctx: Context, op: Operation, meter: Meter) -> Sample:
    sample = meter.start()
    started = time.perf_counter()
    answer = await op(ctx)
    sample.client_ms = (time.perf_counter() - started) * 1000
    if answer.status_code >= 400:
        raise RuntimeError(
            f"{answer.request.method} {answer.request.url}: {answer.status_code} {answer.text[:300]}"
        )
    return sample


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def _sql_line(statement: str) -> str:
    line = " ".join(statement.split())
    return line if len(line) <= 160 else line[:157] + "..."


def _per_hop(samples: list[Sample]) -> list[dict]:
    """Per hop of the request (in order): median time in the thread and around it."""
    names = [h.name for h in samples[-1].hops]
    alike = [s for s in samples if [h.name for h in s.hops] == names]
    return [
        {
            "name": name,
            "in_thread": round(statistics.median(s.hops[i].inside for s in alike) * 1000, 3),
            "overhead": round(
                statistics.median(max(0.0, s.hops[i].outside - s.hops[i].inside) for s in alike)
                * 1000,
                3,
            ),
        }
        for i, name in enumerate(names)
    ]


def _per_statement(samples: list[Sample]) -> list[float]:
    """Per statement of the request (in order): median execution time."""
    texts = [text for text, _ in samples[-1].statements]
    alike = [s for s in samples if [text for text, _ in s.statements] == texts]
    return [
        round(statistics.median(s.statements[i][1] for s in alike) * 1000, 3)
        for i in range(len(texts))
    ]


def summarise(endpoint: Endpoint, samples: list[Sample]) -> dict:
    def median(values) -> float:
        return round(statistics.median(values), 2)

    statements = [len(s.statements) for s in samples]
    hops = [len(s.hops) for s in samples]
    last = samples[-1]
    return {
        "role": endpoint.role,
        "request": endpoint.request,
        "in_mix": endpoint.in_mix,
        "runs": len(samples),
        "median_ms": median(s.server_ms for s in samples),
        "p90_ms": round(_p90([s.server_ms for s in samples]), 2),
        "client_median_ms": median(s.client_ms for s in samples),
        "statements": int(statistics.median(statements)),
        "statements_min": min(statements),
        "statements_max": max(statements),
        "hops": int(statistics.median(hops)),
        "hops_min": min(hops),
        "hops_max": max(hops),
        "built": int(statistics.median(len(s.built) for s in samples)),
        "built_sql": [_sql_line(str(statement)) for statement in last.built],
        "commits": int(statistics.median(s.commits for s in samples)),
        "rollbacks": int(statistics.median(s.rollbacks for s in samples)),
        "time_median_ms": {
            "sql_execute": median(sum(t for _, t in s.statements) * 1000 for s in samples),
            "commit_rollback": median(s.transaction_seconds * 1000 for s in samples),
            "in_threads": median(sum(h.inside for h in s.hops) * 1000 for s in samples),
            "hop_overhead": median(
                sum(max(0.0, h.outside - h.inside) for h in s.hops) * 1000 for s in samples
            ),
            "event_loop": median(
                max(0.0, s.server_ms - sum(h.outside for h in s.hops) * 1000) for s in samples
            ),
        },
        "hopped": [h.name for h in last.hops],
        "hop_median_ms": _per_hop(samples),
        "sql": [_sql_line(statement) for statement, _ in last.statements],
        "sql_median_ms": _per_statement(samples),
    }


async def measure(args: argparse.Namespace, app, meter: Meter) -> tuple[dict, str | None]:
    timed = TimedApp(app, meter)
    contexts: dict[str, Context] = {}
    results: dict[str, dict] = {}
    chosen = endpoints()
    if args.only:
        wanted = set(args.only)
        unknown = wanted - {e.name for e in chosen}
        if unknown:
            raise SystemExit(f"unknown endpoint(s): {', '.join(sorted(unknown))}")
        chosen = [e for e in chosen if e.name in wanted]
    target = None
    if args.profile:
        target = next((e for e in endpoints() if e.name == args.profile), None)
        if target is None:
            raise SystemExit(f"unknown endpoint for --profile: {args.profile}")
    report = None
    try:
        for endpoint in chosen:
            # A fresh sign-in per endpoint: a session is touched (last seen, one more write)
            # once a minute, which must not fall into an endpoint's runs.
            if endpoint.role in contexts:
                await contexts.pop(endpoint.role).client.aclose()
            ctx = contexts[endpoint.role] = await signed_in(timed, endpoint.role, meter)
            for _ in range(args.warmup):  # first imports, caches, statement caches
                await one(ctx, endpoint.op, meter)
            samples = [await one(ctx, endpoint.op, meter) for _ in range(args.runs)]
            results[endpoint.name] = summarise(endpoint, samples)
        if target is not None:
            if target.role in contexts:
                await contexts.pop(target.role).client.aclose()
            ctx = contexts[target.role] = await signed_in(timed, target.role, meter)
            for _ in range(args.warmup):
                await one(ctx, target.op, meter)
            report = await profile(ctx, target, meter, args)
    finally:
        for ctx in contexts.values():
            await ctx.client.aclose()
    return results, report


async def middleware_shares(args: argparse.Namespace, app, meter: Meter) -> str:
    """Each middleware's share of one endpoint's server time: the endpoint with the whole stack
    and with one middleware left out (and with none), interleaved run by run, so a slower
    moment of the machine falls on every variant alike."""
    endpoint = next((e for e in endpoints() if e.name == args.middleware), None)
    if endpoint is None:
        raise SystemExit(f"unknown endpoint for --middleware: {args.middleware}")
    full = list(app.user_middleware)
    variants = [("every middleware", full)]
    variants += [(f"without {m.cls.__name__}", [x for x in full if x is not m]) for m in full]
    variants.append(("without any of them", []))
    times: dict[str, list[float]] = {name: [] for name, _ in variants}
    ctx = await signed_in(TimedApp(app, meter), endpoint.role, meter)
    try:
        for _ in range(args.warmup):
            await one(ctx, endpoint.op, meter)
        for _ in range(args.runs):
            for name, stack in variants:
                app.user_middleware, app.middleware_stack = stack, None  # rebuilt on next call
                await one(ctx, endpoint.op, meter)  # builds the stack; not timed
                times[name].append((await one(ctx, endpoint.op, meter)).server_ms)
    finally:
        app.user_middleware, app.middleware_stack = full, None
        await ctx.client.aclose()
    whole = statistics.median(times["every middleware"])
    lines = [
        f"Middleware of {endpoint.name} ({endpoint.request}), medians of {args.runs} runs each:",
        "| stack | median ms | share ms |",
        "| --- | ---: | ---: |",
    ]
    for name, _ in variants:
        median = statistics.median(times[name])
        share = "" if name == "every middleware" else f"{whole - median:.2f}"
        lines.append(f"| {name} | {median:.2f} | {share} |")
    return "\n".join(lines)


async def profile(ctx: Context, endpoint: Endpoint, meter: Meter, args) -> str:
    """cProfile of M requests: the event loop's thread plus every worker-thread call."""
    meter.thread_profiles = []
    main_thread = cProfile.Profile()
    main_thread.enable()
    try:
        for _ in range(args.profile_runs):
            await one(ctx, endpoint.op, meter)
    finally:
        main_thread.disable()
    out = io.StringIO()
    stats = pstats.Stats(main_thread, stream=out)
    for profiler in meter.thread_profiles:
        stats.add(profiler)
    threads = len(meter.thread_profiles)
    meter.thread_profiles = None
    if args.prof:
        stats.dump_stats(args.prof)
    out.write(
        f"cProfile of {args.profile_runs} requests of {endpoint.name} ({endpoint.request}): "
        f"the event loop plus {threads} worker-thread calls, merged; by {args.sort} time. The "
        "event loop's functions include its waits for the worker threads (select/poll).\n"
    )
    stats.sort_stats(args.sort).print_stats(args.top)
    if args.prof:
        out.write(f"written to {args.prof} (e.g. python -m pstats {args.prof}, or snakeviz)\n")
    return out.getvalue()


# --- output and the check --------------------------------------------------------------------


def machine() -> dict:
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": model or platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def _load() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def table(run: dict) -> str:
    lines = [
        f"{run['database_label']}, demo program, {run['runs']} sequential requests per endpoint "
        f"after {run['warmup']} warm-up, {run['date'][:16].replace('T', ' ')}, "
        f"{run['machine']['cpus']} cores, load average {run['load_before']} → {run['load_after']}",
        "",
        "| endpoint | role | request | median ms | p90 ms | statements | built anew "
        "| commit / rollback | hops |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in run["endpoints"].items():
        statements = _spread(row, "statements")
        hops = _spread(row, "hops")
        extra = "" if row["in_mix"] else " (not in mix)"
        lines.append(
            f"| {name}{extra} | {row['role']} | `{row['request']}` | {row['median_ms']:.1f} | "
            f"{row['p90_ms']:.1f} | {statements} | {row.get('built', '–')} | "
            f"{row['commits']} / {row['rollbacks']} | {hops} |"
        )
    lines += [
        "",
        "Where the server time goes (medians, ms; SQL execution, COMMIT and ROLLBACK are part of "
        "the time in worker threads):",
        "",
        "| endpoint | server | SQL execute | commit, rollback | in worker threads "
        "| thread-pool overhead | event loop |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, row in run["endpoints"].items():
        t = row["time_median_ms"]
        lines.append(
            f"| {name} | {row['median_ms']:.1f} | {t['sql_execute']:.1f} | "
            f"{t['commit_rollback']:.1f} | {t['in_threads']:.1f} | "
            f"{t['hop_overhead']:.1f} | {t['event_loop']:.1f} |"
        )
    return "\n".join(lines)


def _spread(row: dict, key: str) -> str:
    low, high = row[f"{key}_min"], row[f"{key}_max"]
    return str(row[key]) if low == high else f"{row[key]} ({low}–{high})"


def details(run: dict, names: list[str]) -> str:
    out = []
    for name in names:
        row = run["endpoints"].get(name)
        if row is None:
            out.append(f"\n{name}: not measured")
            continue
        out.append(f"\n{name} ({row['request']}), the last request:")
        if row.get("built_sql"):
            out.append(f"  {len(row['built_sql'])} statements built for this request:")
            out += [f"    {i}. {sql}" for i, sql in enumerate(row["built_sql"], 1)]
        out.append(f"  {len(row['hopped'])} hops (median ms in the thread + overhead around it):")
        out += [
            f"    {i}. {hop['name']}: {hop['in_thread']:.2f} + {hop['overhead']:.2f}"
            for i, hop in enumerate(row["hop_median_ms"], 1)
        ]
        out.append(f"  {len(row['sql'])} statements (median ms to execute):")
        out += [
            f"    {i}. {ms:.2f} {sql}"
            for i, (sql, ms) in enumerate(zip(row["sql"], row["sql_median_ms"], strict=True), 1)
        ]
    return "\n".join(out)


def check(run: dict, baseline: dict) -> tuple[list[str], list[str]]:
    """(regressions, notes): statements or hops per request above the baseline's."""
    database = run["database"]
    reference = baseline.get(database) if "endpoints" not in baseline else baseline
    if reference is None:
        return [f"the baseline has no {database} run"], []
    if reference.get("database", database) != database:
        return [f"the baseline is for {reference['database']}, this run is {database}"], []
    failures, notes = [], []
    for name, expected in reference["endpoints"].items():
        row = run["endpoints"].get(name)
        if row is None:
            if not run.get("only"):
                failures.append(f"{name}: in the baseline, not measured")
            continue
        for key in ("statements", "hops"):  # medians over the runs
            now, then = row[key], expected[key]
            if now > then:
                failures.append(f"{name}: {key} per request {then} → {now}")
            elif now < then:
                notes.append(f"{name}: {key} per request {then} → {row[key]} (update the baseline)")
    for name in run["endpoints"]:
        if name not in reference["endpoints"]:
            notes.append(f"{name}: not in the baseline")
    return failures, notes


def baseline_entry(run: dict) -> dict:
    return {
        "date": run["date"],
        "runs": run["runs"],
        "endpoints": {
            name: {"request": row["request"], "statements": row["statements"], "hops": row["hops"]}
            for name, row in run["endpoints"].items()
        },
    }


def write_baseline(path: Path, run: dict) -> None:
    data = json.loads(path.read_text()) if path.exists() else {}
    data["about"] = (
        "Statements and worker-thread hops per request, per database, from "
        "`python -m bench.requests.profile --write-baseline`; checked with --check."
    )
    data[run["database"]] = baseline_entry(run)
    ordered = {"about": data.pop("about"), **dict(sorted(data.items()))}
    path.write_text(json.dumps(ordered, indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.requests.profile", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--database-url",
        help="PostgreSQL server to create the run's own database on (implies --database "
        f"postgresql; default ${PG_ADMIN_ENV} or {DEFAULT_PG})",
    )
    parser.add_argument("-n", "--runs", type=int, default=40, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests before them")
    parser.add_argument("--only", nargs="+", metavar="ENDPOINT", help="measure only these")
    parser.add_argument("--profile", metavar="ENDPOINT", help="cProfile M requests of it")
    parser.add_argument("--profile-runs", type=int, default=60, metavar="M")
    parser.add_argument("--top", type=int, default=25, help="functions in the profile")
    parser.add_argument(
        "--sort",
        default="cumulative",
        choices=["cumulative", "tottime", "calls"],
        help="order of the profile (tottime: time in the function itself)",
    )
    parser.add_argument("--prof", type=Path, help="write the profile here (.prof) as well")
    parser.add_argument(
        "--details",
        nargs="*",
        metavar="ENDPOINT",
        help="list the statements and hops of these (all, without names)",
    )
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument(
        "--check",
        type=Path,
        metavar="BASELINE",
        help="exit 1 if statements or hops per request exceed the baseline's",
    )
    parser.add_argument(
        "--write-baseline",
        type=Path,
        metavar="BASELINE",
        help="put this run's statements and hops into the baseline file",
    )
    parser.add_argument(
        "--middleware",
        metavar="ENDPOINT",
        help="measure each middleware's share of this endpoint's time instead",
    )
    parser.add_argument(
        "--figure-cache",
        type=int,
        default=0,
        metavar="N",
        help="keep N computed figures as production does (default 0: every KPI request "
        "computes them; with N > 0 the timed requests after the first are kept ones)",
    )
    parser.add_argument("--list", action="store_true", help="list the endpoints and stop")
    args = parser.parse_args(argv)
    if args.database_url:
        args.database = "postgresql"
    if args.list:
        for e in endpoints():
            print(f"{e.name:<26}{e.role:<12}{e.request}{'' if e.in_mix else '  (not in mix)'}")
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    load_before = _load()
    with (
        database(args.database, args.database_url) as (url, label),
        tempfile.TemporaryDirectory() as data_dir,
    ):
        app, db = make_app(url, Path(data_dir), args.figure_cache)
        meter = Meter(db.engine)
        if args.middleware:
            try:
                print(asyncio.run(middleware_shares(args, app, meter)))
            finally:
                db.engine.dispose()
            return 0
        try:
            results, report = asyncio.run(measure(args, app, meter))
        finally:
            db.engine.dispose()
    run = {
        "tool": "bench.requests.profile",
        "database": args.database,
        "database_label": label,
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "load_before": load_before,
        "load_after": _load(),
        "runs": args.runs,
        "warmup": args.warmup,
        "only": args.only,
        "figure_cache": args.figure_cache,
        "endpoints": results,
    }
    print(table(run))
    if args.details is not None:
        print(details(run, args.details or list(results)))
    if report:
        print("\n" + report)
    if args.json:
        args.json.write_text(json.dumps(run, indent=2, ensure_ascii=False) + "\n")
    if args.write_baseline:
        write_baseline(args.write_baseline, run)
        print(f"\nbaseline for {args.database} written to {args.write_baseline}")
    if args.check:
        failures, notes = check(run, json.loads(args.check.read_text()))
        for note in notes:
            print(f"note: {note}")
        if failures:
            print(f"\nFAILED against {args.check}:")
            for failure in failures:
                print(f"  {failure}")
            return 1
        print(f"\nno endpoint needs more statements or hops than in {args.check}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
