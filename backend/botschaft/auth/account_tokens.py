"""Single-use links that let their holder set the account's password: invitations (a first
password) and password resets. 256-bit random tokens; only their SHA-256 digest is stored, so
a copy of the database opens no account. A new link replaces the person's older open links of
the same purpose; setting a password ends every open link and every session of the person."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.auth import sessions
from botschaft.auth.models import AccountToken, TokenPurpose
from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict, Gone, NotFound
from botschaft.core.security import hash_password, new_token, token_digest
from botschaft.core.settings import Settings
from botschaft.identity.models import User
from botschaft.identity.passwords import check_password

PATHS = {TokenPurpose.invitation: "/invitation", TokenPurpose.reset: "/reset-password"}


def lifetime(purpose: TokenPurpose, settings: Settings) -> timedelta:
    if purpose == TokenPurpose.invitation:
        return timedelta(days=settings.invitation_days)
    return timedelta(minutes=settings.password_reset_minutes)


def link(settings: Settings, purpose: TokenPurpose, token: str) -> str:
    # The token travels in the fragment: browsers never send it to the server, so it stays
    # out of access logs and Referer headers; the page posts it in a request body.
    return f"{settings.public_url}{PATHS[purpose]}#{token}"


def _open(user_id, purpose: TokenPurpose | None = None):
    where = [
        AccountToken.user_id == user_id,
        AccountToken.used_at.is_(None),
        AccountToken.revoked_at.is_(None),
    ]
    if purpose is not None:
        where.append(AccountToken.purpose == purpose)
    return where


def issue(
    session: Session, user: User, purpose: TokenPurpose, settings: Settings, *, actor: User | None
) -> tuple[str, AccountToken]:
    """A new link; the person's older open links of this purpose stop working."""
    now = utcnow()
    session.execute(update(AccountToken).where(*_open(user.id, purpose)).values(revoked_at=now))
    token = new_token()
    row = AccountToken(
        user_id=user.id,
        purpose=purpose,
        token_digest=token_digest(token),
        created_at=now,
        expires_at=now + lifetime(purpose, settings),
        created_by=actor.id if actor else None,
    )
    session.add(row)
    session.flush()
    return token, row


def find(session: Session, token: str) -> tuple[AccountToken, User]:
    """The open link behind a token, or an error that says what is wrong with it."""
    row = session.scalar(
        select(AccountToken).where(AccountToken.token_digest == token_digest(token))
    )
    user = session.get(User, row.user_id) if row is not None else None
    if row is None or user is None or not user.is_active:
        raise NotFound(
            "This link is not valid. Please check that you opened it completely.",
            code="token_invalid",
        )
    if row.used_at is not None:
        raise Gone("This link has already been used.", code="token_used")
    if row.revoked_at is not None:
        raise Gone("A newer link has replaced this one.", code="token_replaced")
    if row.expires_at <= utcnow():
        raise Gone("This link has expired.", code="token_expired")
    return row, user


def is_sso_invitation(row: AccountToken, settings: Settings) -> bool:
    return row.purpose == TokenPurpose.invitation and settings.oidc_enabled


def set_password(
    session: Session, token: str, password: str, settings: Settings, *, ip: str | None
) -> tuple[User, TokenPurpose]:
    """Sets the password behind a link, in one unit of work with the link's use, the end of
    the person's other links and sessions, and the audit event. Any refusal writes nothing."""
    row, user = find(session, token)
    if is_sso_invitation(row, settings):
        raise Conflict(
            "This organisation signs in with single sign-on; no password is needed.",
            code="sso_only",
        )
    check_password(
        password, email=user.email, name=user.name, min_length=settings.min_password_length
    )
    now = utcnow()
    # Conditional claim: of two requests with the same link at once, only one sets a password.
    claimed = session.execute(
        update(AccountToken)
        .where(
            AccountToken.id == row.id,
            AccountToken.used_at.is_(None),
            AccountToken.revoked_at.is_(None),
        )
        .values(used_at=now)
    ).rowcount
    if claimed != 1:
        raise Gone("This link has already been used.", code="token_used")
    session.execute(update(AccountToken).where(*_open(user.id)).values(revoked_at=now))
    user.password_hash = hash_password(password)
    session.flush()
    sessions.end_all(session, user.id)  # a reset must end a session someone else may hold
    audit.record(
        session,
        "auth.password_set_by_invitation"
        if row.purpose == TokenPurpose.invitation
        else "auth.password_reset_done",
        actor=user,
        target_type="user",
        target_id=user.id,
        ip=ip,
    )
    return user, row.purpose


def revoke_open(session: Session, user_id) -> None:
    """Ends a person's open links (their password was set another way)."""
    session.execute(update(AccountToken).where(*_open(user_id)).values(revoked_at=utcnow()))


def purge(session: Session, now, keep: timedelta = timedelta(days=30)) -> int:
    """Deletes links long past their expiry (kept a while so a late click gets "expired")."""
    result = session.execute(delete(AccountToken).where(AccountToken.expires_at < now - keep))
    return result.rowcount or 0
