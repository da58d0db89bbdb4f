"""Accounts: creating and changing users, the signed-in user's own view."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session, object_session

from botschaft.accounts.schemas import MeOut, MyProgram, UserCreate, UserOut, UserUpdate
from botschaft.audit import service as audit
from botschaft.auth import account_tokens, invitations, sessions
from botschaft.auth.invitations import Access
from botschaft.core.errors import Conflict, NotFound
from botschaft.core.pagination import PageParams, paginate
from botschaft.core.security import hash_password
from botschaft.core.settings import Settings
from botschaft.identity.lookup import find_by_email, normalise_email
from botschaft.identity.models import Locale, Role, User
from botschaft.identity.passwords import check_password
from botschaft.tenancy.access import my_programs
from botschaft.tenancy.models import Program, ProgramMembership


def get_user(session: Session, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    return user


def create_user(
    session: Session,
    data: UserCreate,
    *,
    min_password_length: int,
    actor: User | None = None,
    actor_label: str | None = None,
    ip: str | None = None,
) -> User:
    email = normalise_email(data.email)
    if find_by_email(session, email):
        raise Conflict.for_field("email", "An account with this email already exists.", "duplicate")
    password_hash = None
    if data.password is not None:
        check_password(data.password, email=email, name=data.name, min_length=min_password_length)
        password_hash = hash_password(data.password)
    user = User(
        email=email, name=data.name, role=data.role, locale=data.locale, password_hash=password_hash
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        "user.created",
        actor=actor,
        actor_label=actor_label,
        target_type="user",
        target_id=user.id,
        ip=ip,
        details={"email": email, "role": data.role.value},
    )
    return user


def update_user(
    session: Session,
    user: User,
    data: UserUpdate,
    *,
    min_password_length: int,
    actor: User,
    ip: str | None = None,
) -> User:
    if data.version != user.version:
        raise Conflict(
            "Someone else changed this account; reload and try again.", code="version_conflict"
        )
    changes = data.model_dump(exclude_unset=True, exclude={"version", "password"})
    if user.id == actor.id and (
        changes.get("role", user.role) != Role.admin or changes.get("is_active") is False
    ):
        raise Conflict.for_field(
            "role", "You cannot remove your own administrator rights.", "self_demotion"
        )
    old_role, was_active = user.role, user.is_active
    for field, value in changes.items():
        setattr(user, field, value)
    if data.password is not None:
        check_password(
            data.password, email=user.email, name=user.name, min_length=min_password_length
        )
        user.password_hash = hash_password(data.password)
        # A password set by an administrator ends any open invitation or reset link.
        account_tokens.revoke_open(session, user.id)
    session.flush()

    # Each change that grants or takes away access is an event of its own, written in this
    # transaction, so the log cannot miss a change that happened (or show one that did not).
    def record(action: str, details: dict | None = None) -> None:
        audit.record(
            session,
            action,
            actor=actor,
            target_type="user",
            target_id=user.id,
            ip=ip,
            details=details,
        )

    if user.role != old_role:
        record("user.role_changed", {"from": old_role.value, "to": user.role.value})
    if user.is_active != was_active:
        record("user.activated" if user.is_active else "user.deactivated")
    if data.password is not None:
        record("user.password_set")  # never the password or its hash
    if user.role != old_role or not user.is_active or data.password is not None:
        # A changed role or password must not live on in sessions opened before.
        sessions.end_all(session, user.id)
    return user


def list_users(
    session: Session, params: PageParams, q: str | None = None
) -> tuple[list[User], int]:
    statement = select(User).order_by(func.lower(User.name), User.id)
    if q:
        pattern = f"%{q.lower()}%"
        statement = statement.where(
            or_(func.lower(User.name).like(pattern), User.email.like(pattern))
        )
    return paginate(session, statement, params)


_DERIVED = {"has_password", "access", "invitation_expires_at"}


def user_out(user: User, access: tuple[Access, datetime | None] | None = None) -> UserOut:
    if access is None:
        access = invitations.access_states(object_session(user), [user])[user.id]
    return UserOut.model_validate(
        {
            **{c: getattr(user, c) for c in UserOut.model_fields if c not in _DERIVED},
            "has_password": user.password_hash is not None,
            "access": access[0],
            "invitation_expires_at": access[1],
        }
    )


def users_out(session: Session, users: list[User]) -> list[UserOut]:
    access = invitations.access_states(session, users)
    return [user_out(u, access[u.id]) for u in users]


def invite_user(
    session: Session, user: User, settings: Settings, *, actor: User, ip: str | None
) -> User:
    """An administrator's invitation: names the person's first program, if any."""
    program_name = session.scalar(
        select(Program.name)
        .join(ProgramMembership, ProgramMembership.program_id == Program.id)
        .where(ProgramMembership.user_id == user.id)
        .order_by(Program.name)
        .limit(1)
    )
    before = invitations.access_states(session, [user])[user.id][0]
    invitations.send_invitation(
        session,
        user,
        settings,
        actor=actor,
        ip=ip,
        program_name=program_name,
        resent=before != Access.pending,
    )
    return user


def me(session: Session, user: User, programs: list[Row] | None = None) -> MeOut:
    """The caller and their programs (read here unless the sign-in check already did)."""
    rows = my_programs(session, user.id) if programs is None else programs
    return MeOut(
        id=user.id,
        email=user.email,
        name=user.name,
        role=user.role,
        locale=user.locale,
        programs=[
            MyProgram(
                id=r.id,
                name=r.name,
                slug=r.slug,
                role=r.role,
                starts_on=r.starts_on,
                ends_on=r.ends_on,
            )
            for r in rows
        ],
    )


def update_me(session: Session, user: User, name: str | None, locale: Locale | None) -> User:
    if name is not None:
        user.name = name
    if locale is not None:
        user.locale = locale
    session.flush()
    return user
