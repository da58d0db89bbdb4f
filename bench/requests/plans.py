"""Where one request's statements spend their time on PostgreSQL: planning and execution on
the server (EXPLAIN ANALYZE's summary) against the same statement sent by psycopg (execute and
fetch: parsing, round trip, parameters and rows included). Run it as a module:

    .venv/bin/python -m bench.requests.plans program_kpis [--repeat 7]

The endpoints are those of bench.requests.profile (`--list` there), on the demo program in a
database of its own; each statement is captured from one request after a warm-up, then run
`--repeat` times each way, and the medians are printed (issue #20).
"""

from __future__ import annotations

import sys

if __name__ == "__main__" and not __package__:  # pragma: no cover - see the docstring
    sys.exit("run it as a module: .venv/bin/python -m bench.requests.plans")

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from bench.requests import profile


def captured_statements(app, db, endpoint: profile.Endpoint) -> list[tuple[str, dict]]:
    """The SQL and parameters of one request of the endpoint, after three untimed ones."""
    meter = profile.Meter(db.engine)
    found: list[tuple[str, dict]] = []

    def grab(_conn, _cursor, statement, parameters, _context, _many) -> None:
        found.append((statement, parameters))

    async def run() -> None:
        timed = profile.TimedApp(app, meter)
        ctx = await profile.signed_in(timed, endpoint.role, meter)
        try:
            for _ in range(3):
                await profile.one(ctx, endpoint.op, meter)
            event.listen(db.engine, "before_cursor_execute", grab)
            try:
                await profile.one(ctx, endpoint.op, meter)
            finally:
                event.remove(db.engine, "before_cursor_execute", grab)
        finally:
            await ctx.client.aclose()

    asyncio.run(run())
    return [(s, p) for s, p in found if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def timings(cursor, statement: str, parameters, repeat: int) -> tuple[float, float, float]:
    """Medians in ms: psycopg's execute and fetch, the server's planning, its execution."""
    sent, planned, executed = [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        cursor.execute(statement, parameters)
        cursor.fetchall()
        sent.append((time.perf_counter() - started) * 1000)
        cursor.execute("EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) " + statement, parameters)
        summary = cursor.fetchone()[0][0]
        planned.append(summary["Planning Time"])
        executed.append(summary["Execution Time"])
    return statistics.median(sent), statistics.median(planned), statistics.median(executed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.requests.plans", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("endpoint", help="an endpoint of bench.requests.profile")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each statement")
    parser.add_argument("--database-url", help="the PostgreSQL server (as in the profile)")
    args = parser.parse_args(argv)
    endpoint = next((e for e in profile.endpoints() if e.name == args.endpoint), None)
    if endpoint is None:
        parser.error(f"unknown endpoint {args.endpoint!r}; see bench.requests.profile --list")
    with (
        profile.database("postgresql", args.database_url) as (url, label),
        tempfile.TemporaryDirectory() as data_dir,
    ):
        app, db = profile.make_app(url, Path(data_dir))
        try:
            statements = captured_statements(app, db, endpoint)
            raw = db.engine.raw_connection()
            try:
                cursor = raw.cursor()
                print(f"{endpoint.name} ({endpoint.request}), {label}, medians of {args.repeat}\n")
                print("| psycopg ms | planning ms | execution ms | statement |")
                print("| ---: | ---: | ---: | --- |")
                totals = [0.0, 0.0, 0.0]
                for statement, parameters in statements:
                    row = timings(cursor, statement, parameters, args.repeat)
                    totals = [a + b for a, b in zip(totals, row, strict=True)]
                    text = " ".join(statement.split())[:90]
                    print(f"| {row[0]:.2f} | {row[1]:.2f} | {row[2]:.2f} | `{text}…` |")
                print(f"| **{totals[0]:.2f}** | **{totals[1]:.2f}** | **{totals[2]:.2f}** | all |")
            finally:
                raw.close()
        finally:
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
