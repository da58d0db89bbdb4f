"""Signing in with a password, and the account an SSO identity belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.auth import sessions
from botschaft.auth.throttle import SignInThrottle
from botschaft.core.database import Database, end_read
from botschaft.core.errors import AppError, Unauthorized
from botschaft.core.ratelimit import RateLimiter
from botschaft.core.security import hash_password, needs_rehash, verify_password
from botschaft.core.settings import Settings
from botschaft.identity.lookup import find_by_email, normalise_email
from botschaft.identity.models import User, UserIdentity

GENERIC_LOGIN_ERROR = "Email or password is wrong, or the account is disabled."


def authenticate(session: Session, email: str, password: str) -> User:
    """Same answer and similar timing whether the email exists or not (no enumeration)."""
    user = find_by_email(session, email)
    end_read(session)  # no lock held during the deliberately slow hash check
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        raise Unauthorized(GENERIC_LOGIN_ERROR, code="invalid_credentials")
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


@dataclass(frozen=True)
class SignedIn:
    user: User
    token: str
    csrf_token: str


def sign_in_with_password(
    session: Session,
    db: Database,
    limiter: RateLimiter,
    settings: Settings,
    *,
    email: str,
    password: str,
    ip: str | None,
    user_agent: str | None,
    replaces_token: str | None,
) -> SignedIn:
    """The whole password sign-in: limits, check, a fresh session, the audit event. A refused
    sign-in keeps nothing of the request and is audited on its own (it must outlive the
    rollback)."""
    normal = normalise_email(email)
    throttle = SignInThrottle(limiter, settings, email=normal, ip=ip)
    throttle.check()
    try:
        user = authenticate(session, email, password)
    except AppError:
        throttle.failed()
        session.rollback()
        audit.record_now(db, "auth.login_failed", actor_label=normal, ip=ip)
        raise
    token, row = sessions.start(
        session,
        user,
        settings,
        method="password",
        ip=ip,
        user_agent=user_agent,
        replaces_token=replaces_token,
    )
    audit.record(session, "auth.login", actor=user, ip=ip, details={"method": "password"})
    throttle.succeeded()
    return SignedIn(user, token, row.csrf_token)


def sign_out(session: Session, token: str, user: User, ip: str | None) -> None:
    sessions.end(session, token)
    audit.record(session, "auth.logout", actor=user, ip=ip)


class SsoRefused(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def user_for_identity(
    session: Session,
    *,
    issuer: str,
    subject: str,
    email: str | None,
    email_verified: bool,
    link_policy: str,
) -> User:
    """Match by issuer+subject; on first sign-in optionally link a verified email."""
    identity = session.scalar(
        select(UserIdentity).where(UserIdentity.issuer == issuer, UserIdentity.subject == subject)
    )
    if identity is not None:
        user = session.get(User, identity.user_id)
        if user is None or not user.is_active:
            raise SsoRefused("sso_no_account")
        return user
    if link_policy != "link" or not email or not email_verified:
        raise SsoRefused("sso_no_account")
    user = find_by_email(session, email)
    if user is None or not user.is_active:
        raise SsoRefused("sso_no_account")
    session.add(
        UserIdentity(user_id=user.id, issuer=issuer, subject=subject, email=normalise_email(email))
    )
    session.flush()
    return user
