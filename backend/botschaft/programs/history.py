"""Which cohort and teams a person belonged to on which day.

Every change of a person's current groups (ProgramMembership.cohort_id, TeamMember) goes
through here, so the periods (GroupPeriod) stay in step with them. A person's first cohort
counts from the start (their posts before it have no other cohort); a move counts from the day
it is made, so what was posted before stays with the group it was posted in. The months in
which a period starts or ends on a day other than the first are written down (GroupEdge): the
KPIs read those months' posts one by one.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, delete, func, select
from sqlalchemy.orm import Session

from botschaft.core.months import month_end
from botschaft.programs.models import GroupEdge, GroupPeriod
from botschaft.tenancy.models import Cohort, ProgramMembership


def _open(session: Session, member_id: uuid.UUID, cohort_id=None, team_id=None):
    return session.scalar(
        select(GroupPeriod).where(
            GroupPeriod.member_id == member_id,
            GroupPeriod.cohort_id == cohort_id if cohort_id else GroupPeriod.team_id == team_id,
            GroupPeriod.to_on.is_(None),
        )
    )


def _join(session: Session, member_id: uuid.UUID, day: date | None, **group) -> None:
    if _open(session, member_id, **group) is None:
        session.add(GroupPeriod(member_id=member_id, from_on=day, **group))


def _leave(session: Session, member_id: uuid.UUID, day: date, **group) -> None:
    period = _open(session, member_id, **group)
    if period is None:
        return
    if period.from_on is not None and period.from_on >= day:
        session.delete(period)  # joined and left on the same day: never counted anywhere
    else:
        period.to_on = day - timedelta(days=1)


def set_cohort(
    session: Session, membership: ProgramMembership, cohort_id: uuid.UUID | None, day: date
) -> None:
    """Move a person to `cohort_id` (None: out of every cohort) from `day` on."""
    if membership.cohort_id == cohort_id:
        return
    had_cohort = session.scalar(
        select(GroupPeriod.id)
        .where(GroupPeriod.member_id == membership.id, GroupPeriod.cohort_id.is_not(None))
        .limit(1)
    )
    if membership.cohort_id is not None:
        _leave(session, membership.id, day, cohort_id=membership.cohort_id)
    if cohort_id is not None:
        _join(session, membership.id, day if had_cohort else None, cohort_id=cohort_id)
    membership.cohort_id = cohort_id
    session.flush()
    _write_edges(session, [membership.id])


def set_team(
    session: Session,
    team_id: uuid.UUID,
    before: Iterable[uuid.UUID],
    after: Iterable[uuid.UUID],
    day: date,
) -> None:
    """Record that the team's people changed from `before` to `after` on `day` (the caller
    changes TeamMember)."""
    before, after = set(before), set(after)
    for member_id in sorted(before - after):
        _leave(session, member_id, day, team_id=team_id)
    for member_id in sorted(after - before):
        _join(session, member_id, day, team_id=team_id)
    session.flush()
    _write_edges(session, sorted(before ^ after))


def _write_edges(session: Session, member_ids: list[uuid.UUID]) -> None:
    if not member_ids:
        return
    periods = session.execute(
        select(GroupPeriod.member_id, GroupPeriod.from_on, GroupPeriod.to_on).where(
            GroupPeriod.member_id.in_(member_ids)
        )
    ).all()
    edges: set[tuple[uuid.UUID, date]] = set()
    for member_id, from_on, to_on in periods:
        if from_on is not None and from_on.day != 1:
            edges.add((member_id, from_on.replace(day=1)))
        if to_on is not None and to_on != month_end(to_on):
            edges.add((member_id, to_on.replace(day=1)))
    session.execute(delete(GroupEdge).where(GroupEdge.member_id.in_(member_ids)))
    session.add_all(
        GroupEdge(member_id=m, month=month, month_end=month_end(month))
        for m, month in sorted(edges)
    )
    session.flush()


def joined_on(
    session: Session, program_id: uuid.UUID, member_id: uuid.UUID | None = None
) -> dict[uuid.UUID, date]:
    """The day each of the program's people (or only `member_id`) joined, where it is known:
    the start of their first cohort (a person moved to a re-call keeps their pilot's start).
    People without a cohort, or whose cohorts have no start day, are missing from the answer."""
    query = _joined_on_statement(member_id is not None)
    values = {"program_id": program_id, "member_id": member_id}
    return {member: day for member, day in session.execute(query, values) if day is not None}


@cache
def _joined_on_statement(one_person: bool) -> Select:
    query = (
        select(GroupPeriod.member_id, func.min(Cohort.starts_on))
        .join(Cohort, Cohort.id == GroupPeriod.cohort_id)
        .where(Cohort.program_id == bindparam("program_id"), Cohort.starts_on.is_not(None))
        .group_by(GroupPeriod.member_id)
    )
    if one_person:
        query = query.where(GroupPeriod.member_id == bindparam("member_id"))
    return query
