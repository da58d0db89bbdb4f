"""The signed-in user's own account, and user administration."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request

from botschaft.accounts import service
from botschaft.accounts.schemas import MeOut, MeUpdate, UserCreate, UserOut, UserUpdate
from botschaft.auth.dependencies import AdminUser, CurrentUser
from botschaft.core.deps import SessionDep, SettingsDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.pagination import PageDep
from botschaft.core.routing import api_router
from botschaft.core.schemas import Page
from botschaft.core.text import Text
from botschaft.tenancy.access import SignedInWithPrograms

router = api_router(tags=["accounts"])


@router.get("/me", operation_id="me_get", response_model=MeOut, responses=error_responses(401))
def get_me(caller: SignedInWithPrograms, session: SessionDep) -> MeOut:
    return service.me(session, caller.user, caller.programs)


@router.patch(
    "/me", operation_id="me_update", response_model=MeOut, responses=error_responses(401, 403, 422)
)
def update_me(body: MeUpdate, user: CurrentUser, session: SessionDep) -> MeOut:
    service.update_me(session, user, body.name, body.locale)
    return service.me(session, user)


@router.get(
    "/users",
    operation_id="users_list",
    response_model=Page[UserOut],
    responses=error_responses(401, 403),
)
def list_users(
    _: AdminUser,
    session: SessionDep,
    page: PageDep,
    q: Annotated[Text | None, Query(max_length=100)] = None,
) -> Page[UserOut]:
    items, total = service.list_users(session, page, q)
    return Page.of(service.users_out(session, items), total, page)


@router.post(
    "/users",
    operation_id="users_create",
    status_code=201,
    response_model=UserOut,
    responses=error_responses(401, 403, 409, 422),
)
def create_user(
    body: UserCreate, admin: AdminUser, request: Request, session: SessionDep, settings: SettingsDep
) -> UserOut:
    user = service.create_user(
        session,
        body,
        min_password_length=settings.min_password_length,
        actor=admin,
        ip=client_address(request),
    )
    return service.user_out(user)


@router.get(
    "/users/{user_id}",
    operation_id="users_get",
    response_model=UserOut,
    responses=error_responses(401, 403, 404),
)
def get_user(user_id: uuid.UUID, _: AdminUser, session: SessionDep) -> UserOut:
    return service.user_out(service.get_user(session, user_id))


@router.patch(
    "/users/{user_id}",
    operation_id="users_update",
    response_model=UserOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    admin: AdminUser,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> UserOut:
    user = service.update_user(
        session,
        service.get_user(session, user_id),
        body,
        min_password_length=settings.min_password_length,
        actor=admin,
        ip=client_address(request),
    )
    return service.user_out(user)


@router.post(
    "/users/{user_id}/invitation",
    operation_id="users_invite",
    response_model=UserOut,
    responses=error_responses(401, 403, 404, 409),
)
def invite_user(
    user_id: uuid.UUID,
    admin: AdminUser,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> UserOut:
    """Emails the person an invitation (a link to set a password, or to the SSO sign-in); an
    older invitation link stops working."""
    user = service.invite_user(
        session,
        service.get_user(session, user_id),
        settings,
        actor=admin,
        ip=client_address(request),
    )
    return service.user_out(user)
