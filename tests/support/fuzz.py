"""The server, callers and real objects the fuzz tests (and bench/fuzz.py) run against.

`botschaft serve --demo` on 127.0.0.1, on SQLite or on a fresh PostgreSQL database. Callers:
the demo's core team, influencer and administrator (signed in), and the applicant, who has no
account, only the private link to their application (tests/support/fuzz_objects.py makes it).
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.support.databases import create_postgres_database, drop_postgres_database, sqlite_url
from tests.support.fuzz_objects import Mailbox, RealObjects, plant
from tests.support.live import LiveServer, start_server

DEMO_PASSWORD = "Botschaft-Demo-2026"
DEMO_ACCOUNTS = {
    "admin": "armin.keller@musterstadt.example",
    "core_team": "katrin.vogt@musterstadt.example",
    "influencer": "sophie.wagner@musterstadt.example",
}
# The applicant signs in nowhere: the private link in the path is their only key.
CALLERS = ("admin", "applicant", "core_team", "influencer")
DATABASES = ("sqlite", "postgresql")
# Fuzzing sends thousands of sign-ins, applications, exports, password resets and link openings
# from one address and account; the limits themselves are tested in tests/api. The selection
# engine gets a short time limit because fuzzed rounds can be hard and the run only checks the
# answers' shape.
FUZZ_ENV = {
    "BOTSCHAFT_LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS": "1000000/minute",
    "BOTSCHAFT_LOGIN_LIMIT_PER_ADDRESS": "1000000/minute",
    "BOTSCHAFT_LOGIN_LIMIT_PER_ACCOUNT": "1000000/minute",
    "BOTSCHAFT_APPLICATION_LIMIT_PER_ADDRESS_AND_EMAIL": "1000000/minute",
    "BOTSCHAFT_APPLICATION_LIMIT_PER_ADDRESS": "1000000/minute",
    "BOTSCHAFT_RESET_LIMIT_PER_ADDRESS": "1000000/minute",
    "BOTSCHAFT_RESET_LIMIT_PER_EMAIL": "1000000/minute",
    "BOTSCHAFT_LINK_LIMIT_PER_ADDRESS": "1000000/minute",
    "BOTSCHAFT_EXPORT_LIMIT_PER_USER": "1000000/minute",
    "BOTSCHAFT_SELECTION_TIME_LIMIT_SECONDS": "5",
    "BOTSCHAFT_JOBS_IN_PROCESS": "false",
}
PATH_PARAMETER = re.compile(r"{(\w+)}")
PROGRAM_PATH = "/api/v1/programs/{program_id}"


def runs_as(caller: str, path: str) -> bool:
    """Whether a caller fuzzes an operation. The administrator is no member of the demo program,
    so every program operation answers them 404 (as for random IDs): they fuzz the rest (users,
    jobs, emails, audit, their own account). The applicant fuzzes everything: 401 must be a
    documented answer wherever a sign-in is needed."""
    return caller != "admin" or not path.startswith(PROGRAM_PATH)


@dataclass
class FuzzTarget:
    server: LiveServer
    database: str
    objects: RealObjects
    drop: str | None = None  # the PostgreSQL database to drop at the end
    requests: Counter[str] = field(default_factory=Counter)
    # Per caller: how many answers had each status code (a 404 share shows planting works).
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    operations: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    seconds: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Per (caller, operation): answers to requests with real objects in the path, and how many
    # of them were 404 (all of them would mean the planting missed).
    planted: Counter[tuple[str, str]] = field(default_factory=Counter)
    planted_404: Counter[tuple[str, str]] = field(default_factory=Counter)
    _sessions: dict[str, requests.Session] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        self.server.stop()
        self.objects.mailbox.close()
        if self.drop:
            drop_postgres_database(self.drop)

    def session(self, caller: str, *, fresh: bool = False) -> requests.Session:
        if not fresh and caller in self._sessions:
            return self._sessions[caller]
        session = requests.Session()
        if caller in DEMO_ACCOUNTS:
            response = session.post(
                f"{self.url}/api/v1/auth/login",
                json={"email": DEMO_ACCOUNTS[caller], "password": DEMO_PASSWORD},
                timeout=30,
            )
            response.raise_for_status()
        if not fresh:
            self._sessions[caller] = session
        return session

    @staticmethod
    def headers(session: requests.Session) -> dict[str, str]:
        csrf = session.cookies.get("botschaft_csrf")
        return {"X-CSRF-Token": csrf} if csrf else {}


def start_fuzz_target(data_dir: Path, database: str = "sqlite") -> FuzzTarget:
    env = dict(FUZZ_ENV)
    drop = None
    if database == "postgresql":
        drop, url = create_postgres_database()
        env["BOTSCHAFT_DATABASE_URL"] = url
    else:
        url = sqlite_url(data_dir)
    try:
        server = start_server(data_dir, "--demo", env=env)
    except Exception:
        if drop:
            drop_postgres_database(drop)
        raise
    sessions: dict[str, requests.Session] = {}
    target = FuzzTarget(server, database, RealObjects(server.url, sessions, Mailbox(url)), drop)
    try:
        for caller in DEMO_ACCOUNTS:
            sessions[caller] = target.session(caller)
        target.objects.look_up()
    except Exception:
        target.stop()
        raise
    return target


def fuzz_operation(
    target: FuzzTarget,
    operation_id: str,
    operation: Any,
    caller: str,
    *,
    examples: int,
    derandomize: bool,
    checks: list[Any],
) -> None:
    """Runs schemathesis' generated cases for one operation; raises on the first failure.

    Three of four examples get real objects in their path parameters (so they reach the
    handler); the rest keep the generated values (the 404 path)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    names = PATH_PARAMETER.findall(operation.path)
    target.operations[caller].add(operation_id)

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=derandomize,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), real=st.integers(0, 3))
    def run(case: Any, real: int) -> None:
        planted = bool(names and real)
        if planted:
            case.path_parameters = {
                **(case.path_parameters or {}),
                **plant(target.objects, operation_id, caller, names),
            }
        # Signing out ends the session: that operation gets a session of its own.
        session = target.session(caller, fresh=operation_id == "auth_logout")
        target.requests[caller] += 1
        response = case.call(base_url=target.url, session=session, headers=target.headers(session))
        target.statuses[caller][response.status_code] += 1
        if planted:
            target.planted[caller, operation_id] += 1
            target.planted_404[caller, operation_id] += response.status_code == 404
        case.validate_response(response, checks=checks)

    started = time.monotonic()
    try:
        run()
    finally:
        target.seconds[caller, operation_id] += time.monotonic() - started
