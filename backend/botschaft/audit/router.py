from __future__ import annotations

from typing import Annotated

from fastapi import Query

from botschaft.audit import service
from botschaft.audit.schemas import AuditEventOut
from botschaft.auth.dependencies import AdminUser
from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router
from botschaft.core.schemas import Page
from botschaft.core.text import Text

router = api_router(tags=["audit"])


@router.get(
    "/audit-events",
    operation_id="audit_events_list",
    response_model=Page[AuditEventOut],
    responses=error_responses(401, 403),
)
def list_audit_events(
    _: AdminUser,
    session: SessionDep,
    page: PageDep,
    action: Annotated[Text | None, Query(max_length=64)] = None,
) -> Page[AuditEventOut]:
    """The audit log, newest first. Administrators only."""
    items, total = service.list_events(session, page, action)
    return Page.of([AuditEventOut.model_validate(e) for e in items], total, page)
