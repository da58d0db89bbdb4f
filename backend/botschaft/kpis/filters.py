"""Narrowing the KPIs to one platform, cohort or team (any combination), on every KPI view.

A filter picks posts: those of the people in the cohort and team, on the platform. The facts
(kpis/facts.py) read the person rollups for it; the program rollups hold no people, so they
answer only the unfiltered view. Each combination of set fields is one statement shape
(`Shape`), built once; the values are bound parameters (`params`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import and_, bindparam, not_, select, true
from sqlalchemy.orm import Session

from botschaft.core.errors import Unprocessable
from botschaft.kpis.schemas import AppliedFilter, Choice, FilterChoices, FilterQuery
from botschaft.posts.models import Outcome, Post
from botschaft.programs.models import Cohort, Platform, Program, ProgramMembership
from botschaft.teams.models import Team, TeamMember


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


def in_group(member_id, shape: Shape):
    """`member_id` is one of the people of the filter's cohort and team (true without them)."""
    conditions = []
    if shape.cohort:
        conditions.append(
            member_id.in_(
                select(ProgramMembership.id).where(
                    ProgramMembership.cohort_id == bindparam("filter_cohort")
                )
            )
        )
    if shape.team:
        conditions.append(
            member_id.in_(
                select(TeamMember.member_id).where(TeamMember.team_id == bindparam("filter_team"))
            )
        )
    return and_(true(), *conditions)


def selects(member_id, platform, shape: Shape, rest: bool = False):
    """A row (person facts, a post, a follower count) is in the filter, or with `rest` outside
    it: what an unfiltered view adds to the filtered one. `platform` is the row's platform
    column (the key of person facts of the platform dimension)."""
    condition = in_group(member_id, shape)
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


def choices(session: Session, program: Program) -> FilterChoices:
    """The program's platforms, cohorts and teams, by name."""
    cohorts = session.execute(
        select(Cohort.id, Cohort.name).where(Cohort.program_id == program.id).order_by(Cohort.name)
    ).all()
    teams = session.execute(
        select(Team.id, Team.name).where(Team.program_id == program.id).order_by(Team.name)
    ).all()
    return FilterChoices(
        platforms=list(program.platforms or []),
        cohorts=[Choice(id=i, name=n) for i, n in cohorts],
        teams=[Choice(id=i, name=n) for i, n in teams],
    )


def attributed_in(member_id, post_id, shape: Shape):
    """Something attributed to a person and perhaps a post (an outcome, a question) is in the
    filter: its person in the cohort and team; with a platform, only what was recorded with a
    post on it (it has no platform of its own)."""
    condition = in_group(member_id, shape)
    if shape.platform:
        on_platform = select(Post.id).where(Post.platform == bindparam("filter_platform"))
        condition = condition & post_id.in_(on_platform)
    return condition


def outcome_in(shape: Shape):
    return attributed_in(Outcome.member_id, Outcome.post_id, shape)
