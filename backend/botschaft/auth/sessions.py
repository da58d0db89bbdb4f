"""Server-side sessions: created at sign-in, checked per request, ended at sign-out."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, delete, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from botschaft.auth.models import UserSession
from botschaft.core.database import best_effort_write, prepared_on_server, utcnow
from botschaft.core.security import new_token, token_digest
from botschaft.core.settings import Settings
from botschaft.identity.models import User

# Writing last_seen_at on every request would turn every read into a write.
_TOUCH_INTERVAL = timedelta(seconds=60)


def start(
    session: Session,
    user: User,
    settings: Settings,
    *,
    method: str,
    ip: str | None,
    user_agent: str | None,
    replaces_token: str | None = None,
) -> tuple[str, UserSession]:
    """A fresh token at every sign-in (no session fixation); the old one, if any, ends."""
    if replaces_token:
        end(session, replaces_token)
    token = new_token()
    now = utcnow()
    row = UserSession(
        token_digest=token_digest(token),
        user_id=user.id,
        csrf_token=new_token(),
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=settings.session_absolute_hours),
        method=method,
        ip=ip,
        user_agent=(user_agent or "")[:300] or None,
    )
    session.add(row)
    # Not an edit of the account: no version bump, so two sign-ins at once never conflict.
    session.execute(update(User).where(User.id == user.id).values(last_login_at=now))
    set_committed_value(user, "last_login_at", now)
    session.flush()
    return token, row


@cache
def lookup() -> Select:
    """The session and its user in one statement: every signed-in request starts here (the
    program access check adds the program and the membership to it, /me the programs). The
    token's digest is the parameter `digest` (`lookup_values`), so the statement is built
    once: SQLAlchemy computes the cache key of every statement object it is given, which
    costs more for a new one than executing it does on SQLite. Prepared on PostgreSQL's server,
    as are the statements built on it (see prepared_on_server)."""
    return prepared_on_server(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_digest == bindparam("digest"))
    )


def lookup_values(token: str) -> dict:
    return {"digest": token_digest(token)}


def still_valid(session: Session, row: UserSession, user: User, settings: Settings) -> bool:
    """Within its limits and its user active; an expired session is deleted, a used one
    touched now and then (both best-effort: a read request stays a read)."""
    now = utcnow()
    idle_limit = row.last_seen_at + timedelta(minutes=settings.session_idle_minutes)
    if now >= row.expires_at or now >= idle_limit:
        with best_effort_write(session):  # the hourly clean-up job removes it otherwise
            session.delete(row)
        return False
    if not user.is_active:
        return False
    if now - row.last_seen_at > _TOUCH_INTERVAL:
        with best_effort_write(session):
            row.last_seen_at = now
    return True


def end(session: Session, token: str) -> None:
    session.execute(delete(UserSession).where(UserSession.token_digest == token_digest(token)))


def end_all(session: Session, user_id: uuid.UUID) -> None:
    session.execute(delete(UserSession).where(UserSession.user_id == user_id))


def purge_expired(session: Session, settings: Settings, now: datetime | None = None) -> int:
    """Deletes sessions past their absolute or idle limit."""
    now = now or utcnow()
    idle_since = now - timedelta(minutes=settings.session_idle_minutes)
    result = session.execute(
        delete(UserSession).where(
            (UserSession.expires_at < now) | (UserSession.last_seen_at < idle_since)
        )
    )
    return result.rowcount or 0


def count_for(session: Session, user_id: uuid.UUID) -> int:
    return len(
        session.scalars(
            select(UserSession.token_digest).where(UserSession.user_id == user_id)
        ).all()
    )
