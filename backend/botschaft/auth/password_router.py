"""Invitation and password-reset links, and "forgot password?". Public: the link is the key."""

from __future__ import annotations

from fastapi import Request, Response

from botschaft.accounts import service as accounts
from botschaft.accounts.schemas import MeOut
from botschaft.auth import account_tokens, reset, sessions
from botschaft.auth.cookies import set_session_cookies
from botschaft.auth.schemas import (
    AcceptedOut,
    PasswordLinkIn,
    PasswordLinkOut,
    PasswordResetIn,
    PasswordSetIn,
)
from botschaft.core.deps import SessionDep, SettingsDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router

router = api_router(prefix="/auth", tags=["auth"])


@router.post(
    "/password-links/check",
    operation_id="auth_password_link_check",
    response_model=PasswordLinkOut,
    responses=error_responses(404, 410, 422, 429),
)
def check_link(
    body: PasswordLinkIn, request: Request, session: SessionDep, settings: SettingsDep
) -> PasswordLinkOut:
    """What an invitation or reset link is for, or why it no longer works. Changes nothing
    (mail scanners open links; only setting the password uses one up)."""
    request.app.state.limiter.hit(
        settings.link_limit_per_address, "account-token-ip", client_address(request)
    )
    row, user = account_tokens.find(session, body.token)
    return PasswordLinkOut(
        purpose=row.purpose,
        email=user.email,
        name=user.name,
        sso=account_tokens.is_sso_invitation(row, settings),
        expires_at=row.expires_at,
        min_password_length=settings.min_password_length,
    )


@router.post(
    "/password-links/redeem",
    operation_id="auth_password_link_redeem",
    response_model=MeOut,
    responses=error_responses(404, 409, 410, 422, 429),
)
def redeem_link(
    body: PasswordSetIn,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
) -> MeOut:
    """Sets the password behind the link and signs the person in (a new session; their
    other sessions end)."""
    ip = client_address(request)
    request.app.state.limiter.hit(settings.link_limit_per_address, "account-token-ip", ip)
    user, _ = account_tokens.set_password(session, body.token, body.password, settings, ip=ip)
    token, row = sessions.start(
        session,
        user,
        settings,
        method="password",
        ip=ip,
        user_agent=request.headers.get("user-agent"),
        replaces_token=request.cookies.get(settings.session_cookie),
    )
    set_session_cookies(response, settings, token, row.csrf_token)
    return accounts.me(session, user)


@router.post(
    "/password-reset",
    operation_id="auth_password_reset_request",
    status_code=202,
    response_model=AcceptedOut,
    responses=error_responses(422, 429),
)
def request_reset(
    body: PasswordResetIn, request: Request, session: SessionDep, settings: SettingsDep
) -> AcceptedOut:
    """“Forgot password?”: always the same answer, whether the address has an account or not;
    the email (if any) goes out from a job."""
    ip = client_address(request)
    limiter = request.app.state.limiter
    limiter.hit(settings.reset_limit_per_address, "reset-ip", ip)
    limiter.hit(settings.reset_limit_per_email, "reset-account", body.email.lower())
    reset.request_reset(session, body.email, ip)
    return AcceptedOut(detail=reset.ACCEPTED)
