"""Time to import a 100,000-row figures file through the API (creating the posts).

    .venv/bin/python -m bench.kpis.import_100k --database sqlite|postgresql [--rows 100000] [--spread]

Starts `botschaft serve --demo`, uploads a CSV of new post links with figures (create missing
posts), then uploads it again (which must change nothing).

- Without `--spread`: the demo influencer's own file, every row on one day (one person, one
  month of the rollups to refresh: the cheapest case).
- With `--spread`: the core team's file for all the demo's influencers (an email column), the
  rows spread over the people and over every day from the program's start to yesterday (every
  person's every month of the rollups to refresh), dated outside a person's cohort where it
  must be (`outside_period`, as the core team may).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
from tests.support.databases import create_postgres_database, drop_postgres_database, sqlite_url
from tests.support.fuzz import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.support.live import start_server


def main() -> int:
    parser = argparse.ArgumentParser(description="100k-row import")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--spread", action="store_true", help="rows over all people and days (the core team's)"
    )
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="botschaft-import-"))
    pg_name = None
    url = sqlite_url(tmp)
    if args.database == "postgresql":
        pg_name, url = create_postgres_database()
    server = start_server(
        tmp,
        "--demo",
        env={"BOTSCHAFT_DATABASE_URL": url, "BOTSCHAFT_JOBS_IN_PROCESS": "false"},
        timeout=120,
    )
    try:
        client = httpx.Client(base_url=server.url, timeout=600)
        who = "core_team" if args.spread else "influencer"
        client.post(
            "/api/v1/auth/login", json={"email": DEMO_ACCOUNTS[who], "password": DEMO_PASSWORD}
        ).raise_for_status()
        client.headers["X-CSRF-Token"] = client.cookies["botschaft_csrf"]
        program = client.get("/api/v1/me").json()["programs"][0]["id"]
        data = _spread_file(client, program, args.rows) if args.spread else _one_day(args.rows)
        form = {"create_missing": "true"} | ({"outside_period": "true"} if args.spread else {})
        timings = []
        for attempt in ("first", "again"):
            started = time.perf_counter()
            response = client.post(
                f"/api/v1/programs/{program}/posts/imports",
                files={"file": ("figures.csv", data, "text/csv")},
                data=form,
            )
            timings.append(time.perf_counter() - started)
            response.raise_for_status()
            print(f"{attempt}: {timings[-1]:.1f} s  {response.json()}")
        shape = "spread over people and days" if args.spread else "one person, one day"
        print(
            f"\n{args.database}: {args.rows} rows, {shape} ({len(data) / 1e6:.1f} MB): "
            f"import {timings[0]:.1f} s, re-import {timings[1]:.1f} s"
        )
    finally:
        server.stop()
        if pg_name:
            drop_postgres_database(pg_name)
    return 0


def _figures(n: int) -> str:
    return f"{n % 5000};{n % 300};{n % 40};{n % 7}"


def _one_day(rows: int) -> bytes:
    """Every row yesterday: inside the program's period and after the person joined."""
    day = date.today() - timedelta(days=1)
    lines = ["url;published_on;impressions;likes;comments;shares"]
    lines += [f"https://www.linkedin.com/posts/import-{n};{day};{_figures(n)}" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def _spread_file(client: httpx.Client, program: str, rows: int) -> bytes:
    """Rows over every influencer of the program and every day from its start to yesterday."""
    members = client.get(f"/api/v1/programs/{program}/members", params={"per_page": 200}).json()[
        "items"
    ]
    emails = [m["email"] for m in members if m["role"] == "influencer"]
    first = date.fromisoformat(client.get(f"/api/v1/programs/{program}").json()["starts_on"])
    days = max((date.today() - timedelta(days=1) - first).days, 1)
    lines = ["url;published_on;email;impressions;likes;comments;shares"]
    lines += [
        f"https://www.linkedin.com/posts/spread-{n};{first + timedelta(days=n % days)};"
        f"{emails[n % len(emails)]};{_figures(n)}"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


if __name__ == "__main__":
    raise SystemExit(main())
