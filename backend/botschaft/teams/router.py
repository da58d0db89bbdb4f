"""Teams inside a program."""

from __future__ import annotations

import uuid

from fastapi import Response

from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.teams import service
from botschaft.teams.schemas import TeamCreate, TeamMembers, TeamOut, TeamUpdate
from botschaft.tenancy.access import CoreTeamOrAdmin

router = api_router(prefix="/programs/{program_id}/teams", tags=["teams"])


@router.get(
    "",
    operation_id="teams_list",
    response_model=list[TeamOut],
    responses=error_responses(401, 403, 404),
)
def list_teams(ctx: CoreTeamOrAdmin, session: SessionDep) -> list[TeamOut]:
    return service.list_teams(session, ctx)


@router.post(
    "",
    operation_id="teams_create",
    status_code=201,
    response_model=TeamOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def create_team(body: TeamCreate, ctx: CoreTeamOrAdmin, session: SessionDep) -> TeamOut:
    return service.create_team(session, ctx, body)


@router.patch(
    "/{team_id}",
    operation_id="teams_update",
    response_model=TeamOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_team(
    team_id: uuid.UUID, body: TeamUpdate, ctx: CoreTeamOrAdmin, session: SessionDep
) -> TeamOut:
    return service.update_team(session, ctx, team_id, body)


@router.delete(
    "/{team_id}",
    operation_id="teams_delete",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def delete_team(team_id: uuid.UUID, ctx: CoreTeamOrAdmin, session: SessionDep) -> Response:
    service.delete_team(session, ctx, team_id)
    return Response(status_code=204)


@router.put(
    "/{team_id}/members",
    operation_id="teams_set_members",
    response_model=TeamOut,
    responses=error_responses(401, 403, 404, 422),
)
def set_members(
    team_id: uuid.UUID, body: TeamMembers, ctx: CoreTeamOrAdmin, session: SessionDep
) -> TeamOut:
    return service.set_members(session, ctx, team_id, body)
