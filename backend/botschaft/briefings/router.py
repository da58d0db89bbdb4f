"""Guidelines, legal FAQ, briefings and ideas."""

from __future__ import annotations

import uuid

from fastapi import Response

from botschaft.briefings import service
from botschaft.briefings.models import BriefingKind, BriefingStatus
from botschaft.briefings.schemas import BriefingCreate, BriefingOut, BriefingUpdate
from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.tenancy.access import CoreTeam, CoreTeamOrInfluencer, Influencer

router = api_router(prefix="/programs/{program_id}/briefings", tags=["briefings"])


@router.get(
    "",
    operation_id="briefings_list",
    response_model=list[BriefingOut],
    responses=error_responses(401, 403, 404),
)
def list_briefings(
    ctx: CoreTeamOrInfluencer,
    session: SessionDep,
    kind: BriefingKind | None = None,
    status: BriefingStatus | None = None,
    current: bool = False,
) -> list[BriefingOut]:
    return service.list_briefings(session, ctx, kind, current, status)


@router.post(
    "",
    operation_id="briefings_create",
    status_code=201,
    response_model=BriefingOut,
    responses=error_responses(401, 403, 404, 422),
)
def create(body: BriefingCreate, ctx: CoreTeamOrInfluencer, session: SessionDep) -> BriefingOut:
    """The core team publishes anything; an influencer suggests an idea."""
    return service.outs(session, ctx, [service.create(session, ctx, body)])[0]


@router.patch(
    "/{briefing_id}",
    operation_id="briefings_update",
    response_model=BriefingOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update(
    briefing_id: uuid.UUID, body: BriefingUpdate, ctx: CoreTeam, session: SessionDep
) -> BriefingOut:
    return service.outs(session, ctx, [service.update(session, ctx, briefing_id, body)])[0]


@router.delete(
    "/{briefing_id}",
    operation_id="briefings_delete",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def delete(briefing_id: uuid.UUID, ctx: CoreTeam, session: SessionDep) -> Response:
    service.delete(session, ctx, briefing_id)
    return Response(status_code=204)


@router.put(
    "/{briefing_id}/read",
    operation_id="briefings_mark_read",
    response_model=BriefingOut,
    responses=error_responses(401, 403, 404),
)
def mark_read(briefing_id: uuid.UUID, ctx: Influencer, session: SessionDep) -> BriefingOut:
    return service.mark_read(session, ctx, briefing_id)
