"""Programs and their members."""

from __future__ import annotations

import uuid
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.orm import Session, object_session

from botschaft.audit import service as audit
from botschaft.auth import invitations
from botschaft.core.errors import Conflict, NotFound
from botschaft.core.pagination import PageParams, paginate_rows
from botschaft.core.settings import Settings
from botschaft.identity.lookup import find_by_email, normalise_email
from botschaft.identity.models import Role, User
from botschaft.programs.schemas import (
    MemberCreate,
    MemberOut,
    MemberUpdate,
    ProgramCreate,
    ProgramOut,
    ProgramUpdate,
)
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Program, ProgramMembership, ProgramRole


@cache
def _member_counts_statement() -> Select:
    return (
        select(ProgramMembership.program_id, ProgramMembership.role, func.count())
        .where(
            ProgramMembership.program_id.in_(bindparam("programs", expanding=True)),
            ProgramMembership.is_person,
        )
        .group_by(ProgramMembership.program_id, ProgramMembership.role)
    )


def member_counts(
    session: Session, program_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, int]]:
    counts: dict[uuid.UUID, dict[str, int]] = {
        pid: {r.value: 0 for r in ProgramRole} for pid in program_ids
    }
    if not program_ids:
        return counts
    rows = session.execute(_member_counts_statement(), {"programs": program_ids})
    for program_id, role, count in rows:
        counts[program_id][ProgramRole(role).value] = count
    return counts


def program_out(
    program: Program, my_role: ProgramRole | None, counts: dict[str, int]
) -> ProgramOut:
    data = {
        field: getattr(program, field)
        for field in ProgramOut.model_fields
        if hasattr(program, field)
    }
    return ProgramOut.model_validate({**data, "my_role": my_role, "member_counts": counts})


def list_programs(session: Session, user: User, params: PageParams) -> tuple[list[ProgramOut], int]:
    """The caller's programs; administrators see every program."""
    statement = (
        select(Program, ProgramMembership.role)
        .outerjoin(
            ProgramMembership,
            (ProgramMembership.program_id == Program.id) & (ProgramMembership.user_id == user.id),
        )
        .order_by(Program.name, Program.id)
    )
    if user.role != Role.admin:
        statement = statement.where(ProgramMembership.id.is_not(None))
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.execute(statement.limit(params.per_page).offset(params.offset)).all()
    counts = member_counts(session, [program.id for program, _ in rows])
    return [program_out(program, role, counts[program.id]) for program, role in rows], total


def get_program_out(session: Session, ctx: ProgramContext) -> ProgramOut:
    return program_out(
        ctx.program, ctx.role, member_counts(session, [ctx.program.id])[ctx.program.id]
    )


def create_program(
    session: Session, data: ProgramCreate, actor: User, settings: Settings, ip: str | None
) -> Program:
    """The program and its core team and HR viewers, in the caller's one transaction: a person
    who cannot be added leaves no program behind."""
    if session.scalar(select(Program.id).where(Program.slug == data.slug)):
        raise Conflict.for_field("slug", "This short name is taken.", "duplicate")
    fields = data.model_dump(exclude_none=True, exclude={"people"})
    program = Program(**fields)
    session.add(program)
    session.flush()
    audit.record(
        session,
        "program.created",
        actor=actor,
        target_type="program",
        target_id=program.id,
        program_id=program.id,
        ip=ip,
    )
    ctx = ProgramContext(program=program, user=actor, role=None, membership=None)
    for person in data.people:
        add_member(
            session,
            ctx,
            MemberCreate(email=person.email, name=person.name, role=person.role),
            settings,
            ip,
        )
    return program


def update_program(
    session: Session, ctx: ProgramContext, data: ProgramUpdate, ip: str | None = None
) -> Program:
    program = ctx.program
    if data.version != program.version:
        raise Conflict(
            "Someone else changed this program; reload and try again.", code="version_conflict"
        )
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    starts_on = changes.get("starts_on", program.starts_on)
    ends_on = changes.get("ends_on", program.ends_on)
    if starts_on and ends_on and ends_on < starts_on:
        raise Conflict.for_field(
            "ends_on", "The end must not be before the start.", "invalid_period"
        )
    _audit_privacy_settings(session, ctx, changes, ip)
    for field, value in changes.items():
        if value is None and field in (
            "name",
            "description",
            "hashtags",
            "platforms",
            "timezone",
            "target_posts_per_month",
            "min_group_size",
            "rankings_enabled",
        ):
            continue  # null means "leave as is" for required settings
        setattr(program, field, value)
    session.flush()
    return program


def _audit_privacy_settings(
    session: Session, ctx: ProgramContext, changes: dict, ip: str | None
) -> None:
    """What HR leadership sees changes (kpis/privacy.py): the staff council may ask who did it."""
    program = ctx.program
    common = dict(
        actor=ctx.user, target_type="program", target_id=program.id, program_id=program.id, ip=ip
    )
    rankings = changes.get("rankings_enabled")
    if rankings is not None and rankings != program.rankings_enabled:
        audit.record(
            session, "program.rankings_changed", details={"rankings_enabled": rankings}, **common
        )
    minimum = changes.get("min_group_size")
    if minimum is not None and minimum != program.min_group_size:
        audit.record(
            session, "program.min_group_size_changed", details={"min_group_size": minimum}, **common
        )


def _member_out(
    membership: ProgramMembership,
    user: User,
    access: tuple[invitations.Access, datetime | None] | None = None,
) -> MemberOut:
    if access is None:
        access = invitations.access_states(object_session(user), [user])[user.id]
    return MemberOut(
        id=membership.id,
        user_id=user.id,
        name=user.name,
        email=user.email,
        role=membership.role,
        occupation=membership.occupation,
        department=membership.department,
        occupation_group=membership.occupation_group,
        joined_at=membership.joined_at,
        cohort_id=membership.cohort_id,
        status=membership.status,
        access=access[0],
        invitation_expires_at=access[1],
    )


@cache
def _members_statement(by_role: bool, search: bool) -> Select:
    """The members list, built once per kind of question (parameters: program_id, and role
    and pattern where asked): see auth.sessions.lookup."""
    statement = (
        select(ProgramMembership, User)
        .join(User, User.id == ProgramMembership.user_id)
        .where(ProgramMembership.program_id == bindparam("program_id"))
        .order_by(func.lower(User.name), ProgramMembership.id)
    )
    if by_role:
        statement = statement.where(ProgramMembership.role == bindparam("role"))
    if search:
        pattern = bindparam("pattern")
        statement = statement.where(
            or_(
                func.lower(User.name).like(pattern),
                User.email.like(pattern),
                func.lower(ProgramMembership.occupation).like(pattern),
            )
        )
    return statement


def list_members(
    session: Session,
    ctx: ProgramContext,
    params: PageParams,
    role: ProgramRole | None,
    q: str | None,
) -> tuple[list[MemberOut], int]:
    statement = _members_statement(role is not None, bool(q))
    values = {"program_id": ctx.program.id, "role": role, "pattern": f"%{(q or '').lower()}%"}
    rows, total = paginate_rows(session, statement, params, values)
    access = invitations.access_states(session, [u for _, u in rows])
    return [_member_out(m, u, access[u.id]) for m, u in rows], total


_ACCOUNT_ROLE = {
    ProgramRole.core_team: Role.core_team,
    ProgramRole.influencer: Role.influencer,
    ProgramRole.hr_viewer: Role.hr_viewer,
}


def add_member(
    session: Session, ctx: ProgramContext, data: MemberCreate, settings: Settings, ip: str | None
) -> MemberOut:
    """Adds an existing account, or creates one; a person who cannot get in yet is emailed an
    invitation (a link to set a password, or to the SSO sign-in)."""
    email = normalise_email(data.email)
    user = find_by_email(session, email)
    if user is None:
        user = User(email=email, name=data.name, role=_ACCOUNT_ROLE[data.role])
        session.add(user)
        session.flush()
        audit.record(
            session,
            "user.created",
            actor=ctx.user,
            target_type="user",
            target_id=user.id,
            ip=ip,
            program_id=ctx.program.id,
            details={"email": email, "role": user.role.value},
        )
    exists = session.scalar(
        select(ProgramMembership.id).where(
            ProgramMembership.program_id == ctx.program.id, ProgramMembership.user_id == user.id
        )
    )
    if exists:
        raise Conflict.for_field(
            "email", "This person is already a member of the program.", "duplicate"
        )
    membership = ProgramMembership(
        program_id=ctx.program.id,
        user_id=user.id,
        role=data.role,
        occupation=data.occupation,
        department=data.department,
        occupation_group=data.occupation_group,
    )
    session.add(membership)
    session.flush()
    audit.record(
        session,
        "program.member_added",
        actor=ctx.user,
        target_type="user",
        target_id=user.id,
        program_id=ctx.program.id,
        ip=ip,
        details={"role": data.role.value},
    )
    if invitations.needs_invitation(user):
        invitations.send_invitation(
            session,
            user,
            settings,
            actor=ctx.user,
            ip=ip,
            program_name=ctx.program.name,
            program_id=ctx.program.id,
        )
    return _member_out(membership, user)


def resend_invitation(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID, settings: Settings, ip: str | None
) -> MemberOut:
    """A new invitation for a member who has not got in yet (the old link stops working)."""
    membership, user = _membership(session, ctx, member_id)
    invitations.send_invitation(
        session,
        user,
        settings,
        actor=ctx.user,
        ip=ip,
        program_name=ctx.program.name,
        program_id=ctx.program.id,
        resent=True,
    )
    return _member_out(membership, user)


def _membership(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID
) -> tuple[ProgramMembership, User]:
    row = session.execute(
        select(ProgramMembership, User)
        .join(User, User.id == ProgramMembership.user_id)
        .where(ProgramMembership.id == member_id, ProgramMembership.program_id == ctx.program.id)
    ).first()
    if row is None:
        raise NotFound("No such member in this program.")
    return row[0], row[1]


def _ensure_core_team_remains(
    session: Session, ctx: ProgramContext, membership: ProgramMembership
) -> None:
    if membership.role != ProgramRole.core_team:
        return
    others = session.scalar(
        select(func.count()).where(
            ProgramMembership.program_id == ctx.program.id,
            ProgramMembership.role == ProgramRole.core_team,
            ProgramMembership.id != membership.id,
            ProgramMembership.is_person,
        )
    )
    if not others:
        raise Conflict.for_field(
            "role", "A program needs at least one core-team member.", "last_core_team"
        )


def update_member(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID, data: MemberUpdate, ip: str | None
) -> MemberOut:
    membership, user = _membership(session, ctx, member_id)
    changes = data.model_dump(exclude_unset=True)
    new_role = changes.get("role")
    if new_role and new_role != membership.role:
        _ensure_core_team_remains(session, ctx, membership)
        audit.record(
            session,
            "program.member_role_changed",
            actor=ctx.user,
            target_type="user",
            target_id=user.id,
            program_id=ctx.program.id,
            ip=ip,
            details={"from": membership.role.value, "to": new_role.value},
        )
    for field, value in changes.items():
        if field == "role" and value is None:
            continue
        setattr(membership, field, value)
    session.flush()
    return _member_out(membership, user)


def remove_member(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID, ip: str | None
) -> None:
    membership, user = _membership(session, ctx, member_id)
    _ensure_core_team_remains(session, ctx, membership)
    session.delete(membership)
    audit.record(
        session,
        "program.member_removed",
        actor=ctx.user,
        target_type="user",
        target_id=user.id,
        program_id=ctx.program.id,
        ip=ip,
    )
