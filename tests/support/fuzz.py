"""The server and sessions the fuzz tests (and bench/fuzz.py) run against."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.support.live import LiveServer, start_server

DEMO_PASSWORD = "Botschaft-Demo-2026"
DEMO_ACCOUNTS = {
    "core_team": "katrin.vogt@musterstadt.example",
    "influencer": "sophie.wagner@musterstadt.example",
}
# Fuzzing sends thousands of sign-in attempts from one address; the limits are tested elsewhere.
FUZZ_ENV = {
    "BOTSCHAFT_LOGIN_LIMIT_PER_ADDRESS": "1000000/minute",
    "BOTSCHAFT_LOGIN_LIMIT_PER_ACCOUNT": "1000000/minute",
    "BOTSCHAFT_JOBS_IN_PROCESS": "false",
}


@dataclass
class FuzzTarget:
    server: LiveServer
    real_ids: dict[str, str] = field(default_factory=dict)
    requests: Counter[str] = field(default_factory=Counter)
    _sessions: dict[str, requests.Session] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        self.server.stop()

    def session(self, role: str, *, fresh: bool = False) -> requests.Session:
        if not fresh and role in self._sessions:
            return self._sessions[role]
        session = requests.Session()
        response = session.post(
            f"{self.url}/api/v1/auth/login",
            json={"email": DEMO_ACCOUNTS[role], "password": DEMO_PASSWORD},
            timeout=30,
        )
        response.raise_for_status()
        if not fresh:
            self._sessions[role] = session
        return session

    @staticmethod
    def headers(session: requests.Session) -> dict[str, str]:
        return {"X-CSRF-Token": session.cookies.get("botschaft_csrf", "")}

    def use_real_ids(self, case: Any) -> None:
        """Points path parameters at objects that exist, so fuzzing reaches past the 404."""
        for name in case.path_parameters or {}:
            if name in self.real_ids:
                case.path_parameters[name] = self.real_ids[name]


def start_fuzz_target(data_dir: Path) -> FuzzTarget:
    server = start_server(data_dir, "--demo", env=FUZZ_ENV)
    target = FuzzTarget(server)
    me = target.session("core_team").get(f"{server.url}/api/v1/me", timeout=10).json()
    program_id = me["programs"][0]["id"]
    target.real_ids["program_id"] = program_id
    members = target.session("core_team").get(
        f"{server.url}/api/v1/programs/{program_id}/members", timeout=10
    )
    if members.ok and members.json()["items"]:
        target.real_ids["member_id"] = members.json()["items"][0]["id"]
    return target


def fuzz_operation(
    target: FuzzTarget,
    operation_id: str,
    operation: Any,
    role: str,
    *,
    examples: int,
    derandomize: bool,
    checks: list[Any],
) -> None:
    """Runs schemathesis' generated cases for one operation; raises on the first failure."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    session = target.session(role)

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=derandomize,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), use_real_ids=st.booleans())
    def run(case: Any, use_real_ids: bool) -> None:
        if use_real_ids:
            target.use_real_ids(case)
        # Signing out would end the shared session: that operation gets a session of its own.
        client = target.session(role, fresh=True) if operation_id == "auth_logout" else session
        target.requests[role] += 1
        case.call_and_validate(
            base_url=target.url, session=client, headers=target.headers(client), checks=checks
        )

    run()
