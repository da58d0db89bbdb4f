"""The session cookie (HttpOnly) and the CSRF cookie the SPA echoes in a header."""

from __future__ import annotations

from fastapi import Response

from botschaft.core.settings import Settings

CSRF_HEADER = "X-CSRF-Token"


def set_session_cookies(
    response: Response, settings: Settings, token: str, csrf_token: str
) -> None:
    max_age = settings.session_absolute_hours * 3600
    response.set_cookie(
        settings.session_cookie,
        token,
        max_age=max_age,
        path="/",
        httponly=True,
        secure=settings.https,
        samesite="lax",
    )
    response.set_cookie(
        settings.csrf_cookie,
        csrf_token,
        max_age=max_age,
        path="/",
        httponly=False,
        secure=settings.https,
        samesite="strict",
    )


def clear_session_cookies(response: Response, settings: Settings) -> None:
    for name in (settings.session_cookie, settings.csrf_cookie):
        response.delete_cookie(name, path="/", secure=settings.https, samesite="lax")
