"""One influencer for the core team: profile, figures over their time in the program, and the
core team's private support notes (audited; never shown to HR or to the person)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.core.errors import Forbidden, NotFound
from botschaft.followers import service as followers
from botschaft.identity.models import User
from botschaft.influencers.models import SupportNote
from botschaft.influencers.schemas import (
    GroupPeriodOut,
    InfluencerProfile,
    MonthPosts,
    NoteIn,
    NoteOut,
    OutcomeLine,
)
from botschaft.kpis import service as kpis
from botschaft.posts.models import ENGAGEMENTS, Outcome, Post
from botschaft.posts.service import program_today
from botschaft.programs.models import GroupPeriod
from botschaft.teams.models import Team, TeamMember
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Cohort, ProgramMembership, ProgramRole


def _influencer(session: Session, ctx: ProgramContext, member_id: uuid.UUID):
    row = session.execute(
        select(ProgramMembership, User)
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            ProgramMembership.id == member_id,
            ProgramMembership.program_id == ctx.program.id,
            ProgramMembership.role == ProgramRole.influencer,
        )
    ).first()
    if row is None:
        raise NotFound("No such influencer in this program.")
    return row


def _months(start: date, end: date) -> list[str]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(f"{day:%Y-%m}")
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def _engagements_by_month(
    session: Session, member_id: uuid.UUID, start: date, end: date
) -> dict[str, int]:
    # One person's posts of the period (a few hundred at most): summed here by month, the same
    # posts the figures count, so the trend and the totals cannot disagree.
    rows = session.execute(
        select(Post.published_on, ENGAGEMENTS).where(
            Post.member_id == member_id, Post.published_on.between(start, end)
        )
    ).all()
    by_month: dict[str, int] = {}
    for day, engagements in rows:
        by_month[f"{day:%Y-%m}"] = by_month.get(f"{day:%Y-%m}", 0) + engagements
    return by_month


def profile(session: Session, ctx: ProgramContext, member_id: uuid.UUID) -> InfluencerProfile:
    membership, user = _influencer(session, ctx, member_id)
    program = ctx.program
    today = program_today(program)
    # The months the person was in the program: from joining (or the start) to today (or the end).
    start = max(program.starts_on or date.min, membership.joined_at.date())
    end = min(program.ends_on or today, today)
    start = min(start, end)
    [figures], _ = kpis.influencer_rows(session, program, start, end, None, member_id=membership.id)
    cohort = (
        session.scalar(select(Cohort.name).where(Cohort.id == membership.cohort_id))
        if membership.cohort_id
        else None
    )
    teams = session.scalars(
        select(Team.name)
        .join(TeamMember, TeamMember.team_id == Team.id)
        .where(TeamMember.member_id == membership.id)
        .order_by(Team.name)
    ).all()
    groups = session.execute(
        select(Cohort.name, Team.name, GroupPeriod.from_on, GroupPeriod.to_on)
        .outerjoin(Cohort, Cohort.id == GroupPeriod.cohort_id)
        .outerjoin(Team, Team.id == GroupPeriod.team_id)
        .where(GroupPeriod.member_id == membership.id)
    ).all()
    outcomes = session.execute(
        select(Outcome.id, Outcome.type, Outcome.occurred_on, Outcome.note)
        .where(Outcome.member_id == membership.id)
        .order_by(Outcome.occurred_on.desc())
    ).all()
    months = _months(start, end)
    engaged = _engagements_by_month(session, membership.id, start, end)
    return InfluencerProfile(
        member_id=membership.id,
        name=user.name,
        email=user.email,
        occupation=membership.occupation,
        department=membership.department,
        occupation_group=membership.occupation_group,
        cohort=cohort,
        teams=list(teams),
        groups=sorted(
            (
                GroupPeriodOut(
                    kind="cohort" if cohort_name else "team",
                    name=cohort_name or team_name,
                    from_on=from_on,
                    to_on=to_on,
                )
                for cohort_name, team_name, from_on, to_on in groups
            ),
            key=lambda g: (g.from_on or date.min, g.kind, g.name),
        ),
        status=membership.status,
        joined_at=membership.joined_at,
        period_from=start,
        period_to=end,
        figures=figures,
        months=[
            MonthPosts(
                month=m,
                posts=n,
                engagements=engaged.get(m, 0),
                engagements_per_post=round(engaged.get(m, 0) / n, 1) if n else None,
            )
            for m, n in zip(months, figures.monthly_posts, strict=False)
        ],
        outcomes=[
            OutcomeLine(id=o.id, type=o.type, occurred_on=o.occurred_on, note=o.note)
            for o in outcomes
        ],
        platforms=list(program.platforms or []),
        profiles=followers.profiles(session, membership.id),
        followers=followers.lines(session, membership.id),
    )


def _note_out(note: SupportNote, author: str | None, ctx: ProgramContext) -> NoteOut:
    return NoteOut(
        id=note.id,
        text=note.text,
        author_name=author,
        mine=note.author_id == ctx.user.id,
        created_at=note.created_at,
        updated_at=note.updated_at,
    )


def readable_notes(ctx: ProgramContext):
    """The support notes about the program's people: the core team reads them all; nobody else
    any (never HR leadership, never the person). Every read of notes starts here."""
    query = (
        select(SupportNote)
        .join(ProgramMembership, ProgramMembership.id == SupportNote.membership_id)
        .where(ProgramMembership.program_id == ctx.program.id)
    )
    return query if ctx.is_core_team else query.where(false())


def notes(session: Session, ctx: ProgramContext, member_id: uuid.UUID) -> list[NoteOut]:
    membership, _ = _influencer(session, ctx, member_id)
    rows = session.execute(
        readable_notes(ctx)
        .add_columns(User.name)
        .outerjoin(User, User.id == SupportNote.author_id)
        .where(SupportNote.membership_id == membership.id)
        .order_by(SupportNote.created_at.desc(), SupportNote.id.desc())
    ).all()
    return [_note_out(note, author, ctx) for note, author in rows]


def _audit(session: Session, ctx: ProgramContext, action: str, person: User, ip: str | None):
    # Who wrote about whom and when; never the note itself.
    audit.record(
        session,
        action,
        actor=ctx.user,
        target_type="user",
        target_id=person.id,
        program_id=ctx.program.id,
        ip=ip,
    )


def add_note(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID, data: NoteIn, ip: str | None
) -> NoteOut:
    membership, person = _influencer(session, ctx, member_id)
    note = SupportNote(membership_id=membership.id, author_id=ctx.user.id, text=data.text)
    session.add(note)
    session.flush()
    _audit(session, ctx, "support_note.created", person, ip)
    return _note_out(note, ctx.user.name, ctx)


def _own_note(session: Session, ctx: ProgramContext, member_id: uuid.UUID, note_id: uuid.UUID):
    membership, person = _influencer(session, ctx, member_id)
    note = session.scalar(
        readable_notes(ctx).where(
            SupportNote.id == note_id, SupportNote.membership_id == membership.id
        )
    )
    if note is None:
        raise NotFound("No such note.")
    if note.author_id != ctx.user.id:
        raise Forbidden("Only the author changes or deletes a note.", code="not_author")
    return note, person


def edit_note(
    session: Session,
    ctx: ProgramContext,
    member_id: uuid.UUID,
    note_id: uuid.UUID,
    data: NoteIn,
    ip: str | None,
) -> NoteOut:
    note, person = _own_note(session, ctx, member_id, note_id)
    note.text = data.text
    session.flush()
    _audit(session, ctx, "support_note.updated", person, ip)
    return _note_out(note, ctx.user.name, ctx)


def delete_note(
    session: Session, ctx: ProgramContext, member_id: uuid.UUID, note_id: uuid.UUID, ip: str | None
) -> None:
    note, person = _own_note(session, ctx, member_id, note_id)
    session.delete(note)
    session.flush()
    _audit(session, ctx, "support_note.deleted", person, ip)
