"""The world the authorization matrix runs in: two programs, one person per kind of caller.

Domains add their own real objects through a `build(world)` function in their rules module
(tests/authz/rules_<domain>.py), so every operation is called with real ids.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from botschaft.auth import sessions
from botschaft.core.database import Database
from botschaft.identity.models import Role
from botschaft.tenancy.models import ProgramRole
from tests.support.api import Account, add_member, make_program, make_user

# Who calls. "peer_influencer" is another influencer of the same program (object-level checks:
# influencer A must not read or change influencer B's things); "other_*" belong to program B.
CALLERS = (
    "anonymous",
    "applicant",
    "influencer",
    "peer_influencer",
    "other_influencer",
    "hr_viewer",
    "other_core_team",
    "core_team",
    "admin",
)


@dataclass
class World:
    db: Database
    program: uuid.UUID
    other_program: uuid.UUID
    accounts: dict[str, Account]
    members: dict[str, uuid.UUID]
    objects: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.objects[key]


def build_world(db: Database) -> World:
    program = make_program(db, name="Program A")
    other_program = make_program(db, name="Program B")
    accounts: dict[str, Account] = {}
    members: dict[str, uuid.UUID] = {}
    layout = {
        "applicant": (Role.influencer, None, None),
        "influencer": (Role.influencer, program, ProgramRole.influencer),
        "peer_influencer": (Role.influencer, program, ProgramRole.influencer),
        "other_influencer": (Role.influencer, other_program, ProgramRole.influencer),
        "hr_viewer": (Role.hr_viewer, program, ProgramRole.hr_viewer),
        "other_core_team": (Role.core_team, other_program, ProgramRole.core_team),
        "core_team": (Role.core_team, program, ProgramRole.core_team),
        "admin": (Role.admin, None, None),
    }
    for caller, (role, program_id, program_role) in layout.items():
        accounts[caller] = make_user(db, role, name=f"{caller.replace('_', ' ').title()}")
        if program_id is not None:
            members[caller] = add_member(db, program_id, accounts[caller], program_role)
    return World(
        db=db, program=program, other_program=other_program, accounts=accounts, members=members
    )


def client_for(app, world: World, caller: str) -> TestClient:
    """A client signed in as `caller` (a session made directly: no password hashing per case)."""
    client = TestClient(app, base_url="http://testserver")
    if caller == "anonymous":
        return client
    from botschaft.identity.models import User

    with world.db.session() as session:
        user = session.get(User, world.accounts[caller].id)
        token, row = sessions.start(
            session,
            user,
            app.state.settings,
            method="password",
            ip="127.0.0.1",
            user_agent="matrix",
        )
        csrf = row.csrf_token
    client.cookies.set(app.state.settings.session_cookie, token)
    client.headers["X-CSRF-Token"] = csrf
    return client
