from __future__ import annotations

import uuid

from fastapi import Response

from botschaft.auth.dependencies import CurrentUser
from botschaft.core.deps import SessionDep
from botschaft.core.errors import error_responses
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router
from botschaft.core.schemas import Page
from botschaft.inbox import service
from botschaft.inbox.models import RequestState, RequestType
from botschaft.inbox.schemas import InboxCounts, RequestChange, RequestIn, RequestOut, ResultIn
from botschaft.tenancy.access import CoreTeamOrInfluencer

router = api_router(prefix="/programs/{program_id}/requests", tags=["requests"])


@router.post(
    "",
    operation_id="requests_create",
    status_code=201,
    response_model=RequestOut,
    responses=error_responses(401, 403, 404, 422),
)
def create(
    body: RequestIn, ctx: CoreTeamOrInfluencer, user: CurrentUser, session: SessionDep
) -> RequestOut:
    """Records a request that came in (an influencer their own, the core team anyone's). It
    counts as an outcome of its kind from the day it came in."""
    return service.create(session, ctx, body, user)


@router.get(
    "",
    operation_id="requests_list",
    response_model=Page[RequestOut],
    responses=error_responses(401, 403, 404, 422),
)
def listing(
    ctx: CoreTeamOrInfluencer,
    session: SessionDep,
    params: PageDep,
    state: RequestState | None = None,
    type: RequestType | None = None,
) -> Page[RequestOut]:
    """The inbox, newest first: the program's for the core team, an influencer's own."""
    items, total = service.listing(session, ctx, params, state, type)
    return Page.of(items, total, params)


@router.get(
    "/counts",
    operation_id="requests_counts",
    response_model=InboxCounts,
    responses=error_responses(401, 403, 404),
)
def counts(ctx: CoreTeamOrInfluencer, session: SessionDep) -> InboxCounts:
    """How many requests are new, answered and closed (and how many led somewhere)."""
    return service.counts(session, ctx)


@router.patch(
    "/{inbound_id}",
    operation_id="requests_update",
    response_model=RequestOut,
    responses=error_responses(401, 403, 404, 422),
)
def change(
    inbound_id: uuid.UUID, body: RequestChange, ctx: CoreTeamOrInfluencer, session: SessionDep
) -> RequestOut:
    """Changes a request: its state (new, answered, closed) or what was recorded."""
    return service.change(session, ctx, inbound_id, body)


@router.put(
    "/{inbound_id}/result",
    operation_id="requests_result_set",
    response_model=RequestOut,
    responses=error_responses(401, 403, 404, 422),
)
def set_result(
    inbound_id: uuid.UUID,
    body: ResultIn,
    ctx: CoreTeamOrInfluencer,
    user: CurrentUser,
    session: SessionDep,
) -> RequestOut:
    """What the request led to (a hire, an internship, a talk): recorded as an outcome with
    the request's post; the request is closed."""
    return service.record_result(session, ctx, inbound_id, body, user)


@router.delete(
    "/{inbound_id}/result",
    operation_id="requests_result_delete",
    response_model=RequestOut,
    responses=error_responses(401, 403, 404),
)
def remove_result(
    inbound_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep
) -> RequestOut:
    """Takes the recorded result back; the request is answered again."""
    return service.remove_result(session, ctx, inbound_id)


@router.delete(
    "/{inbound_id}",
    operation_id="requests_delete",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def delete(inbound_id: uuid.UUID, ctx: CoreTeamOrInfluencer, session: SessionDep) -> Response:
    """Deletes a request recorded by mistake, with the outcomes it counted as and led to."""
    service.delete(session, ctx, inbound_id)
    return Response(status_code=204)
