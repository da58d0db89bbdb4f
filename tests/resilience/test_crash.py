"""SIGKILL the server in the middle of a write burst: every acknowledged write survives, and
the database is consistent after the restart (SQLite and PostgreSQL)."""

from __future__ import annotations

import signal
import threading
import time

import httpx

from tests.resilience.conftest import SERVER_ENV, scalar, signed_in
from tests.support.live import start_server


def test_acknowledged_writes_survive_a_kill(server_database, tmp_path):
    env = {**SERVER_ENV, "BOTSCHAFT_DATABASE_URL": server_database}
    server = start_server(tmp_path, "--demo", env=env)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    probe = signed_in(server.url)
    program_id = probe.get("/api/v1/me").json()["programs"][0]["id"]
    probe.close()

    def write(worker: int) -> None:
        client = signed_in(server.url)
        n = 0
        while not stop.is_set():
            n += 1
            email = f"crash-{worker}-{n}@example.org"
            try:
                response = client.post(
                    f"/api/v1/programs/{program_id}/members",
                    json={"email": email, "name": f"Crash {worker} {n}", "role": "influencer"},
                )
            except httpx.TransportError:
                return  # the server is gone; this write was never acknowledged
            if response.status_code == 201:
                with lock:
                    acknowledged.append(email)

    writers = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for w in writers:
        w.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.process.send_signal(signal.SIGKILL)  # no shutdown, no flush: a power cut
    server.process.wait(10)
    stop.set()
    for w in writers:
        w.join(15)
    assert len(acknowledged) >= 40, "the burst should have been acknowledged in part"

    restarted = start_server(tmp_path, env=env)
    try:
        client = signed_in(restarted.url)
        found = set()
        page = 1
        while True:
            body = client.get(
                f"/api/v1/programs/{program_id}/members", params={"page": page, "per_page": 200}
            ).json()
            found |= {m["email"] for m in body["items"]}
            if page * 200 >= body["total"]:
                break
            page += 1
        client.close()
        missing = set(acknowledged) - found
        assert not missing, f"{len(missing)} acknowledged writes were lost"
        # Consistency: every membership points at a user, and no user was half-written.
        orphans = scalar(
            server_database,
            "SELECT count(*) FROM program_memberships m LEFT JOIN users u ON u.id = m.user_id "
            "WHERE u.id IS NULL",
        )
        assert orphans == 0
        crash_users = scalar(
            server_database, "SELECT count(*) FROM users WHERE email LIKE 'crash-%'"
        )
        crash_members = scalar(
            server_database,
            "SELECT count(*) FROM program_memberships m JOIN users u ON u.id = m.user_id "
            "WHERE u.email LIKE 'crash-%'",
        )
        assert crash_users == crash_members >= len(acknowledged)
        if server_database.startswith("sqlite"):
            assert scalar(server_database, "PRAGMA integrity_check") == "ok"
    finally:
        restarted.stop()
