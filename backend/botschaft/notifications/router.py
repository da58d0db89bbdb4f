from __future__ import annotations

from typing import Annotated

from fastapi import Query

from botschaft.auth.dependencies import AdminUser
from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router
from botschaft.core.schemas import Page
from botschaft.core.text import Text
from botschaft.notifications import service
from botschaft.notifications.schemas import EmailOut

router = api_router(tags=["notifications"])


@router.get(
    "/admin/emails",
    operation_id="emails_list",
    response_model=Page[EmailOut],
    responses=error_responses(401, 403),
)
def list_emails(
    _: AdminUser,
    session: SessionDep,
    page: PageDep,
    to: Annotated[Text | None, Query(max_length=320)] = None,
) -> Page[EmailOut]:
    """The email delivery log, newest first. Administrators only."""
    items, total = service.list_emails(session, page, to)
    return Page.of([EmailOut.model_validate(m) for m in items], total, page)
