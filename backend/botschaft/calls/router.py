"""The core team's endpoints: calls, questionnaire, and the applications table."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Query, Request, Response
from pydantic import Field

from botschaft.calls import review, service
from botschaft.calls.export import applications_download
from botschaft.calls.models import ApplicationStatus
from botschaft.calls.schemas import (
    ApplicationDetail,
    ApplicationRow,
    ApplicationStatusChange,
    CallCreate,
    CallOut,
    CallSummary,
    CallTransition,
    CallUpdate,
    DistributionOut,
    QuestionnaireIn,
    ReviewIn,
    StatusChangeResult,
    TagsIn,
)
from botschaft.core.deps import SessionDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.export import XLSX_TYPE
from botschaft.core.labels import export_language
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router, writes
from botschaft.core.schemas import Page
from botschaft.core.text import Text
from botschaft.tenancy.access import CoreTeam

router = api_router(prefix="/programs/{program_id}/calls", tags=["calls"])

Statuses = Annotated[list[ApplicationStatus], Query(description="Any of these statuses")]
Filters = Annotated[
    list[Annotated[Text, Field(max_length=200)]],
    Query(description="dimension:value, e.g. gender:female; all must match"),
]


@router.get(
    "",
    operation_id="calls_list",
    response_model=list[CallSummary],
    responses=error_responses(401, 403, 404),
)
def list_calls(ctx: CoreTeam, session: SessionDep) -> list[CallSummary]:
    """The program's calls, newest first, with their number of applications."""
    return service.list_calls(session, ctx)


@router.post(
    "",
    operation_id="calls_create",
    status_code=201,
    response_model=CallOut,
    responses=error_responses(401, 403, 404, 422),
)
def create_call(body: CallCreate, ctx: CoreTeam, session: SessionDep) -> CallOut:
    """A new call in draft; `template: reference` starts with the reference case's questions,
    dimensions and consent texts."""
    return service.call_out(session, ctx, service.create_call(session, ctx, body))


@router.get(
    "/{call_id}",
    operation_id="calls_get",
    response_model=CallOut,
    responses=error_responses(401, 403, 404),
)
def get_call(call_id: uuid.UUID, ctx: CoreTeam, session: SessionDep) -> CallOut:
    return service.call_out(session, ctx, service.get_call(session, ctx, call_id))


@router.patch(
    "/{call_id}",
    operation_id="calls_update",
    response_model=CallOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_call(
    call_id: uuid.UUID, body: CallUpdate, ctx: CoreTeam, session: SessionDep
) -> CallOut:
    """Changes the call. A changed privacy notice or consent text of a published call gets a
    new version, which applicants accept anew."""
    return service.call_out(session, ctx, service.update_call(session, ctx, call_id, body))


@router.put(
    "/{call_id}/questions",
    operation_id="calls_questions_replace",
    response_model=CallOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def replace_questions(
    call_id: uuid.UUID, body: QuestionnaireIn, ctx: CoreTeam, session: SessionDep
) -> CallOut:
    """The whole questionnaire, in order. Once a call is published only edits that keep given
    answers valid are accepted (409 naming the question otherwise)."""
    return service.call_out(
        session, ctx, service.replace_questionnaire(session, ctx, call_id, body)
    )


@router.post(
    "/{call_id}/status",
    operation_id="calls_transition",
    response_model=CallOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def transition(
    call_id: uuid.UUID, body: CallTransition, ctx: CoreTeam, session: SessionDep
) -> CallOut:
    """draft → open → closed → archived (a closed call can be re-opened)."""
    return service.call_out(session, ctx, service.transition(session, ctx, call_id, body))


@router.delete(
    "/{call_id}",
    operation_id="calls_delete",
    status_code=204,
    responses=error_responses(401, 403, 404, 409),
)
def delete_call(call_id: uuid.UUID, ctx: CoreTeam, session: SessionDep) -> Response:
    """Deletes a draft."""
    service.delete_call(session, ctx, call_id)
    return Response(status_code=204)


@router.get(
    "/{call_id}/applications",
    operation_id="applications_list",
    response_model=Page[ApplicationRow],
    responses=error_responses(401, 403, 404, 422),
)
def list_applications(
    call_id: uuid.UUID,
    ctx: CoreTeam,
    session: SessionDep,
    page: PageDep,
    q: Annotated[Text | None, Query(max_length=200, description="Name or email")] = None,
    status: Statuses = [],  # noqa: B006 (FastAPI copies defaults)
    filter: Filters = [],  # noqa: B006
    tag: Annotated[Text | None, Query(max_length=50)] = None,
    sort: Annotated[review.Sort, Query()] = "-submitted_at",
) -> Page[ApplicationRow]:
    """The applications with their dimension values, tags and the review tally."""
    call = service.get_call(session, ctx, call_id)
    items, total = review.table(
        session, ctx, call, page, q=q, statuses=status, filters=filter, tag=tag, sort=sort
    )
    return Page.of(items, total, page)


@router.get(
    "/{call_id}/applications/distribution",
    operation_id="applications_distribution",
    response_model=DistributionOut,
    responses=error_responses(401, 403, 404, 422),
)
def distribution(
    call_id: uuid.UUID,
    ctx: CoreTeam,
    session: SessionDep,
    status: Statuses = [],  # noqa: B006
) -> DistributionOut:
    """The pool per dimension (without withdrawn applications unless statuses are given)."""
    return review.distribution(session, ctx, service.get_call(session, ctx, call_id), status)


@router.get(
    "/{call_id}/applications/export",
    operation_id="applications_export",
    response_class=Response,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
            },
            "description": "The applications with every answer",
        },
        **error_responses(401, 403, 404, 422, 429),
    },
)
@writes
def export_applications(
    call_id: uuid.UUID,
    ctx: CoreTeam,
    session: SessionDep,
    request: Request,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "xlsx",
    q: Annotated[Text | None, Query(max_length=200)] = None,
    status: Statuses = [],  # noqa: B006
    filter: Filters = [],  # noqa: B006
    tag: Annotated[Text | None, Query(max_length=50)] = None,
    lang: Annotated[
        Literal["de", "en"] | None,
        Query(description="Language of the words; default: Accept-Language, else German"),
    ] = None,
) -> Response:
    """The (filtered) table with every answer. Rate-limited and written to the audit log."""
    settings = request.app.state.settings
    request.app.state.limiter.hit(settings.export_limit_per_user, "export", str(ctx.user.id))
    call = service.get_call(session, ctx, call_id)
    rows = review.export_rows(
        session, ctx, call, fmt=format, ip=client_address(request),
        q=q, statuses=status, filters=filter, tag=tag, sort="name",
    )  # fmt: skip
    return applications_download(
        call, rows, format, ctx.program.slug, export_language(request, lang)
    )


@router.post(
    "/{call_id}/applications/status",
    operation_id="applications_set_status",
    response_model=StatusChangeResult,
    responses=error_responses(401, 403, 404, 422),
)
def set_status(
    call_id: uuid.UUID, body: ApplicationStatusChange, ctx: CoreTeam, session: SessionDep
) -> StatusChangeResult:
    """One status for one or many applications (all or none)."""
    call = service.get_call(session, ctx, call_id)
    return StatusChangeResult(changed=review.change_status(session, ctx, call, body))


@router.get(
    "/{call_id}/applications/{application_id}",
    operation_id="applications_get",
    response_model=ApplicationDetail,
    responses=error_responses(401, 403, 404),
)
def get_application(
    call_id: uuid.UUID, application_id: uuid.UUID, ctx: CoreTeam, session: SessionDep
) -> ApplicationDetail:
    call = service.get_call(session, ctx, call_id)
    return review.detail(session, ctx, call, application_id)


@router.put(
    "/{call_id}/applications/{application_id}/review",
    operation_id="applications_review",
    response_model=ApplicationDetail,
    responses=error_responses(401, 403, 404, 422),
)
def review_application(
    call_id: uuid.UUID,
    application_id: uuid.UUID,
    body: ReviewIn,
    ctx: CoreTeam,
    session: SessionDep,
) -> ApplicationDetail:
    """The caller's own vote and comment (an empty one removes it)."""
    call = service.get_call(session, ctx, call_id)
    return review.review(session, ctx, call, application_id, body)


@router.put(
    "/{call_id}/applications/{application_id}/tags",
    operation_id="applications_tags",
    response_model=ApplicationDetail,
    responses=error_responses(401, 403, 404, 422),
)
def tag_application(
    call_id: uuid.UUID,
    application_id: uuid.UUID,
    body: TagsIn,
    ctx: CoreTeam,
    session: SessionDep,
) -> ApplicationDetail:
    call = service.get_call(session, ctx, call_id)
    return review.set_tags(session, ctx, call, application_id, body.tags)
