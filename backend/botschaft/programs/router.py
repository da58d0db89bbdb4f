"""Programs and members. Thin: access by dependency, rules in the service."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from botschaft.auth.dependencies import AdminUser, CurrentUser
from botschaft.core.deps import SessionDep, SettingsDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router
from botschaft.core.schemas import Page
from botschaft.core.text import Text
from botschaft.programs import service
from botschaft.programs.schemas import (
    MemberCreate,
    MemberOut,
    MemberUpdate,
    ProgramCreate,
    ProgramOut,
    ProgramUpdate,
)
from botschaft.tenancy.access import AnyMember, CoreTeamOrAdmin
from botschaft.tenancy.models import ProgramRole

router = api_router(prefix="/programs", tags=["programs"])


@router.get(
    "",
    operation_id="programs_list",
    response_model=Page[ProgramOut],
    responses=error_responses(401),
)
def list_programs(user: CurrentUser, session: SessionDep, page: PageDep) -> Page[ProgramOut]:
    items, total = service.list_programs(session, user, page)
    return Page.of(items, total, page)


@router.post(
    "",
    operation_id="programs_create",
    status_code=201,
    response_model=ProgramOut,
    responses=error_responses(401, 403, 409, 422),
)
def create_program(
    body: ProgramCreate,
    admin: AdminUser,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> ProgramOut:
    """A program, with its core team and HR viewers (invited by email) in one step."""
    program = service.create_program(session, body, admin, settings, client_address(request))
    return service.program_out(
        program, None, service.member_counts(session, [program.id])[program.id]
    )


@router.get(
    "/{program_id}",
    operation_id="programs_get",
    response_model=ProgramOut,
    responses=error_responses(401, 404),
)
def get_program(ctx: AnyMember, session: SessionDep) -> ProgramOut:
    return service.get_program_out(session, ctx)


@router.patch(
    "/{program_id}",
    operation_id="programs_update",
    response_model=ProgramOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_program(
    body: ProgramUpdate, ctx: CoreTeamOrAdmin, session: SessionDep, request: Request
) -> ProgramOut:
    service.update_program(session, ctx, body, client_address(request))
    return service.get_program_out(session, ctx)


@router.get(
    "/{program_id}/members",
    operation_id="members_list",
    response_model=Page[MemberOut],
    responses=error_responses(401, 403, 404),
)
def list_members(
    ctx: CoreTeamOrAdmin,
    session: SessionDep,
    page: PageDep,
    role: ProgramRole | None = None,
    q: Annotated[Text | None, Query(max_length=100)] = None,
) -> Page[MemberOut]:
    items, total = service.list_members(session, ctx, page, role, q)
    return Page.of(items, total, page)


@router.post(
    "/{program_id}/members",
    operation_id="members_add",
    status_code=201,
    response_model=MemberOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def add_member(
    body: MemberCreate,
    ctx: CoreTeamOrAdmin,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> MemberOut:
    """Adds a member; a person who cannot sign in yet is emailed an invitation."""
    return service.add_member(session, ctx, body, settings, client_address(request))


@router.patch(
    "/{program_id}/members/{member_id}",
    operation_id="members_update",
    response_model=MemberOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_member(
    member_id: uuid.UUID,
    body: MemberUpdate,
    ctx: CoreTeamOrAdmin,
    request: Request,
    session: SessionDep,
) -> MemberOut:
    return service.update_member(session, ctx, member_id, body, client_address(request))


@router.post(
    "/{program_id}/members/{member_id}/invitation",
    operation_id="members_invite",
    response_model=MemberOut,
    responses=error_responses(401, 403, 404, 409),
)
def resend_invitation(
    member_id: uuid.UUID,
    ctx: CoreTeamOrAdmin,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> MemberOut:
    """Emails the member a new invitation (the previous link stops working)."""
    return service.resend_invitation(session, ctx, member_id, settings, client_address(request))


@router.delete(
    "/{program_id}/members/{member_id}",
    operation_id="members_remove",
    status_code=204,
    responses=error_responses(401, 403, 404, 409),
)
def remove_member(
    member_id: uuid.UUID, ctx: CoreTeamOrAdmin, request: Request, session: SessionDep
) -> Response:
    service.remove_member(session, ctx, member_id, client_address(request))
    return Response(status_code=204)
