"""Who may do what in a program. Every program-scoped route goes through one of these."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session

from botschaft.auth import sessions
from botschaft.auth.dependencies import SessionToken, known_principal, signed_in
from botschaft.core.database import prepared_on_server
from botschaft.core.deps import SessionDep, SettingsDep
from botschaft.core.errors import Forbidden, NotFound
from botschaft.core.routing import on_endpoint_thread
from botschaft.core.settings import Settings
from botschaft.identity.models import Role, User
from botschaft.tenancy.models import Program, ProgramMembership, ProgramRole


@dataclass(frozen=True)
class ProgramContext:
    program: Program
    user: User
    role: ProgramRole | None  # None: an administrator who is not a member
    membership: ProgramMembership | None

    @property
    def is_core_team(self) -> bool:
        return self.role == ProgramRole.core_team


def program_access(*roles: ProgramRole, admin: bool = False):
    """Resolve {program_id} for the caller.

    Non-members get 404, so a program's existence does not leak; members without one of
    `roles` get 403. `admin=True` also lets administrators in (for managing programs).
    """

    def dependency(
        program_id: uuid.UUID,
        request: Request,
        token: SessionToken,
        session: SessionDep,
        settings: SettingsDep,
    ) -> ProgramContext:
        user, row = _caller_and_program(request, token, session, settings, program_id)
        if row is None:
            raise NotFound("No such program.")
        program, membership = row
        if membership is not None and membership.role in roles:
            return ProgramContext(program, user, membership.role, membership)
        if admin and user.role == Role.admin:
            return ProgramContext(
                program, user, membership.role if membership else None, membership
            )
        if membership is None:
            raise NotFound("No such program.")
        raise Forbidden("Your role in this program does not allow this.")

    return on_endpoint_thread(dependency)  # reads: on the endpoint's thread (core.routing)


def _caller_and_program(
    request: Request, token: str, session: Session, settings: Settings, program_id: uuid.UUID
) -> tuple[User, tuple[Program, ProgramMembership | None] | None]:
    """The sign-in, the program and the caller's membership in one statement (the program
    joined whether or not the caller belongs to it: an administrator may manage it)."""
    known = known_principal(request)
    values = {"program_id": program_id}
    if known is not None:
        row = session.execute(
            _program_and_membership(), values | {"user_id": known.user.id}
        ).first()
        return known.user, (row[0], row[1]) if row is not None else None
    found = session.execute(
        _caller_and_program_statement(), values | sessions.lookup_values(token)
    ).first()
    principal = signed_in(request, session, settings, token, found)
    program = found[2] if found else None
    return principal.user, (program, found[3]) if program is not None else None


def _membership_in_program(user_id):
    return (ProgramMembership.program_id == Program.id) & (ProgramMembership.user_id == user_id)


# The statements of every request, built once (their parameters are program_id, user_id and the
# sign-in's digest): see sessions.lookup. Lookups by unique keys, so prepared on PostgreSQL's
# server (sessions.lookup's mark is inherited by the statements built on it).
@cache
def _caller_and_program_statement() -> Select:
    return (
        sessions.lookup()
        .add_columns(Program, ProgramMembership)
        .outerjoin(Program, Program.id == bindparam("program_id"))
        .outerjoin(ProgramMembership, _membership_in_program(User.id))
    )


@cache
def _program_and_membership() -> Select:
    return prepared_on_server(
        select(Program, ProgramMembership)
        .outerjoin(ProgramMembership, _membership_in_program(bindparam("user_id")))
        .where(Program.id == bindparam("program_id"))
    )


# What the caller's own list of programs shows (/me), by name.
_MY_PROGRAMS = (
    Program.id,
    Program.name,
    Program.slug,
    ProgramMembership.role,
    Program.starts_on,
    Program.ends_on,
)


@cache
def _my_programs() -> Select:
    return (
        select(*_MY_PROGRAMS)
        .join(ProgramMembership, ProgramMembership.program_id == Program.id)
        .where(ProgramMembership.user_id == bindparam("user_id"))
        .order_by(Program.name)
    )


def my_programs(session: Session, user_id: uuid.UUID) -> list[Row]:
    return list(session.execute(_my_programs(), {"user_id": user_id}).all())


@cache
def _caller_with_programs_statement() -> Select:
    return (
        sessions.lookup()
        .add_columns(*_MY_PROGRAMS)
        .outerjoin(ProgramMembership, ProgramMembership.user_id == User.id)
        .outerjoin(Program, Program.id == ProgramMembership.program_id)
        .order_by(Program.name)
    )


@dataclass(frozen=True)
class CallerWithPrograms:
    user: User
    programs: list[Row]  # of _MY_PROGRAMS


def _caller_with_programs(
    request: Request, token: SessionToken, session: SessionDep, settings: SettingsDep
) -> CallerWithPrograms:
    """The sign-in and the caller's programs in one statement (/me, every page load)."""
    rows = session.execute(_caller_with_programs_statement(), sessions.lookup_values(token)).all()
    principal = signed_in(request, session, settings, token, rows[0] if rows else None)
    return CallerWithPrograms(principal.user, [r for r in rows if r.id is not None])


SignedInWithPrograms = Annotated[
    CallerWithPrograms, Depends(on_endpoint_thread(_caller_with_programs))
]

ALL_ROLES = tuple(ProgramRole)

AnyMember = Annotated[ProgramContext, Depends(program_access(*ALL_ROLES, admin=True))]
CoreTeam = Annotated[ProgramContext, Depends(program_access(ProgramRole.core_team))]
CoreTeamOrAdmin = Annotated[
    ProgramContext, Depends(program_access(ProgramRole.core_team, admin=True))
]
Influencer = Annotated[ProgramContext, Depends(program_access(ProgramRole.influencer))]
CoreTeamOrHr = Annotated[
    ProgramContext, Depends(program_access(ProgramRole.core_team, ProgramRole.hr_viewer))
]
CoreTeamOrInfluencer = Annotated[
    ProgramContext, Depends(program_access(ProgramRole.core_team, ProgramRole.influencer))
]
