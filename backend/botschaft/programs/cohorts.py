"""Cohorts and the influencer lifecycle (pause, return, leave, re-call): schemas and service."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.core.errors import Conflict, NotFound, Unprocessable
from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import Text
from botschaft.identity.models import User
from botschaft.programs import history
from botschaft.programs.schemas import MemberOut
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import (
    Cohort,
    CohortKind,
    MembershipStatus,
    ProgramMembership,
    ProgramRole,
)
from botschaft.tenancy.scope import may_see

Name = Annotated[Text, StringConstraints(min_length=1, max_length=200)]


class CohortOut(OutputModel):
    id: uuid.UUID
    name: str
    kind: CohortKind
    starts_on: date | None
    ends_on: date | None
    version: int
    member_count: int = 0


class _CohortFields(InputModel):
    kind: CohortKind | None = None
    starts_on: date | None = None
    ends_on: date | None = None

    @model_validator(mode="after")
    def _period(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        return self


class CohortCreate(_CohortFields):
    name: Name


class CohortUpdate(_CohortFields):
    version: int = Field(ge=1)
    name: Name | None = None


class CohortAssign(InputModel):
    cohort_id: uuid.UUID | None


class MemberStatusChange(InputModel):
    status: MembershipStatus


def _cohort(session: Session, ctx: ProgramContext, cohort_id: uuid.UUID) -> Cohort:
    cohort = session.get(Cohort, cohort_id)
    if cohort is None or cohort.program_id != ctx.program.id:
        raise NotFound("No such cohort.")
    return cohort


def _out(session: Session, cohort: Cohort) -> CohortOut:
    count = len(
        session.scalars(
            select(ProgramMembership.id).where(ProgramMembership.cohort_id == cohort.id)
        ).all()
    )
    return CohortOut.model_validate(cohort).model_copy(update={"member_count": count})


def list_cohorts(session: Session, ctx: ProgramContext) -> list[CohortOut]:
    cohorts = session.scalars(
        select(Cohort)
        .where(Cohort.program_id == ctx.program.id)
        .order_by(Cohort.starts_on.is_(None), Cohort.starts_on, Cohort.name)
    ).all()
    return [_out(session, c) for c in cohorts]


def _unique_name(session: Session, ctx: ProgramContext, name: str, exclude=None) -> None:
    statement = select(Cohort.id).where(Cohort.program_id == ctx.program.id, Cohort.name == name)
    if exclude is not None:
        statement = statement.where(Cohort.id != exclude)
    if session.scalar(statement):
        raise Conflict.for_field("name", "A cohort with this name exists.", "duplicate")


def create_cohort(session: Session, ctx: ProgramContext, data: CohortCreate) -> CohortOut:
    _unique_name(session, ctx, data.name)
    cohort = Cohort(program_id=ctx.program.id, **data.model_dump(exclude_none=True))
    session.add(cohort)
    session.flush()
    return _out(session, cohort)


def update_cohort(
    session: Session, ctx: ProgramContext, cohort_id: uuid.UUID, data: CohortUpdate
) -> CohortOut:
    cohort = _cohort(session, ctx, cohort_id)
    if data.version != cohort.version:
        raise Conflict("Someone else changed this cohort; reload.", code="version_conflict")
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    if changes.get("name"):
        _unique_name(session, ctx, changes["name"], exclude=cohort.id)
    starts = changes.get("starts_on", cohort.starts_on)
    ends = changes.get("ends_on", cohort.ends_on)
    if starts and ends and ends < starts:
        raise Unprocessable.for_field("ends_on", "The end must not be before the start.")
    for field, value in changes.items():
        if value is None and field in ("name", "kind"):
            continue
        setattr(cohort, field, value)
    session.flush()
    return _out(session, cohort)


def delete_cohort(session: Session, ctx: ProgramContext, cohort_id: uuid.UUID) -> None:
    cohort = _cohort(session, ctx, cohort_id)
    for membership in session.scalars(
        select(ProgramMembership).where(ProgramMembership.cohort_id == cohort.id)
    ):
        membership.cohort_id = None
    session.delete(cohort)
    session.flush()


def _influencer(session: Session, ctx: ProgramContext, member_id: uuid.UUID):
    row = session.execute(
        select(ProgramMembership, User)
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            ProgramMembership.id == member_id,
            ProgramMembership.program_id == ctx.program.id,
        )
    ).first()
    if row is None:
        raise NotFound("No such member.")
    # An influencer only ever reaches their own membership; another's is simply not there.
    if not may_see(ctx, member_id):
        raise NotFound("No such member.")
    membership, user = row
    if membership.role != ProgramRole.influencer:
        raise Unprocessable("Only influencers belong to cohorts and have a lifecycle.")
    return membership, user


def _member_out(membership: ProgramMembership, user: User) -> MemberOut:
    from botschaft.programs.service import _member_out as out

    return out(membership, user)


def assign_cohort(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID, data: CohortAssign, ip
) -> MemberOut:
    membership, user = _influencer(session, ctx, member_id)
    if data.cohort_id is not None:
        cohort = session.get(Cohort, data.cohort_id)
        if cohort is None or cohort.program_id != ctx.program.id:
            raise Unprocessable.for_field("cohort_id", "No such cohort in this program.")
        if membership.status == MembershipStatus.alumni:
            if cohort.kind != CohortKind.recall:
                raise Conflict.for_field(
                    "cohort_id", "Alumni can only be invited to a re-call cohort.", "alumni"
                )
            membership.status = MembershipStatus.active  # invited back for the re-call
    history.set_cohort(session, membership, data.cohort_id, ctx.program.today())
    audit.record(
        session,
        "program.member_cohort_changed",
        actor=ctx.user,
        target_type="user",
        target_id=user.id,
        program_id=ctx.program.id,
        ip=ip,
        details={"cohort_id": str(data.cohort_id) if data.cohort_id else None},
    )
    session.flush()
    return _member_out(membership, user)


def change_status(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID, data: MemberStatusChange, ip
) -> MemberOut:
    """Pause, return or leave. History stays: nothing is deleted, figures keep counting."""
    membership, user = _influencer(session, ctx, member_id)
    old = membership.status
    if (
        old == MembershipStatus.alumni
        and data.status != MembershipStatus.alumni
        and not ctx.is_core_team
    ):
        raise Conflict.for_field(
            "status",
            "You have left the program; the core team can invite you to a re-call.",
            "alumni",
        )
    if old != data.status:
        membership.status = data.status
        audit.record(
            session,
            "program.member_status_changed",
            actor=ctx.user,
            target_type="user",
            target_id=user.id,
            program_id=ctx.program.id,
            ip=ip,
            details={"from": old.value, "to": data.status.value},
        )
    session.flush()
    return _member_out(membership, user)
