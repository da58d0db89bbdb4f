"""What needs the core team now: one read per item, whatever the program's size (no query per
row), from the domains' own models. Dates are the program's (its time zone)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from botschaft.briefings.models import Briefing, BriefingStatus
from botschaft.calls.models import (
    Application,
    ApplicationReview,
    ApplicationStatus,
    Call,
    CallStatus,
)
from botschaft.core.database import utcnow
from botschaft.identity.models import User
from botschaft.inbox.models import InboundRequest, RequestState
from botschaft.learning.models import Module, ModuleProgress, ProgressState
from botschaft.meetings.models import Meeting, MeetingInvitation, MeetingStatus, Rsvp
from botschaft.posts.models import Outcome, Post
from botschaft.posts.service import program_today
from botschaft.selection.models import RoundStatus, SelectionRound
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import MembershipStatus, ProgramMembership, ProgramRole
from botschaft.today import schemas as out

SOON = timedelta(days=7)
LOOK_BACK = timedelta(days=90)  # past meetings older than this no longer ask for attendance


def today(session: Session, ctx: ProgramContext, quiet_weeks: int) -> out.TodayOut:
    now = utcnow()
    local_today = program_today(ctx.program)
    return out.TodayOut(
        applications_to_review=_to_review(session, ctx),
        open_rounds=_open_rounds(session, ctx),
        new_requests=_new_requests(session, ctx),
        meetings_missing_rsvp=_missing_rsvp(session, ctx, now),
        meetings_without_attendance=_without_attendance(session, ctx, now),
        overdue_modules=_overdue_modules(session, ctx, local_today),
        quiet_weeks=quiet_weeks,
        quiet_influencers=_quiet(session, ctx, local_today - timedelta(weeks=quiet_weeks)),
        expiring_briefings=_expiring(session, ctx, now),
        recent_outcomes=_recent_outcomes(session, ctx, now),
        pulse=_pulse(session, ctx, local_today),
    )


def _active_influencers():
    return (
        ProgramMembership.role == ProgramRole.influencer,
        ProgramMembership.status == MembershipStatus.active,
    )


def _to_review(session: Session, ctx: ProgramContext) -> int:
    mine = exists().where(
        ApplicationReview.application_id == Application.id,
        ApplicationReview.reviewer_id == ctx.user.id,
    )
    return (
        session.scalar(
            select(func.count(Application.id))
            .join(Call, Call.id == Application.call_id)
            .where(
                Call.program_id == ctx.program.id,
                Call.status.in_([CallStatus.open, CallStatus.closed]),
                Application.status.in_(
                    [ApplicationStatus.submitted, ApplicationStatus.shortlisted]
                ),
                ~mine,
            )
        )
        or 0
    )


def _new_requests(session: Session, ctx: ProgramContext) -> int:
    return (
        session.scalar(
            select(func.count(InboundRequest.id)).where(
                InboundRequest.program_id == ctx.program.id,
                InboundRequest.state == RequestState.new,
            )
        )
        or 0
    )


def _open_rounds(session: Session, ctx: ProgramContext) -> list[out.RoundItem]:
    rows = session.execute(
        select(SelectionRound.id, SelectionRound.name)
        .where(
            SelectionRound.program_id == ctx.program.id,
            SelectionRound.status == RoundStatus.draft,
        )
        .order_by(SelectionRound.created_at)
    )
    return [out.RoundItem(id=r.id, name=r.name) for r in rows]


def _missing_rsvp(session: Session, ctx: ProgramContext, now: datetime) -> list[out.MeetingItem]:
    pending = func.count(MeetingInvitation.id)
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at, pending.label("pending"))
        .join(MeetingInvitation, MeetingInvitation.meeting_id == Meeting.id)
        .where(
            Meeting.program_id == ctx.program.id,
            Meeting.status == MeetingStatus.scheduled,
            Meeting.starts_at.between(now, now + SOON),
            MeetingInvitation.rsvp == Rsvp.pending,
        )
        .group_by(Meeting.id, Meeting.title, Meeting.starts_at)
        .order_by(Meeting.starts_at)
    )
    return [
        out.MeetingItem(id=r.id, title=r.title, starts_at=r.starts_at, pending=r.pending)
        for r in rows
    ]


def _without_attendance(
    session: Session, ctx: ProgramContext, now: datetime
) -> list[out.MeetingItem]:
    invited = exists().where(MeetingInvitation.meeting_id == Meeting.id)
    recorded = exists().where(
        MeetingInvitation.meeting_id == Meeting.id, MeetingInvitation.attended.is_not(None)
    )
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at)
        .where(
            Meeting.program_id == ctx.program.id,
            Meeting.status == MeetingStatus.scheduled,
            Meeting.ends_at.between(now - LOOK_BACK, now),
            invited,
            ~recorded,
        )
        .order_by(Meeting.starts_at.desc())
        .limit(20)
    )
    return [out.MeetingItem(id=r.id, title=r.title, starts_at=r.starts_at) for r in rows]


def _overdue_modules(session: Session, ctx: ProgramContext, day: date) -> list[out.ModuleItem]:
    done = exists().where(
        ModuleProgress.module_id == Module.id,
        ModuleProgress.member_id == ProgramMembership.id,
        ModuleProgress.state == ProgressState.done,
    )
    rows = session.execute(
        select(
            Module.id, Module.title, Module.due_on, ProgramMembership.id.label("member"), User.name
        )
        .join(
            ProgramMembership,
            and_(
                ProgramMembership.program_id == Module.program_id,
                or_(Module.cohort_id.is_(None), Module.cohort_id == ProgramMembership.cohort_id),
            ),
        )
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            Module.program_id == ctx.program.id, Module.due_on < day, *_active_influencers(), ~done
        )
        .order_by(Module.due_on, Module.position, Module.id, func.lower(User.name))
    )
    modules: dict = {}
    for r in rows:
        item = modules.setdefault(
            r.id, out.ModuleItem(id=r.id, title=r.title, due_on=r.due_on, behind=[])
        )
        item.behind.append(out.Person(member_id=r.member, name=r.name))
    return list(modules.values())


def _quiet(session: Session, ctx: ProgramContext, cutoff: date) -> list[out.QuietPerson]:
    last = func.max(Post.published_on)
    rows = session.execute(
        select(ProgramMembership.id, ProgramMembership.joined_at, User.name, last.label("last"))
        .join(User, User.id == ProgramMembership.user_id)
        .outerjoin(Post, Post.member_id == ProgramMembership.id)
        .where(ProgramMembership.program_id == ctx.program.id, *_active_influencers())
        .group_by(ProgramMembership.id, ProgramMembership.joined_at, User.name)
    )
    # Someone who joined recently has not been quiet for the whole time yet.
    quiet = [r for r in rows if (r.last or r.joined_at.date()) < cutoff]
    return [
        out.QuietPerson(member_id=r.id, name=r.name, last_post_on=r.last)
        for r in sorted(quiet, key=lambda r: r.name.lower())
    ]


def _expiring(session: Session, ctx: ProgramContext, now: datetime) -> list[out.BriefingItem]:
    rows = session.execute(
        select(Briefing.id, Briefing.title, Briefing.expires_at)
        .where(
            Briefing.program_id == ctx.program.id,
            Briefing.status == BriefingStatus.published,
            Briefing.expires_at.between(now, now + SOON),
        )
        .order_by(Briefing.expires_at)
    )
    return [out.BriefingItem(id=r.id, title=r.title, expires_at=r.expires_at) for r in rows]


def _recent_outcomes(session: Session, ctx: ProgramContext, now: datetime) -> list[out.OutcomeItem]:
    rows = session.execute(
        select(Outcome.id, Outcome.type, Outcome.occurred_on, User.name)
        .join(ProgramMembership, ProgramMembership.id == Outcome.member_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(Outcome.program_id == ctx.program.id, Outcome.created_at >= now - SOON)
        .order_by(Outcome.created_at.desc())
        .limit(20)
    )
    return [
        out.OutcomeItem(id=r.id, type=r.type, name=r.name, occurred_on=r.occurred_on) for r in rows
    ]


def _sums(session: Session, ctx: ProgramContext, start: date, end: date) -> tuple[int, int]:
    row = session.execute(
        select(
            func.count(Post.id),
            func.coalesce(func.sum(Post.likes + Post.comments + Post.shares), 0),
        ).where(Post.program_id == ctx.program.id, Post.published_on.between(start, end))
    ).one()
    return int(row[0]), int(row[1])


def _pulse(session: Session, ctx: ProgramContext, day: date) -> out.Pulse:
    month = day.replace(day=1)
    last_month = (month - timedelta(days=1)).replace(day=1)
    posts, engagements = _sums(session, ctx, month, day)
    last_posts, last_engagements = _sums(session, ctx, last_month, month - timedelta(days=1))
    active = (
        session.scalar(
            select(func.count(ProgramMembership.id)).where(
                ProgramMembership.program_id == ctx.program.id, *_active_influencers()
            )
        )
        or 0
    )
    return out.Pulse(
        month=month,
        posts=posts,
        engagements=engagements,
        last_month_posts=last_posts,
        last_month_engagements=last_engagements,
        target_posts=ctx.program.target_posts_per_month * active,
    )
