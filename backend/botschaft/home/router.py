"""The influencer's home page."""

from __future__ import annotations

from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.home import service
from botschaft.home.schemas import HomeOut
from botschaft.kpis.cache import FigureCacheDep
from botschaft.tenancy.access import Influencer

router = api_router(prefix="/programs/{program_id}/home", tags=["home"])


@router.get(
    "",
    operation_id="home_get",
    response_model=HomeOut,
    responses=error_responses(401, 403, 404),
)
def get_home(ctx: Influencer, session: SessionDep, cache: FigureCacheDep) -> HomeOut:
    """Next meetings with my answer, my next module, current briefings (unread first), my
    recent posts and figures."""
    return service.home(session, ctx, cache)
