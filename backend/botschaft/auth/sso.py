"""Single sign-on's return leg: the code from the identity provider becomes a Botschaft
session, or a reason why not (an error code the sign-in page words). The whole workflow is
here; the router only turns the outcome into a redirect and cookies."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from fastapi import Request
from joserfc.errors import JoseError
from starlette.concurrency import run_in_threadpool

from botschaft.audit import service as audit
from botschaft.auth import service, sessions
from botschaft.auth.oidc import CLIENT_NAME
from botschaft.core.deps import client_address
from botschaft.core.text import TextError, check_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Started:
    token: str
    csrf_token: str


async def finish(request: Request) -> Started | str:
    """Exchanges the code, checks the ID token (and UserInfo), finds or links the account
    and starts a session; returns the session or the refusal's code. Refusals are audited in
    their own transaction (no request transaction outlives a redirect)."""
    db = request.app.state.db
    ip = client_address(request)
    try:
        # The state is looked up in the database: the text rule first (PostgreSQL refuses NUL).
        for value in request.query_params.values():
            check_text(value)
    except TextError:
        return "sso_state"
    client = request.app.state.oauth.create_client(CLIENT_NAME)
    try:
        token = await client.authorize_access_token(request)
    except OAuthError as exc:
        # A missing, used or foreign state (replay, login CSRF) vs. any other provider error.
        is_state = (
            isinstance(exc, MismatchingStateError) or "state" in str(exc.description or "").lower()
        )
        code = "sso_state" if is_state else "sso_failed"
        await run_in_threadpool(
            audit.record_now, db, "auth.sso_failed", ip=ip, details={"reason": code}
        )
        return code
    except (JoseError, ValueError) as exc:
        log.warning("SSO: ID token refused: %r", exc)
        await run_in_threadpool(
            audit.record_now, db, "auth.sso_failed", ip=ip, details={"reason": "sso_token"}
        )
        return "sso_token"
    claims = dict(token.get("userinfo") or {})
    if not claims.get("sub"):
        return "sso_token"
    if "email" not in claims:
        # Many providers put only `sub` in the ID token; the rest comes from the UserInfo
        # endpoint, whose `sub` must match (OpenID Connect Core 5.3.2).
        try:
            userinfo = await client.userinfo(token=token)
        except Exception:
            log.exception("SSO: UserInfo request failed")
            return "sso_failed"
        if userinfo.get("sub") != claims["sub"]:
            return "sso_token"
        claims.update(
            {k: v for k, v in userinfo.items() if k in ("email", "email_verified", "name")}
        )
    return await run_in_threadpool(_sign_in, request, claims, ip)


def _sign_in(request: Request, claims: dict, ip: str | None) -> Started | str:
    settings = request.app.state.settings
    with request.app.state.db.session() as session:
        try:
            user = service.user_for_identity(
                session,
                issuer=claims["iss"],
                subject=claims["sub"],
                email=claims.get("email"),
                email_verified=claims.get("email_verified") is True,
                link_policy=settings.oidc_link_policy,
            )
        except service.SsoRefused as refused:
            audit.record(
                session,
                "auth.sso_refused",
                actor_label=claims.get("email"),
                ip=ip,
                details={"reason": refused.code, "issuer": claims["iss"]},
            )
            return refused.code
        token_value, row = sessions.start(
            session,
            user,
            settings,
            method="oidc",
            ip=ip,
            user_agent=request.headers.get("user-agent"),
            replaces_token=request.cookies.get(settings.session_cookie),
        )
        audit.record(session, "auth.login", actor=user, ip=ip, details={"method": "oidc"})
        return Started(token_value, row.csrf_token)
