from __future__ import annotations

from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.nudges import service
from botschaft.nudges.schemas import NudgeIn, NudgeOut
from botschaft.tenancy.access import Influencer

router = api_router(prefix="/programs/{program_id}/nudges", tags=["nudges"])


@router.get(
    "/me",
    operation_id="nudges_get",
    response_model=NudgeOut,
    responses=error_responses(401, 403, 404),
)
def get_nudges(ctx: Influencer, session: SessionDep) -> NudgeOut:
    """My reminder email in this program: off (the default), weekly or monthly."""
    return service.get(session, ctx)


@router.put(
    "/me",
    operation_id="nudges_set",
    response_model=NudgeOut,
    responses=error_responses(401, 403, 404, 422),
)
def set_nudges(body: NudgeIn, ctx: Influencer, session: SessionDep) -> NudgeOut:
    """Turns my reminder on (weekly on Monday, or monthly from the 15th) or off."""
    return service.choose(session, ctx, body.frequency)
