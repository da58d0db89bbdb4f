"""Who may do what in a program. Every program-scoped route goes through one of these."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from sqlalchemy import select

from botschaft.auth.dependencies import CurrentUser
from botschaft.core.deps import SessionDep
from botschaft.core.errors import Forbidden, NotFound
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

    def dependency(program_id: uuid.UUID, user: CurrentUser, session: SessionDep) -> ProgramContext:
        row = session.execute(
            select(Program, ProgramMembership)
            .outerjoin(
                ProgramMembership,
                (ProgramMembership.program_id == Program.id)
                & (ProgramMembership.user_id == user.id),
            )
            .where(Program.id == program_id)
        ).first()
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

    return dependency


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
