"""Who is calling: the authenticated user, CSRF protection, and role gates."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from botschaft.auth import sessions
from botschaft.auth.cookies import CSRF_HEADER
from botschaft.auth.models import UserSession
from botschaft.core.deps import SessionDep, SettingsDep
from botschaft.core.errors import Forbidden, Unauthorized
from botschaft.identity.models import Role, User

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Principal:
    user: User
    session: UserSession
    token: str


def _principal(request: Request, session: SessionDep, settings: SettingsDep) -> Principal:
    token = request.cookies.get(settings.session_cookie)
    resolved = sessions.resolve(session, token, settings) if token else None
    if resolved is None:
        raise Unauthorized("Please sign in.", code="not_authenticated")
    row, user = resolved
    if request.method not in SAFE_METHODS:
        # Synchronizer token: the SPA echoes the CSRF cookie; a cross-site form cannot.
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), row.csrf_token.encode()):
            raise Forbidden("Missing or invalid CSRF token.", code="csrf_failed")
    return Principal(user=user, session=row, token=token)


def _optional_user(request: Request, session: SessionDep, settings: SettingsDep) -> User | None:
    """The signed-in caller, or None for an anonymous one (public pages that greet members).
    A cookie that is present must be valid and, on writes, come with its CSRF token."""
    if not request.cookies.get(settings.session_cookie):
        return None
    try:
        return _principal(request, session, settings).user
    except Unauthorized:
        return None  # an expired session is an anonymous visitor here


async def _current_user(principal: Annotated[Principal, Depends(_principal)]) -> User:
    return principal.user


async def _admin(user: Annotated[User, Depends(_current_user)]) -> User:
    if user.role != Role.admin:
        raise Forbidden("Administrators only.")
    return user


CurrentPrincipal = Annotated[Principal, Depends(_principal)]
CurrentUser = Annotated[User, Depends(_current_user)]
AdminUser = Annotated[User, Depends(_admin)]
OptionalUser = Annotated[User | None, Depends(_optional_user)]
