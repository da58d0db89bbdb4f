"""Invitations: how a new account gets in. Without single sign-on the email carries a link
that sets the first password; with single sign-on configured it links to the SSO sign-in."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.auth import account_tokens
from botschaft.auth.models import AccountToken, TokenPurpose
from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict
from botschaft.core.settings import Settings
from botschaft.identity.models import User
from botschaft.notifications.service import send_email


class Access(StrEnum):
    """Whether a person can get in: shown next to them where the core team lists people."""

    active = "active"  # has a password or has signed in
    invited = "invited"  # an invitation link is open
    invitation_expired = "invitation_expired"
    pending = "pending"  # never invited by link (e.g. SSO, or created before invitations)


def sso_link(settings: Settings) -> str:
    return f"{settings.public_url}/api/v1/auth/oidc/login"


def uses_sso(user: User, settings: Settings) -> bool:
    # Accounts without a password are the SSO-only ones once single sign-on is configured.
    return settings.oidc_enabled and user.password_hash is None


def needs_invitation(user: User) -> bool:
    return user.is_active and user.password_hash is None and user.last_login_at is None


def access_link(
    session: Session,
    user: User,
    settings: Settings,
    *,
    actor: User | None,
    ip: str | None,
    program_id: uuid.UUID | None = None,
    resent: bool = False,
) -> tuple[str, str]:
    """(kind, link) for an email that lets the person in: "sso", "invitation" (a new
    single-use link, audited) or "login" (the person has a password already)."""
    if user.password_hash is not None:
        return "login", f"{settings.public_url}/login"
    if settings.oidc_enabled:
        kind, link = "sso", sso_link(settings)
    else:
        token, _ = account_tokens.issue(
            session, user, TokenPurpose.invitation, settings, actor=actor
        )
        kind, link = "invitation", account_tokens.link(settings, TokenPurpose.invitation, token)
    audit.record(
        session,
        "auth.invitation_resent" if resent else "auth.invitation_sent",
        actor=actor,
        target_type="user",
        target_id=user.id,
        program_id=program_id,
        ip=ip,
        details={"via": kind},
    )
    return kind, link


def send_invitation(
    session: Session,
    user: User,
    settings: Settings,
    *,
    actor: User,
    ip: str | None,
    program_name: str | None,
    program_id: uuid.UUID | None = None,
    resent: bool = False,
) -> str:
    """Emails the person their way in, in their language; returns "sso" or "invitation".
    Without a program (an administrator's invitation) the email names no program."""
    if user.password_hash is not None:
        raise Conflict(
            "This person has set a password already; they can use “Forgot password?”.",
            code="password_set",
        )
    if not user.is_active:
        raise Conflict("This account is disabled.", code="account_disabled")
    if settings.oidc_enabled and user.last_login_at is not None:
        raise Conflict("This person has signed in already.", code="already_active")
    kind, link = access_link(
        session, user, settings, actor=actor, ip=ip, program_id=program_id, resent=resent
    )
    template = "auth.invitation" if program_name is not None else "auth.invitation_account"
    context: dict[str, object] = {"name": user.name, "inviter": actor.name, "link": link}
    if program_name is not None:
        context["program_name"] = program_name
    if kind == "invitation":
        context["days"] = settings.invitation_days
    else:
        template += "_sso"
    send_email(session, to=user.email, template=template, locale=user.locale, context=context)
    return kind


@cache
def _open_invitations() -> Select:
    """When each of the parameter users' open invitations expires (built once: lists of
    members ask on every page)."""
    return (
        select(AccountToken.user_id, func.max(AccountToken.expires_at))
        .where(
            AccountToken.user_id.in_(bindparam("users", expanding=True)),
            AccountToken.purpose == TokenPurpose.invitation,
            AccountToken.used_at.is_(None),
            AccountToken.revoked_at.is_(None),
        )
        .group_by(AccountToken.user_id)
    )


def access_states(
    session: Session, users: list[User]
) -> dict[uuid.UUID, tuple[Access, datetime | None]]:
    """Each person's access and, while an invitation is open, when it expires."""
    waiting = [u.id for u in users if u.password_hash is None and u.last_login_at is None]
    open_until: dict[uuid.UUID, datetime] = {}
    if waiting:
        rows = session.execute(_open_invitations(), {"users": waiting}).all()
        open_until = {user_id: expires for user_id, expires in rows}
    now = utcnow()
    states: dict[uuid.UUID, tuple[Access, datetime | None]] = {}
    for user in users:
        expires = open_until.get(user.id)
        if user.password_hash is not None or user.last_login_at is not None:
            states[user.id] = (Access.active, None)
        elif expires is None:
            states[user.id] = (Access.pending, None)
        elif expires <= now:
            states[user.id] = (Access.invitation_expired, expires)
        else:
            states[user.id] = (Access.invited, expires)
    return states
