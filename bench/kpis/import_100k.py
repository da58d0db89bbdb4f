"""Time to import a 100,000-row figures file through the API (creating the posts).

    .venv/bin/python -m bench.kpis.import_100k --database sqlite|postgresql [--rows 100000]

Starts `botschaft serve --demo`, signs in as the demo influencer, uploads a CSV of new post
links with figures (create missing posts), then uploads it again (which must change nothing).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import httpx
from tests.support.databases import create_postgres_database, drop_postgres_database, sqlite_url
from tests.support.fuzz import DEMO_ACCOUNTS, DEMO_PASSWORD
from tests.support.live import start_server


def main() -> int:
    parser = argparse.ArgumentParser(description="100k-row import")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    lines = ["url;published_on;impressions;likes;comments;shares"]
    lines += [
        f"https://www.linkedin.com/posts/import-{n};2026-03-01;{n % 5000};{n % 300};{n % 40};{n % 7}"
        for n in range(args.rows)
    ]
    data = ("\n".join(lines) + "\n").encode()
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
        client.post(
            "/api/v1/auth/login",
            json={"email": DEMO_ACCOUNTS["influencer"], "password": DEMO_PASSWORD},
        ).raise_for_status()
        client.headers["X-CSRF-Token"] = client.cookies["botschaft_csrf"]
        program = client.get("/api/v1/me").json()["programs"][0]["id"]
        timings = []
        for attempt in ("first", "again"):
            started = time.perf_counter()
            response = client.post(
                f"/api/v1/programs/{program}/posts/imports",
                files={"file": ("figures.csv", data, "text/csv")},
                data={"create_missing": "true"},
            )
            timings.append(time.perf_counter() - started)
            response.raise_for_status()
            print(f"{attempt}: {timings[-1]:.1f} s  {response.json()}")
        print(
            f"\n{args.database}: {args.rows} rows ({len(data) / 1e6:.1f} MB): import {timings[0]:.1f} s, re-import {timings[1]:.1f} s"
        )
    finally:
        server.stop()
        if pg_name:
            drop_postgres_database(pg_name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
