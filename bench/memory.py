"""Memory of one server process through bursts of simultaneous sign-ins.

    .venv/bin/python -m bench.memory [--burst 100] [--rounds 3] [--database sqlite|postgresql]

Starts `botschaft serve --demo` (one process) on 127.0.0.1, then per round sends `--burst`
sign-ins at the same moment (correct passwords, the demo's four accounts in turn) and
afterwards as many reads of /me. Reports the process's resident memory (VmRSS) before, right
after each burst and two seconds later, and its peak (VmHWM), in MiB. Each Argon2id check
needs 19 MiB, so without a bound a burst multiplies that by the number of request threads.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from tests.browser.conftest import DEMO, DEMO_PASSWORD
from tests.support.databases import create_postgres_database, drop_postgres_database
from tests.support.live import start_server


def _mib(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def _burst(url: str, n: int) -> tuple[int, float]:
    """n sign-ins released together; returns (how many succeeded, seconds for all)."""
    gate = threading.Barrier(n)
    emails = list(DEMO.values())

    def one(i: int) -> int:
        with httpx.Client(base_url=url, timeout=120) as client:
            gate.wait()
            answer = client.post(
                "/api/v1/auth/login",
                json={"email": emails[i % len(emails)], "password": DEMO_PASSWORD},
            )
            if answer.status_code != 200:
                return 0
            return int(client.get("/api/v1/me").status_code == 200)

    started = time.monotonic()
    with ThreadPoolExecutor(n) as pool:
        ok = sum(pool.map(one, range(n)))
    return ok, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    env, database = {}, None
    if args.database == "postgresql":
        database, url = create_postgres_database()
        env["BOTSCHAFT_DATABASE_URL"] = url
    with tempfile.TemporaryDirectory() as data_dir:
        server = start_server(Path(data_dir), "--demo", env=env)
        try:
            pid = server.process.pid
            httpx.get(f"{server.url}/api/v1/me")
            print(f"{args.database}, one process, bursts of {args.burst} sign-ins")
            print(f"start: RSS {_mib(pid, 'VmRSS'):.0f} MiB")
            print("| round | signed in | seconds | RSS after burst | RSS 2 s later | peak |")
            print("| ---: | ---: | ---: | ---: | ---: | ---: |")
            for n in range(1, args.rounds + 1):
                ok, seconds = _burst(server.url, args.burst)
                after = _mib(pid, "VmRSS")
                time.sleep(2)
                print(
                    f"| {n} | {ok}/{args.burst} | {seconds:.1f} | {after:.0f} MiB | "
                    f"{_mib(pid, 'VmRSS'):.0f} MiB | {_mib(pid, 'VmHWM'):.0f} MiB |"
                )
        finally:
            server.stop()
            if database:
                drop_postgres_database(database)


if __name__ == "__main__":
    main()
