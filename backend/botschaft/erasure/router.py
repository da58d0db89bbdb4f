"""Art. 17: a person asks to be erased; the core team or an administrator confirms."""

from __future__ import annotations

import uuid

from fastapi import Request, Response

from botschaft.auth.dependencies import CurrentUser
from botschaft.core.deps import SessionDep, SettingsDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.erasure import service
from botschaft.erasure.schemas import ErasureAsk, ErasureRequestOut, MyErasureRequest

router = api_router(tags=["erasure"])


@router.get(
    "/me/erasure-request",
    operation_id="my_erasure_get",
    response_model=MyErasureRequest,
    responses=error_responses(401),
)
def get_mine(user: CurrentUser, session: SessionDep) -> MyErasureRequest:
    """Whether I have asked to be erased."""
    return service.mine(session, user)


@router.put(
    "/me/erasure-request",
    operation_id="my_erasure_ask",
    response_model=MyErasureRequest,
    responses=error_responses(401, 403, 422),
)
def ask(
    body: ErasureAsk,
    user: CurrentUser,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> MyErasureRequest:
    """Asks to have my account and personal data erased (GDPR Art. 17). The core team (or an
    administrator) confirms; until then I can withdraw the request."""
    return service.ask(session, settings, user, body.note, client_address(request))


@router.delete(
    "/me/erasure-request",
    operation_id="my_erasure_withdraw",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def withdraw(user: CurrentUser, request: Request, session: SessionDep) -> Response:
    service.withdraw(session, user, client_address(request))
    return Response(status_code=204)


@router.get(
    "/erasure-requests",
    operation_id="erasure_requests_list",
    response_model=list[ErasureRequestOut],
    responses=error_responses(401),
)
def list_requests(user: CurrentUser, session: SessionDep) -> list[ErasureRequestOut]:
    """Requests waiting for confirmation that the caller can see: administrators all, the
    core team those of people in its programs."""
    return service.pending(session, user)


@router.post(
    "/erasure-requests/{request_id}/confirm",
    operation_id="erasure_requests_confirm",
    status_code=204,
    responses=error_responses(401, 403, 404, 409),
)
def confirm(
    request_id: uuid.UUID, user: CurrentUser, request: Request, session: SessionDep
) -> Response:
    """Erases the person for good: account, sign-in, applications, emails and everything
    that names them; the programs keep their sums without the person."""
    service.confirm(session, user, request_id, client_address(request))
    return Response(status_code=204)
