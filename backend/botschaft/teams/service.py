"""Teams inside a program: an audience for meetings and a breakdown in the KPIs."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from botschaft.core.errors import Conflict, NotFound, Unprocessable
from botschaft.programs import history
from botschaft.teams.models import Team, TeamMember
from botschaft.teams.schemas import TeamCreate, TeamMembers, TeamOut, TeamUpdate
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Cohort, ProgramMembership, ProgramRole


def member_ids(session: Session, team_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        session.scalars(
            select(TeamMember.member_id)
            .where(TeamMember.team_id == team_id)
            .order_by(TeamMember.member_id)
        )
    )


def _out(session: Session, team: Team) -> TeamOut:
    return TeamOut(
        id=team.id,
        name=team.name,
        profile=team.profile,
        cohort_id=team.cohort_id,
        member_ids=member_ids(session, team.id),
        version=team.version,
    )


def get_team(session: Session, ctx: ProgramContext, team_id: uuid.UUID) -> Team:
    team = session.get(Team, team_id)
    if team is None or team.program_id != ctx.program.id:
        raise NotFound("No such team.")
    return team


def _check_cohort(session: Session, ctx: ProgramContext, cohort_id) -> None:
    if cohort_id is None:
        return
    cohort = session.get(Cohort, cohort_id)
    if cohort is None or cohort.program_id != ctx.program.id:
        raise Unprocessable.for_field("cohort_id", "No such cohort in this program.")


def _unique(session: Session, ctx: ProgramContext, name: str, exclude=None) -> None:
    statement = select(Team.id).where(Team.program_id == ctx.program.id, Team.name == name)
    if exclude is not None:
        statement = statement.where(Team.id != exclude)
    if session.scalar(statement):
        raise Conflict.for_field("name", "A team with this name exists.", "duplicate")


def readable(ctx: ProgramContext):
    """The program's teams; every read of teams starts here."""
    return select(Team).where(Team.program_id == ctx.program.id)


def list_teams(session: Session, ctx: ProgramContext) -> list[TeamOut]:
    teams = session.scalars(readable(ctx).order_by(Team.name)).all()
    return [_out(session, t) for t in teams]


def create_team(session: Session, ctx: ProgramContext, data: TeamCreate) -> TeamOut:
    _check_cohort(session, ctx, data.cohort_id)
    _unique(session, ctx, data.name)
    team = Team(program_id=ctx.program.id, **data.model_dump())
    session.add(team)
    session.flush()
    return _out(session, team)


def update_team(
    session: Session, ctx: ProgramContext, team_id: uuid.UUID, data: TeamUpdate
) -> TeamOut:
    team = get_team(session, ctx, team_id)
    if data.version != team.version:
        raise Conflict("Someone else changed this team; reload.", code="version_conflict")
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    if "cohort_id" in changes:
        _check_cohort(session, ctx, changes["cohort_id"])
    if changes.get("name"):
        _unique(session, ctx, changes["name"], exclude=team.id)
    for field, value in changes.items():
        if value is None and field in ("name", "profile"):
            continue
        setattr(team, field, value)
    session.flush()
    return _out(session, team)


def delete_team(session: Session, ctx: ProgramContext, team_id: uuid.UUID) -> None:
    session.delete(get_team(session, ctx, team_id))
    session.flush()


def set_members(
    session: Session, ctx: ProgramContext, team_id: uuid.UUID, data: TeamMembers
) -> TeamOut:
    team = get_team(session, ctx, team_id)
    wanted = set(data.member_ids)
    found = set(
        session.scalars(
            select(ProgramMembership.id).where(
                ProgramMembership.id.in_(wanted),
                ProgramMembership.program_id == ctx.program.id,
                ProgramMembership.role == ProgramRole.influencer,
                ProgramMembership.is_person,
            )
        )
    )
    if wanted - found:
        raise Unprocessable.for_field(
            "member_ids", "Only influencers of this program can be in a team.", "not_member"
        )
    before = session.scalars(select(TeamMember.member_id).where(TeamMember.team_id == team.id))
    history.set_team(session, team.id, before.all(), wanted, ctx.program.today())
    session.execute(delete(TeamMember).where(TeamMember.team_id == team.id))
    session.add_all(TeamMember(team_id=team.id, member_id=m) for m in sorted(wanted))
    session.flush()
    return _out(session, team)
