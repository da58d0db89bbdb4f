from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Query, Request, Response

from botschaft.audit import export, service
from botschaft.audit.schemas import AuditEventOut
from botschaft.auth.dependencies import AdminUser
from botschaft.core.deps import SessionDep, client_address
from botschaft.core.errors import Unprocessable, error_responses
from botschaft.core.labels import export_language
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router, writes
from botschaft.core.schemas import Page
from botschaft.core.text import Text

router = api_router(tags=["audit"])


async def _criteria(
    action: Annotated[Text | None, Query(max_length=64, description="One event code")] = None,
    person: Annotated[
        Text | None, Query(max_length=100, description="Part of the actor's name or email")
    ] = None,
    program_id: Annotated[uuid.UUID | None, Query()] = None,
    since: Annotated[date | None, Query(description="First day (UTC)")] = None,
    until: Annotated[date | None, Query(description="Last day (UTC), inclusive")] = None,
) -> service.AuditFilter:
    if since and until and until < since:
        raise Unprocessable.for_field("until", "The last day is before the first.", "date_order")
    return service.AuditFilter(action, person, program_id, since, until)


Criteria = Annotated[service.AuditFilter, Depends(_criteria)]


@router.get(
    "/audit-events",
    operation_id="audit_events_list",
    response_model=Page[AuditEventOut],
    responses=error_responses(401, 403, 422),
)
def list_audit_events(
    _: AdminUser, session: SessionDep, page: PageDep, criteria: Criteria
) -> Page[AuditEventOut]:
    """The audit log, newest first, with the actor's and the target's names. Administrators only."""
    items, total = service.list_events(session, page, criteria)
    return Page.of(items, total, page)


@router.get(
    "/audit-events/export",
    operation_id="audit_events_export",
    response_class=Response,
    responses={
        200: {
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "The filtered log as CSV, in words, with the codes in extra columns",
        },
        **error_responses(401, 403, 422, 429),
    },
)
@writes
def export_audit_events(
    admin: AdminUser,
    session: SessionDep,
    request: Request,
    criteria: Criteria,
    lang: Annotated[
        Literal["de", "en"] | None,
        Query(description="Language of the words; default: Accept-Language, else German"),
    ] = None,
) -> Response:
    """The filtered log (newest first, at most 100,000 rows). Rate-limited and itself audited."""
    settings = request.app.state.settings
    request.app.state.limiter.hit(settings.export_limit_per_user, "export", str(admin.id))
    return export.audit_csv(
        session, criteria, admin, client_address(request), export_language(request, lang)
    )
