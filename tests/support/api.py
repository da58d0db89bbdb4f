"""Helpers for API tests: accounts, programs, signed-in clients."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from fastapi.testclient import TestClient

from botschaft.core.database import Database
from botschaft.core.security import hash_password
from botschaft.identity.models import Role, User
from botschaft.programs.models import GroupPeriod
from botschaft.teams.models import TeamMember
from botschaft.tenancy.models import Program, ProgramMembership, ProgramRole

PASSWORD = "correct-horse-battery-staple"
_PASSWORD_HASH = hash_password(PASSWORD)
_counter = itertools.count(1)


@dataclass
class Account:
    id: object
    email: str
    password: str = PASSWORD


def make_user(
    db: Database,
    role: Role = Role.influencer,
    *,
    email: str | None = None,
    name: str | None = None,
    password: bool = True,
) -> Account:
    n = next(_counter)
    email = email or f"user{n}@example.org"
    with db.session() as session:
        user = User(
            email=email,
            name=name or f"Test User {n}",
            role=role,
            password_hash=_PASSWORD_HASH if password else None,
        )
        session.add(user)
        session.flush()
        return Account(id=user.id, email=email)


def make_program(db: Database, *, name: str | None = None, **fields) -> object:
    n = next(_counter)
    with db.session() as session:
        program = Program(name=name or f"Program {n}", slug=f"program-{n}", **fields)
        session.add(program)
        session.flush()
        return program.id


def add_member(db: Database, program_id, account: Account, role: ProgramRole, **fields) -> object:
    """A membership; a `cohort_id` among the fields is the person's cohort since always."""
    cohort_id = fields.pop("cohort_id", None)
    with db.session() as session:
        membership = ProgramMembership(
            program_id=program_id, user_id=account.id, role=role, **fields
        )
        session.add(membership)
        session.flush()
        place_in_groups(session, membership, cohort_id)
        return membership.id


def place_in_groups(session, membership: ProgramMembership, cohort_id=None, team_ids=()) -> None:
    """Put a person in a cohort and teams since always, as a first assignment through
    programs/history.py would (for tests that build a program row by row)."""
    if cohort_id is not None:
        membership.cohort_id = cohort_id
        session.add(GroupPeriod(member_id=membership.id, cohort_id=cohort_id))
    for team_id in team_ids:
        session.add(TeamMember(team_id=team_id, member_id=membership.id))
        session.add(GroupPeriod(member_id=membership.id, team_id=team_id))
    session.flush()


def sign_in(client: TestClient, account: Account) -> TestClient:
    """Signs the client in and makes it send the CSRF header like the SPA does."""
    response = client.post(
        "/api/v1/auth/login", json={"email": account.email, "password": account.password}
    )
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = client.cookies.get("botschaft_csrf")
    return client
