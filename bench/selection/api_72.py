"""The 72-person reference case end to end through the API: request to stored result.

    .venv/bin/python -m bench.selection.api_72 [--runs 10] [--database sqlite|postgresql]

Starts `botschaft serve --demo` (the demo's closed pilot call has 72 applications with four
dimensions), signs in as the core team, creates a round of 16 with proportional quotas, then
times POST .../runs (LEXIMIN, engine run and stored run with its report) and prints median, p95
and maximum wall time as the client sees it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from tests.support.databases import create_postgres_database, drop_postgres_database
from tests.support.live import start_server

from botschaft.demo.calls import PILOT_TITLE

CORE = ("katrin.vogt@musterstadt.example", "Botschaft-Demo-2026")


def measure(base: str, runs: int) -> list[float]:
    with httpx.Client(base_url=base, timeout=120) as client:
        client.post("/api/v1/auth/login", json={"email": CORE[0], "password": CORE[1]})
        client.headers["X-CSRF-Token"] = client.cookies.get("botschaft_csrf") or ""
        program = client.get("/api/v1/me").json()["programs"][0]["id"]
        call = next(
            c
            for c in client.get(f"/api/v1/programs/{program}/calls").json()
            if c["title"] == PILOT_TITLE
        )
        rounds = f"/api/v1/programs/{program}/calls/{call['id']}/selection-rounds"
        round_ = client.post(rounds, json={"name": f"Bench {time.time()}", "k": 16}).json()
        quotas = client.post(
            f"{rounds}/{round_['id']}/quota-proposal", json={"mode": "proportional"}
        ).json()
        client.patch(
            f"{rounds}/{round_['id']}", json={"version": round_["version"], "quotas": quotas}
        ).raise_for_status()
        times = []
        for _ in range(runs + 1):  # the first one warms the process up
            start = time.perf_counter()
            response = client.post(f"{rounds}/{round_['id']}/runs")
            times.append(time.perf_counter() - start)
            response.raise_for_status()
            assert response.json()["status"] == "optimal", response.json()["status"]
            assert response.json()["selected"] == 16
        return times[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    env, name = {}, None
    if args.database == "postgresql":
        name, url = create_postgres_database()
        env["BOTSCHAFT_DATABASE_URL"] = url
    try:
        with tempfile.TemporaryDirectory() as tmp:
            server = start_server(Path(tmp), "--demo", env=env, timeout=120)
            try:
                times = measure(server.url, args.runs)
            finally:
                server.stop()
    finally:
        if name:
            drop_postgres_database(name)
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"72-person pool, k=16, leximin via HTTP ({args.database}, {len(times)} runs): "
        f"median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
