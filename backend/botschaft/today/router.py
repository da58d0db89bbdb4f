from __future__ import annotations

from typing import Annotated

from fastapi import Query

from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.tenancy.access import CoreTeam
from botschaft.today import service
from botschaft.today.schemas import TodayOut

router = api_router(prefix="/programs/{program_id}", tags=["today"])


@router.get(
    "/today",
    operation_id="today_get",
    response_model=TodayOut,
    responses=error_responses(401, 403, 404, 422),
)
def get_today(
    ctx: CoreTeam,
    session: SessionDep,
    quiet_weeks: Annotated[
        int, Query(ge=1, le=26, description="Weeks without a post before someone is listed")
    ] = 3,
) -> TodayOut:
    """What needs the core team now, each with what it takes to act on it. Core team only."""
    return service.today(session, ctx, quiet_weeks)
