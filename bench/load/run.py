"""Load test: a realistic mix of influencers, core team and HR leadership against
`botschaft serve`, beside a bare FastAPI "hello" endpoint served the same way (the ceiling).

    .venv/bin/python -m bench.load.run --database sqlite --workers 1 --clients 50 200 --duration 60
    .venv/bin/python -m bench.load.run --database postgresql --workers 2 --clients 50 200 --duration 60
    .venv/bin/python -m bench.load.run --database postgresql --workers 2 --clients 50 --influencers 10000 --posts 1000000

By default the mix runs on the demo program (16 influencers). With `--influencers N --posts M`
it runs on a generated program of that size (bench/kpis/run.py's generator: posts over a year
with figures): its core team, an HR viewer and 200 of its influencers sign in.

Reports throughput and p50/p95/p99 latency per operation, failed requests, the server
processes' resident memory after each phase, and checks after the run that every acknowledged
write is in the database. The driver (asyncio + httpx, one process)
runs on the same machine as the server, so both share its cores.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import Uuid, bindparam, create_engine, text
from tests.support.databases import create_postgres_database, drop_postgres_database, sqlite_url
from tests.support.fuzz import DEMO_PASSWORD
from tests.support.live import ROOT, start_server
from tests.support.oidc import free_port

from bench.load.mix import MIX, ROLE_SHARE, WRITES, Context, pick

SERVER_ENV = {
    "BOTSCHAFT_LOGIN_LIMIT_PER_ADDRESS": "1000000/minute",
    "BOTSCHAFT_LOGIN_LIMIT_PER_ACCOUNT": "1000000/minute",
    "BOTSCHAFT_SECRET_KEY": "load-test-" + "x" * 40,
    "BOTSCHAFT_LOG_LEVEL": "WARNING",
}


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    acknowledged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)

    def record(self, name: str, seconds: float, ok: bool, detail: str = "") -> None:
        self.latencies[name].append(seconds)
        if not ok:
            self.failures[name] += 1
            if len(self.errors) < 10:
                self.errors.append(f"{name}: {detail}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def _hello_client(url: str, start_at: float, deadline: float, stats: Stats) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30, verify=False) as client:
        await asyncio.sleep(max(0.0, start_at - time.monotonic()))
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                response = await client.get("/hello")
                stats.record("hello", time.perf_counter() - start, response.status_code == 200)
            except httpx.HTTPError as error:
                stats.record("hello", time.perf_counter() - start, False, repr(error))


async def _person(
    url: str,
    role: str,
    email: str,
    program_id: str,
    run_id: str,
    seed: int,
    start_at: float,
    deadline: float,
    think: float,
    stats: Stats,
) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30, verify=False) as client:
        response = await client.post(
            "/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD}
        )
        response.raise_for_status()
        client.headers["X-CSRF-Token"] = client.cookies["botschaft_csrf"]
        ctx = Context(client, program_id, run_id, random.Random(seed))
        # Spread the first requests over one think time, as people do not click in unison.
        await asyncio.sleep(max(0.0, start_at - time.monotonic()) + ctx.rng.uniform(0, think))
        while time.monotonic() < deadline:
            name, _, step = pick(MIX[role], ctx.rng)
            start = time.perf_counter()
            try:
                response = await step(ctx)
                ok = response.status_code < 400
                stats.record(
                    name,
                    time.perf_counter() - start,
                    ok,
                    f"{response.status_code} {response.text[:120]}",
                )
                if ok and name in WRITES:
                    stats.acknowledged[name] += 1
            except httpx.HTTPError as error:
                stats.record(name, time.perf_counter() - start, False, repr(error))
            if think:
                await asyncio.sleep(ctx.rng.expovariate(1 / think))


def _generated_program(url: str, influencers: int, posts: int) -> tuple[str, dict]:
    """A program of that size in the database (before the server starts), and the accounts
    that sign in: its core team, a new HR viewer and 200 influencers, all with the demo's
    password."""
    from bench.kpis.run import generate
    from botschaft.core.ids import uuid7
    from botschaft.core.security import hash_password

    program_id, core_email = generate(url, influencers, posts, 1)
    engine = create_engine(url)
    digest = hash_password(DEMO_PASSWORD)
    hr_email = f"hr-{program_id[:8]}@bench.example"
    people = [f"i{i}-{uuid.UUID(program_id).hex[:8]}@bench.example" for i in range(200)]
    hr_id, hr_member = uuid7(), uuid7()
    with engine.begin() as connection:
        # The generated year is over; the program goes on, so new posts are inside its period.
        connection.execute(
            text("UPDATE programs SET ends_on = NULL WHERE id = :p").bindparams(
                bindparam("p", type_=Uuid())
            ),
            {"p": uuid.UUID(program_id)},
        )
        connection.execute(
            text("UPDATE users SET password_hash = :h WHERE email = :core OR email IN :people")
            .bindparams(bindparam("people", expanding=True)),
            {"h": digest, "core": core_email, "people": people},
        )  # fmt: skip
        connection.execute(
            text(
                "INSERT INTO users (id, email, name, role, locale, is_active, password_hash, "
                "created_at, updated_at, version) VALUES (:id, :email, 'HR', 'hr_viewer', 'de', "
                "true, :h, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
            ).bindparams(bindparam("id", type_=Uuid())),
            {"id": hr_id, "email": hr_email, "h": digest},
        )
        connection.execute(
            text(
                "INSERT INTO program_memberships (id, program_id, user_id, role, joined_at, "
                "status) VALUES (:id, :p, :u, 'hr_viewer', CURRENT_TIMESTAMP, 'active')"
            ).bindparams(*(bindparam(k, type_=Uuid()) for k in ("id", "p", "u"))),
            {"id": hr_member, "p": uuid.UUID(program_id), "u": hr_id},
        )
    engine.dispose()
    return program_id, {"core_team": [core_email], "hr_viewer": [hr_email], "influencer": people}


def _rss_mib(pid: int) -> list[float]:
    """Resident memory of the process and of each of its children (uvicorn's workers), MiB."""
    pids = [pid]
    with contextlib.suppress(OSError):  # no /proc: only the first process
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    sizes = []
    for one in pids:
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        sizes += [
            int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")
        ]
    return sizes


def _accounts(url: str) -> tuple[str, dict[str, list[str]]]:
    with httpx.Client(base_url=url, timeout=30) as client:
        client.post(
            "/api/v1/auth/login",
            json={"email": "katrin.vogt@musterstadt.example", "password": DEMO_PASSWORD},
        ).raise_for_status()
        program_id = client.get("/api/v1/me").json()["programs"][0]["id"]
        members = client.get(
            f"/api/v1/programs/{program_id}/members", params={"per_page": 200}
        ).json()
    by_role: dict[str, list[str]] = defaultdict(list)
    for m in members["items"]:
        by_role[m["role"]].append(m["email"])
    return program_id, by_role


async def _phase(
    url: str,
    clients: int,
    duration: float,
    think: float,
    program_id: str,
    accounts: dict[str, list[str]],
    run_id: str,
) -> tuple[Stats, float]:
    stats = Stats()
    roles = random.Random(clients).choices(
        list(ROLE_SHARE), weights=list(ROLE_SHARE.values()), k=clients
    )
    start_at = time.monotonic() + 2 + clients * 0.02  # everyone signed in before the clock starts
    deadline = start_at + duration
    await asyncio.gather(
        *[
            _person(
                url,
                role,
                accounts[role][i % len(accounts[role])],
                program_id,
                run_id,
                i,
                start_at,
                deadline,
                think,
                stats,
            )
            for i, role in enumerate(roles)
        ]
    )
    return stats, duration


async def _hello_phase(url: str, clients: int, duration: float) -> Stats:
    stats = Stats()
    start_at = time.monotonic() + 1 + clients * 0.01  # every client created before the clock
    deadline = start_at + duration
    await asyncio.gather(*[_hello_client(url, start_at, deadline, stats) for _ in range(clients)])
    return stats


def _row(values: list[float], failed: int, duration: float) -> dict[str, float]:
    return {
        "requests": len(values),
        "rps": len(values) / duration,
        "p50_ms": percentile(values, 0.50) * 1000,
        "p95_ms": percentile(values, 0.95) * 1000,
        "p99_ms": percentile(values, 0.99) * 1000,
        "failed": failed,
    }


def _summary(stats: Stats, duration: float) -> dict[str, dict[str, float]]:
    rows = {
        name: _row(values, stats.failures.get(name, 0), duration)
        for name, values in sorted(stats.latencies.items())
    }
    everything = [v for values in stats.latencies.values() for v in values]
    rows["ALL"] = _row(everything, sum(stats.failures.values()), duration)
    return rows


def _print_table(title: str, rows: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print("| operation | requests | req/s | p50 ms | p95 ms | p99 ms | failed |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['requests']:.0f} | {r['rps']:.1f} | {r['p50_ms']:.1f} | "
            f"{r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['failed']:.0f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description="Botschaft load test")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--hello-duration", type=float, default=20)
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean think time between requests (s)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--influencers", type=int, help="run on a generated program of this many influencers"
    )
    parser.add_argument("--posts", type=int, default=1_000_000, help="its posts (a year)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="botschaft-load-"))
    pg_name = None
    if args.database == "sqlite":
        url = sqlite_url(tmp)
    else:
        pg_name, url = create_postgres_database()
    env = {**SERVER_ENV, "BOTSCHAFT_DATABASE_URL": url}
    generated = None
    if args.influencers:
        from botschaft.core import migrate
        from botschaft.core.settings import Settings

        migrate.upgrade(Settings(database_url=url, data_dir=tmp))
        generated = _generated_program(url, args.influencers, args.posts)
    server = start_server(tmp, "--demo", "--workers", str(args.workers), env=env, timeout=120)
    hello_port = free_port()
    hello = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.load.hello_app:app",
            "--port",
            str(hello_port),
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ},
    )
    results: dict[str, object] = {
        "database": args.database,
        "workers": args.workers,
        "duration_s": args.duration,
        "think_s": args.think,
        "phases": [],
    }
    exit_code = 0
    try:
        time.sleep(2)
        program_id, accounts = generated or _accounts(server.url)
        for clients in args.clients:
            run_id = uuid.uuid4().hex[:8]
            hello_stats = asyncio.run(
                _hello_phase(f"http://127.0.0.1:{hello_port}", clients, args.hello_duration)
            )
            stats, duration = asyncio.run(
                _phase(server.url, clients, args.duration, args.think, program_id, accounts, run_id)
            )
            rows = _summary(stats, duration)
            hello_rows = _summary(hello_stats, args.hello_duration)
            engine = create_engine(url)
            with engine.connect() as connection:
                stored = {
                    name: connection.execute(text(sql.format(run_id=run_id))).scalar()
                    for name, sql in WRITES.items()
                }
            engine.dispose()
            # A request that timed out on the client may still have been committed: stored may
            # exceed acknowledged, but nothing acknowledged may be missing.
            writes_ok = all(stored[n] >= stats.acknowledged.get(n, 0) for n in WRITES)
            ratio = rows["ALL"]["rps"] / hello_rows["ALL"]["rps"]
            _print_table(
                f"{args.database}, {args.workers} worker(s), {clients} clients, "
                f"{args.duration:.0f} s, think {args.think} s",
                rows,
            )
            _print_table(
                f"hello ceiling, {clients} clients, {args.hello_duration:.0f} s", hello_rows
            )
            print(f"throughput ratio Botschaft/hello: {ratio:.2f}")
            rss = _rss_mib(server.process.pid)
            each = ", ".join(f"{r:.0f}" for r in rss)
            print(f"server resident memory after the phase: {sum(rss):.0f} MiB ({each}: the "
                  "first process, then each worker)")  # fmt: skip
            print(
                f"acknowledged writes: {dict(stats.acknowledged)}  stored: {stored}  "
                f"{'all stored' if writes_ok else 'MISSING WRITES'}"
            )
            for error in stats.errors:
                print(f"  error: {error}")
            if rows["ALL"]["failed"] or not writes_ok:
                exit_code = 1
            results["phases"].append(
                {
                    "clients": clients,
                    "operations": rows,
                    "hello": hello_rows,
                    "rss_mib": rss,  # the first process, then each worker
                    "ratio": ratio,
                    "acknowledged": dict(stats.acknowledged),
                    "stored": stored,
                }
            )
    finally:
        hello.terminate()
        server.stop()
        if pg_name:
            drop_postgres_database(pg_name)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())
