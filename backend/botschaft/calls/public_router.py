"""The applicant's endpoints: the public form, the private link, and "my applications"."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Path, Request, Response

from botschaft.auth.dependencies import CurrentUser, OptionalUser
from botschaft.calls import applying
from botschaft.calls.schemas import (
    ApplicationEdit,
    ApplicationSubmit,
    MyApplicationOut,
    PersonalDataExport,
    PublicCallOut,
    SubmitResult,
)
from botschaft.calls.throttle import SubmissionThrottle
from botschaft.core.deps import SessionDep, SettingsDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router, writes
from botschaft.core.text import Text

router = api_router(tags=["applying"])

FormToken = Annotated[Text, Path(min_length=8, max_length=64, description="From the form's link")]
AccessToken = Annotated[
    Text, Path(min_length=16, max_length=128, description="From the applicant's private link")
]


@router.get(
    "/public/calls/{token}",
    operation_id="public_call_get",
    response_model=PublicCallOut,
    responses=error_responses(401, 404),
)
def public_call(token: FormToken, user: OptionalUser, session: SessionDep) -> PublicCallOut:
    """The call and its form. Calls for signed-in staff only answer 401 to anonymous callers;
    a signed-in caller also gets their application to it."""
    return applying.public_call(session, token, user)


@router.post(
    "/public/calls/{token}/applications",
    operation_id="public_application_submit",
    status_code=202,
    response_model=SubmitResult,
    responses=error_responses(401, 404, 409, 422, 429),
)
def submit(
    token: FormToken,
    body: ApplicationSubmit,
    user: OptionalUser,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
) -> SubmitResult:
    """Sends an application; the private link (view, edit, withdraw) goes out by email.
    Rate-limited per address and email, with a higher ceiling per address. One application
    per person and call: a signed-in person's second submission updates the first."""
    email = user.email if user is not None else str(body.email or "").lower()
    throttle = SubmissionThrottle(
        request.app.state.limiter, settings, ip=client_address(request), email=email
    )
    throttle.attempt()
    result = applying.submit(session, token, body, user, settings)
    throttle.accepted()
    return result


@router.get(
    "/public/applications/{token}",
    operation_id="public_application_get",
    response_model=MyApplicationOut,
    responses=error_responses(404),
)
def get_by_link(token: AccessToken, session: SessionDep) -> MyApplicationOut:
    return applying.view(session, *applying.by_token(session, token))


@router.put(
    "/public/applications/{token}",
    operation_id="public_application_edit",
    response_model=MyApplicationOut,
    responses=error_responses(404, 409, 422),
)
def edit_by_link(
    token: AccessToken, body: ApplicationEdit, session: SessionDep
) -> MyApplicationOut:
    """Changes the application until the closing time."""
    return applying.edit(session, *applying.by_token(session, token), body)


@router.post(
    "/public/applications/{token}/withdraw",
    operation_id="public_application_withdraw",
    response_model=MyApplicationOut,
    responses=error_responses(404),
)
def withdraw_by_link(token: AccessToken, session: SessionDep) -> MyApplicationOut:
    return applying.withdraw(session, *applying.by_token(session, token))


@router.get(
    "/public/applications/{token}/data",
    operation_id="public_application_data",
    response_model=PersonalDataExport,
    responses=error_responses(404),
)
@writes
def data_by_link(token: AccessToken, request: Request, session: SessionDep) -> PersonalDataExport:
    """Everything stored about the applicant in this application, as JSON."""
    return applying.personal_data_by_link(session, token, client_address(request))


@router.delete(
    "/public/applications/{token}",
    operation_id="public_application_erase",
    status_code=204,
    responses=error_responses(404),
)
def erase_by_link(token: AccessToken, request: Request, session: SessionDep) -> Response:
    """Erases the application at once (right to erasure)."""
    application, call = applying.by_token(session, token)
    applying.erase(session, application, call, ip=client_address(request), actor=None)
    return Response(status_code=204)


@router.get(
    "/me/applications",
    operation_id="me_applications_list",
    response_model=list[MyApplicationOut],
    responses=error_responses(401),
)
def my_applications(user: CurrentUser, session: SessionDep) -> list[MyApplicationOut]:
    """The signed-in person's applications."""
    return applying.my_applications(session, user)


@router.put(
    "/me/applications/{application_id}",
    operation_id="me_applications_edit",
    response_model=MyApplicationOut,
    responses=error_responses(401, 403, 404, 409, 422),
)
def edit_mine(
    application_id: uuid.UUID, body: ApplicationEdit, user: CurrentUser, session: SessionDep
) -> MyApplicationOut:
    return applying.edit(session, *applying.by_user(session, user, application_id), body)


@router.post(
    "/me/applications/{application_id}/withdraw",
    operation_id="me_applications_withdraw",
    response_model=MyApplicationOut,
    responses=error_responses(401, 403, 404),
)
def withdraw_mine(
    application_id: uuid.UUID, user: CurrentUser, session: SessionDep
) -> MyApplicationOut:
    return applying.withdraw(session, *applying.by_user(session, user, application_id))


@router.get(
    "/me/applications/data",
    operation_id="me_applications_data",
    response_model=PersonalDataExport,
    responses=error_responses(401),
)
@writes
def my_data(user: CurrentUser, request: Request, session: SessionDep) -> PersonalDataExport:
    """Everything stored about the signed-in person's applications, as JSON."""
    return applying.my_personal_data(session, user, client_address(request))


@router.delete(
    "/me/applications/{application_id}",
    operation_id="me_applications_erase",
    status_code=204,
    responses=error_responses(401, 403, 404),
)
def erase_mine(
    application_id: uuid.UUID, user: CurrentUser, request: Request, session: SessionDep
) -> Response:
    application, call = applying.by_user(session, user, application_id)
    applying.erase(session, application, call, ip=client_address(request), actor=user)
    return Response(status_code=204)
