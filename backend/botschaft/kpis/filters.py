"""Narrowing the KPIs to one platform, cohort or team (any combination), on every KPI view.

A filter picks posts: those of the people in the cohort and team, on the platform. The facts
(kpis/facts.py) read the person rollups for it; the program rollups hold no people, so they
answer only the unfiltered view. Each combination of set fields is one statement shape
(`Shape`), built once; the values are bound parameters (`params`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cache

from sqlalchemy import (
    Select,
    and_,
    bindparam,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session

from botschaft.core.errors import Unprocessable
from botschaft.kpis.schemas import AppliedFilter, Choice, FilterChoices, FilterQuery
from botschaft.posts.models import Outcome, Post
from botschaft.programs.models import GroupEdge, GroupPeriod
from botschaft.teams.models import Team
from botschaft.tenancy.models import Cohort, Platform, Program


@dataclass(frozen=True)
class Shape:
    """Which parts of a filter are set: what a statement's shape depends on."""

    platform: bool = False
    cohort: bool = False
    team: bool = False

    @property
    def people(self) -> bool:
        return self.cohort or self.team

    def __bool__(self) -> bool:
        return self.platform or self.people


NONE = Shape()


@dataclass(frozen=True)
class KpiFilter:
    platform: Platform | None = None
    cohort_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = None
    cohort_name: str | None = None
    team_name: str | None = None

    @property
    def shape(self) -> Shape:
        return Shape(
            self.platform is not None, self.cohort_id is not None, self.team_id is not None
        )

    @property
    def params(self) -> dict:
        return {
            "filter_platform": self.platform.value if self.platform else None,
            "filter_cohort": self.cohort_id,
            "filter_team": self.team_id,
        }


NO_FILTER = KpiFilter()


def resolve_filter(session: Session, program: Program, query: FilterQuery) -> KpiFilter:
    """The filter of a request, its cohort and team checked to be the program's (422 with the
    field otherwise, as for any unknown value)."""
    platform, cohort_id, team_id = query.platform, query.cohort, query.team
    cohort_name = team_name = None
    if cohort_id is not None:
        cohort_name = session.scalar(
            select(Cohort.name).where(Cohort.id == cohort_id, Cohort.program_id == program.id)
        )
        if cohort_name is None:
            raise Unprocessable.for_field("cohort", "No such cohort in this program.", "unknown")
    if team_id is not None:
        team_name = session.scalar(
            select(Team.name).where(Team.id == team_id, Team.program_id == program.id)
        )
        if team_name is None:
            raise Unprocessable.for_field("team", "No such team in this program.", "unknown")
    return KpiFilter(platform, cohort_id, team_id, cohort_name, team_name)


def _overlaps(first, last):
    period = GroupPeriod
    return and_(
        or_(period.from_on.is_(None), period.from_on <= last),
        or_(period.to_on.is_(None), period.to_on >= first),
    )


def _belonged(member_id, group, first, last):
    """The person was in the group on some day from `first` to `last` (GroupPeriod)."""
    return exists().where(GroupPeriod.member_id == member_id, group, _overlaps(first, last))


def _period_bounds():
    return bindparam("period_from"), bindparam("period_to")


def period_values(program_id, start, end, flt: KpiFilter) -> dict:
    """The parameters of a statement built once on one period's rows: the program
    (program_id), the period (period_from, period_to, as _period_bounds) and the filter's."""
    return {"program_id": program_id, "period_from": start, "period_to": end} | flt.params


def cohorts_in_period():
    """(member_id, cohort_id): the cohort each person of the program (parameter program_id)
    belonged to last on some day of the period (parameters period_from, period_to).
    Breakdowns by cohort count a person once, for this one; they join it by hash, as one
    lookup per person took 50 ms at 43,000 people."""
    period = GroupPeriod
    latest = func.row_number().over(
        partition_by=period.member_id,
        order_by=(period.from_on.desc().nulls_last(), period.id.desc()),
    )
    ranked = (
        select(period.member_id, period.cohort_id, latest.label("n"))
        .where(
            period.cohort_id.in_(
                select(Cohort.id).where(Cohort.program_id == bindparam("program_id"))
            ),
            _overlaps(*_period_bounds()),
        )
        .subquery()
    )
    return select(ranked.c.member_id, ranked.c.cohort_id).where(ranked.c.n == 1).subquery()


def teams_in_period():
    """(member_id, team_id) of everyone in a team on some day of the period: breakdowns by
    team count a person for each."""
    period = GroupPeriod
    return (
        select(period.member_id, period.team_id)
        .where(period.team_id.is_not(None), _overlaps(*_period_bounds()))
        .distinct()
        .subquery()
    )


def in_group(member_id, shape: Shape, first=None, last=None):
    """`member_id` belonged to the filter's cohort and team on the day `first` (a column or
    a parameter), or with `last` on some day from `first` to `last`; without them, on some
    day of the period (the parameters period_from, period_to). True without a cohort or
    team: a post counts for the groups of the day it was posted (programs/history.py)."""
    if first is None:
        first, last = _period_bounds()
    last = first if last is None else last
    conditions = []
    if shape.cohort:
        cohort = GroupPeriod.cohort_id == bindparam("filter_cohort")
        conditions.append(_belonged(member_id, cohort, first, last))
    if shape.team:
        team = GroupPeriod.team_id == bindparam("filter_team")
        conditions.append(_belonged(member_id, team, first, last))
    return and_(true(), *conditions)


def edge_month(member_id, month):
    """The person's groups changed during this month (programs/history.py): their rollup row
    of the month mixes days in and out of a group, so their posts are read one by one."""
    return exists().where(GroupEdge.member_id == member_id, GroupEdge.month == month)


def selects(member_id, day, platform, shape: Shape, rest: bool = False):
    """A row (a post, person facts of a month without a change of group) of `day` is in the
    filter, or with `rest` outside it: what an unfiltered view adds to the filtered one.
    Without a day, its person belonged to the groups on some day of the period (follower
    counts). `platform` is the row's platform column (the key of person facts of the
    platform dimension)."""
    condition = in_group(member_id, shape, day)
    if shape.platform:
        condition = and_(condition, platform == bindparam("filter_platform"))
    return not_(condition) if rest else condition


def facts_dimension(dimension: str, shape: Shape) -> str:
    """The person-rollup dimension that answers `dimension` under the filter: with a
    platform, all posts are those of the platform's rows. Formats per platform are not
    rolled up (callers read posts for them)."""
    if shape.platform and dimension == "all":
        return "platform"
    return dimension


def applied(flt: KpiFilter) -> AppliedFilter:
    return AppliedFilter(
        platform=flt.platform.value if flt.platform else None,
        cohort_id=flt.cohort_id,
        cohort=flt.cohort_name,
        team_id=flt.team_id,
        team=flt.team_name,
    )


def audit_details(flt: KpiFilter) -> dict[str, str]:
    """The filter of an export, for its audit entry (the names as they were then)."""
    found = {"platform": flt.platform, "cohort": flt.cohort_name, "team": flt.team_name}
    return {key: str(value) for key, value in found.items() if value is not None}


@cache
def _choices_statement() -> Select:
    program_id = bindparam("program_id")
    groups = union_all(
        select(literal("cohort").label("kind"), Cohort.id, Cohort.name).where(
            Cohort.program_id == program_id
        ),
        select(literal("team").label("kind"), Team.id, Team.name).where(
            Team.program_id == program_id
        ),
    ).subquery()
    return select(groups).order_by(groups.c.kind, groups.c.name)


def choices(session: Session, program: Program) -> FilterChoices:
    """The program's platforms, cohorts and teams, by name."""
    rows = session.execute(_choices_statement(), {"program_id": program.id}).all()
    return FilterChoices(
        platforms=list(program.platforms or []),
        cohorts=[Choice(id=i, name=n) for kind, i, n in rows if kind == "cohort"],
        teams=[Choice(id=i, name=n) for kind, i, n in rows if kind == "team"],
    )


def attributed_in(member_id, day, post_id, shape: Shape):
    """Something attributed to a person and perhaps a post (an outcome, a question) is in the
    filter: its person in the cohort and team on its day; with a platform, only what was
    recorded with a post on it (it has no platform of its own)."""
    condition = in_group(member_id, shape, day)
    if shape.platform:
        on_platform = select(Post.id).where(Post.platform == bindparam("filter_platform"))
        condition = condition & post_id.in_(on_platform)
    return condition


def outcome_in(shape: Shape):
    return attributed_in(Outcome.member_id, Outcome.occurred_on, Outcome.post_id, shape)
