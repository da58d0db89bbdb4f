"""Signing in with a password, and the account an SSO identity belongs to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.accounts.models import User, UserIdentity
from botschaft.accounts.service import find_by_email, normalise_email
from botschaft.core.errors import Unauthorized
from botschaft.core.security import hash_password, needs_rehash, verify_password

GENERIC_LOGIN_ERROR = "Email or password is wrong, or the account is disabled."


def authenticate(session: Session, email: str, password: str) -> User:
    """Same answer and similar timing whether the email exists or not (no enumeration)."""
    user = find_by_email(session, email)
    # End the read before the deliberately slow hash check, so no database lock (SQLite's
    # write lock in particular) is held while it runs; nothing has been written yet.
    session.commit()
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_active:
        raise Unauthorized(GENERIC_LOGIN_ERROR, code="invalid_credentials")
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


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
