"""Two core-team members save the same program at the same moment, against real server
processes: exactly one wins each round, the other gets 409, and no update is lost."""

from __future__ import annotations

import threading

from tests.resilience.conftest import SERVER_ENV, signed_in
from tests.support.live import start_server

CORE_TEAM = ("katrin.vogt@musterstadt.example", "jonas.albrecht@musterstadt.example")


def test_concurrent_edits_get_one_success_and_one_conflict(server_database, tmp_path):
    env = {**SERVER_ENV, "BOTSCHAFT_DATABASE_URL": server_database}
    workers = "1" if server_database.startswith("sqlite") else "2"
    server = start_server(tmp_path, "--demo", "--workers", workers, env=env)
    try:
        clients = [signed_in(server.url, email) for email in CORE_TEAM]
        program_id = clients[0].get("/api/v1/me").json()["programs"][0]["id"]
        url = f"/api/v1/programs/{program_id}"
        rounds = 15
        for n in range(rounds):
            version = clients[0].get(url).json()["version"]
            barrier = threading.Barrier(2)
            statuses: dict[int, int] = {}

            def save(i: int, version: int = version, n: int = n) -> None:
                barrier.wait()
                response = clients[i].patch(
                    url, json={"description": f"round {n} by {i}", "version": version}
                )
                statuses[i] = response.status_code

            threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            assert sorted(statuses.values()) == [200, 409], f"round {n}: {statuses}"
            winner = next(i for i, s in statuses.items() if s == 200)
            saved = clients[0].get(url).json()
            assert saved["description"] == f"round {n} by {winner}"
            assert saved["version"] == version + 1
    finally:
        server.stop()
