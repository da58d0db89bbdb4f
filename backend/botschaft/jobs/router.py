from __future__ import annotations

from typing import Annotated

from fastapi import Query

from botschaft.auth.dependencies import AdminUser
from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router
from botschaft.core.schemas import Page
from botschaft.jobs import service
from botschaft.jobs.models import JobStatus
from botschaft.jobs.schemas import JobOut

router = api_router(tags=["jobs"])


@router.get(
    "/admin/jobs",
    operation_id="jobs_list",
    response_model=Page[JobOut],
    responses=error_responses(401, 403),
)
def list_jobs(
    _: AdminUser,
    session: SessionDep,
    page: PageDep,
    status: Annotated[JobStatus | None, Query()] = None,
) -> Page[JobOut]:
    """Background jobs, newest first (failed ones show their last error). Administrators only."""
    items, total = service.list_jobs(session, page, status)
    return Page.of([JobOut.model_validate(j) for j in items], total, page)
