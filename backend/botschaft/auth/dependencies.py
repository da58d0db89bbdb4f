"""Who is calling: the authenticated user, CSRF protection, and role gates."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Row
from sqlalchemy.orm import Session

from botschaft.auth import sessions
from botschaft.auth.cookies import CSRF_HEADER
from botschaft.auth.models import UserSession
from botschaft.core.deps import SessionDep, SettingsDep
from botschaft.core.errors import Forbidden, Unauthorized
from botschaft.core.routing import SAFE_METHODS, on_endpoint_thread
from botschaft.core.settings import Settings
from botschaft.identity.models import Role, User


@dataclass(frozen=True)
class Principal:
    user: User
    session: UserSession
    token: str


async def _session_token(request: Request, settings: SettingsDep) -> str:
    # On the event loop, before the request is validated: no cookie is a 401 at once.
    token = request.cookies.get(settings.session_cookie)
    if not token:
        raise Unauthorized("Please sign in.", code="not_authenticated")
    return token


def signed_in(
    request: Request,
    session: Session,
    settings: Settings,
    token: str,
    found: Row | None,
) -> Principal:
    """The caller, from the session lookup's row (`sessions.lookup`, whose session and user
    come first, whatever columns other checks add): a valid session, and on writes its CSRF
    token. Kept for the request, so the sign-in is read once however many dependencies ask."""
    if found is None or not sessions.still_valid(session, found[0], found[1], settings):
        raise Unauthorized("Please sign in.", code="not_authenticated")
    row, user = found[0], found[1]
    if request.method not in SAFE_METHODS:
        # Synchronizer token: the SPA echoes the CSRF cookie; a cross-site form cannot.
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), row.csrf_token.encode()):
            raise Forbidden("Missing or invalid CSRF token.", code="csrf_failed")
    principal = request.state.principal = Principal(user=user, session=row, token=token)
    return principal


def known_principal(request: Request) -> Principal | None:
    """The caller if a dependency of this request has already read the sign-in."""
    return getattr(request.state, "principal", None)


def _principal(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    token: Annotated[str, Depends(_session_token)],
) -> Principal:
    known = known_principal(request)
    if known is not None:
        return known
    found = session.execute(sessions.lookup(), sessions.lookup_values(token)).first()
    return signed_in(request, session, settings, token, found)


def _optional_user(request: Request, session: SessionDep, settings: SettingsDep) -> User | None:
    """The signed-in caller, or None for an anonymous one (public pages that greet members).
    A cookie that is present must be valid and, on writes, come with its CSRF token."""
    token = request.cookies.get(settings.session_cookie)
    if not token:
        return None
    try:
        return _principal(request, session, settings, token).user
    except Unauthorized:
        return None  # an expired session is an anonymous visitor here


# The sign-in check reads the database: it runs on the endpoint's worker thread (core.routing).
_principal_dep = on_endpoint_thread(_principal)


def _current_user(principal: Annotated[Principal, Depends(_principal_dep)]) -> User:
    return principal.user


_current_user_dep = on_endpoint_thread(_current_user)


def _admin(user: Annotated[User, Depends(_current_user_dep)]) -> User:
    if user.role != Role.admin:
        raise Forbidden("Administrators only.")
    return user


SessionToken = Annotated[str, Depends(_session_token)]
CurrentPrincipal = Annotated[Principal, Depends(_principal_dep)]
CurrentUser = Annotated[User, Depends(_current_user_dep)]
AdminUser = Annotated[User, Depends(on_endpoint_thread(_admin))]
OptionalUser = Annotated[User | None, Depends(on_endpoint_thread(_optional_user))]
