"""Sign-in and sign-out: password and OpenID Connect."""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query, Request, Response
from fastapi.responses import RedirectResponse

from botschaft.accounts import service as accounts
from botschaft.accounts.schemas import MeOut
from botschaft.auth import service, sso
from botschaft.auth.cookies import clear_session_cookies, set_session_cookies
from botschaft.auth.dependencies import CurrentPrincipal
from botschaft.auth.oidc import CLIENT_NAME
from botschaft.auth.schemas import AuthConfigOut, LoginIn, OidcConfigOut
from botschaft.core.deps import SessionDep, SettingsDep, client_address
from botschaft.core.errors import error_responses
from botschaft.core.routing import api_router
from botschaft.core.text import Text

log = logging.getLogger(__name__)
router = api_router(prefix="/auth", tags=["auth"])


@router.get("/config", operation_id="auth_config", response_model=AuthConfigOut)
def auth_config(settings: SettingsDep) -> AuthConfigOut:
    """Which sign-in methods the sign-in page offers. Public."""
    return AuthConfigOut(
        password_login=True,
        oidc=OidcConfigOut(enabled=settings.oidc_enabled, label=settings.oidc_label),
    )


@router.post(
    "/login",
    operation_id="auth_login",
    response_model=MeOut,
    responses=error_responses(401, 422, 429),
)
def login(
    body: LoginIn, request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> MeOut:
    """Password sign-in; one generic error. Failed attempts are limited per account and
    address, per account and per address (429 with Retry-After)."""
    signed_in = service.sign_in_with_password(
        session,
        request.app.state.db,
        request.app.state.limiter,
        settings,
        email=body.email,
        password=body.password,
        ip=client_address(request),
        user_agent=request.headers.get("user-agent"),
        replaces_token=request.cookies.get(settings.session_cookie),
    )
    set_session_cookies(response, settings, signed_in.token, signed_in.csrf_token)
    return accounts.me(session, signed_in.user)


@router.post(
    "/logout", operation_id="auth_logout", status_code=204, responses=error_responses(401, 403)
)
def logout(
    principal: CurrentPrincipal, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    service.sign_out(session, principal.token, principal.user, client_address(request))
    response = Response(status_code=204)
    clear_session_cookies(response, settings)
    return response


def _safe_next(value: str | None) -> str:
    # Only same-site paths: "//evil.example" or "https://..." would be an open redirect.
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


def _login_error(code: str) -> RedirectResponse:
    return RedirectResponse("/login?" + urlencode({"error": code}), status_code=303)


@router.get(
    "/oidc/login",
    operation_id="auth_oidc_login",
    status_code=302,
    response_class=RedirectResponse,
    responses={
        302: {"description": "Redirect to the identity provider"},
        303: {"description": "SSO is off"},
    },
)
async def oidc_login(
    request: Request,
    next: Annotated[Text | None, Query(max_length=2000)] = None,  # noqa: A002
) -> Response:
    """Starts single sign-on: redirects to the identity provider (code flow with PKCE)."""
    oauth = request.app.state.oauth
    if oauth is None:
        return _login_error("sso_disabled")
    settings = request.app.state.settings
    request.session["next"] = _safe_next(next)
    client = oauth.create_client(CLIENT_NAME)
    try:
        return await client.authorize_redirect(
            request, f"{settings.public_url}/api/v1/auth/oidc/callback"
        )
    except Exception:  # the provider is down or its discovery document is broken
        log.exception("SSO: cannot reach the identity provider")
        return _login_error("sso_failed")


@router.get(
    "/oidc/callback",
    operation_id="auth_oidc_callback",
    status_code=303,
    response_class=RedirectResponse,
    responses={303: {"description": "Signed in (to the app) or refused (to /login?error=...)"}},
)
async def oidc_callback(request: Request) -> Response:
    """The identity provider sends the browser back here with a code."""
    if request.app.state.oauth is None:
        return _login_error("sso_disabled")
    outcome = await sso.finish(request)
    if isinstance(outcome, str):
        return _login_error(outcome)
    response = RedirectResponse(_safe_next(request.session.pop("next", None)), status_code=303)
    set_session_cookies(response, request.app.state.settings, outcome.token, outcome.csrf_token)
    return response
