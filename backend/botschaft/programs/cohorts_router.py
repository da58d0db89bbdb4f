"""Cohorts and the influencer lifecycle."""

from __future__ import annotations

import uuid

from fastapi import Request, Response

from botschaft.core.deps import SessionDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.programs import cohorts as service
from botschaft.programs.cohorts import (
    CohortAssign,
    CohortCreate,
    CohortOut,
    CohortUpdate,
    MemberStatusChange,
)
from botschaft.programs.schemas import MemberOut
from botschaft.tenancy.access import CoreTeamOrAdmin, CoreTeamOrInfluencer

router = api_router(prefix="/programs/{program_id}", tags=["cohorts"])


@router.get(
    "/cohorts",
    operation_id="cohorts_list",
    response_model=list[CohortOut],
    responses=error_responses(401, 403, 404),
)
def list_cohorts(ctx: CoreTeamOrAdmin, session: SessionDep) -> list[CohortOut]:
    return service.list_cohorts(session, ctx)


@router.post(
    "/cohorts",
    operation_id="cohorts_create",
    status_code=201,
    response_model=CohortOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def create_cohort(body: CohortCreate, ctx: CoreTeamOrAdmin, session: SessionDep) -> CohortOut:
    return service.create_cohort(session, ctx, body)


@router.patch(
    "/cohorts/{cohort_id}",
    operation_id="cohorts_update",
    response_model=CohortOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_cohort(
    cohort_id: uuid.UUID, body: CohortUpdate, ctx: CoreTeamOrAdmin, session: SessionDep
) -> CohortOut:
    return service.update_cohort(session, ctx, cohort_id, body)


@router.delete(
    "/cohorts/{cohort_id}",
    operation_id="cohorts_delete",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def delete_cohort(cohort_id: uuid.UUID, ctx: CoreTeamOrAdmin, session: SessionDep) -> Response:
    service.delete_cohort(session, ctx, cohort_id)
    return Response(status_code=204)


@router.put(
    "/members/{member_id}/cohort",
    operation_id="cohorts_assign_member",
    response_model=MemberOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def assign_member(
    member_id: uuid.UUID,
    body: CohortAssign,
    ctx: CoreTeamOrAdmin,
    request: Request,
    session: SessionDep,
) -> MemberOut:
    return service.assign_cohort(session, ctx, member_id, body, client_address(request))


@router.post(
    "/members/{member_id}/status",
    operation_id="cohorts_member_status",
    response_model=MemberOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def member_status(
    member_id: uuid.UUID,
    body: MemberStatusChange,
    ctx: CoreTeamOrInfluencer,
    request: Request,
    session: SessionDep,
) -> MemberOut:
    return service.change_status(session, ctx, member_id, body, client_address(request))
