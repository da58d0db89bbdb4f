"""What needs the core team now: one read per item, whatever the program's size (no query per
row), from the domains' own models. Dates are the program's (its time zone)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from sqlalchemy import Select, and_, bindparam, exists, func, or_, select
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
    month = local_today.replace(day=1)
    # Every statement below is built once (see auth.sessions.lookup) and takes its values
    # from this one set of parameters.
    values = {
        "program_id": ctx.program.id,
        "user_id": ctx.user.id,
        "now": now,
        "soon": now + SOON,
        "look_back": now - LOOK_BACK,
        "recent": now - SOON,
        "day": local_today,
        "cutoff": local_today - timedelta(weeks=quiet_weeks),
    }

    def rows(statement: Select) -> list:
        return list(session.execute(statement, values))

    def count(statement: Select) -> int:
        return session.scalar(statement, values) or 0

    return out.TodayOut(
        applications_to_review=count(_to_review()),
        open_rounds=[out.RoundItem(id=r.id, name=r.name) for r in rows(_open_rounds())],
        new_requests=count(_new_requests()),
        meetings_missing_rsvp=[
            out.MeetingItem(id=r.id, title=r.title, starts_at=r.starts_at, pending=r.pending)
            for r in rows(_missing_rsvp())
        ],
        meetings_without_attendance=[
            out.MeetingItem(id=r.id, title=r.title, starts_at=r.starts_at)
            for r in rows(_without_attendance())
        ],
        overdue_modules=_modules_behind(rows(_overdue_modules())),
        quiet_weeks=quiet_weeks,
        quiet_influencers=_quiet_people(rows(_quiet()), values["cutoff"]),
        expiring_briefings=[
            out.BriefingItem(id=r.id, title=r.title, expires_at=r.expires_at)
            for r in rows(_expiring())
        ],
        recent_outcomes=[
            out.OutcomeItem(id=r.id, type=r.type, name=r.name, occurred_on=r.occurred_on)
            for r in rows(_recent_outcomes())
        ],
        pulse=_pulse(session, ctx, month, values, count(_active())),
    )


def _active_influencers():
    return (
        ProgramMembership.role == ProgramRole.influencer,
        ProgramMembership.status == MembershipStatus.active,
    )


_PROGRAM = bindparam("program_id")


@cache
def _to_review() -> Select:
    mine = exists().where(
        ApplicationReview.application_id == Application.id,
        ApplicationReview.reviewer_id == bindparam("user_id"),
    )
    return (
        select(func.count(Application.id))
        .join(Call, Call.id == Application.call_id)
        .where(
            Call.program_id == _PROGRAM,
            Call.status.in_([CallStatus.open, CallStatus.closed]),
            Application.status.in_([ApplicationStatus.submitted, ApplicationStatus.shortlisted]),
            ~mine,
        )
    )


@cache
def _new_requests() -> Select:
    return select(func.count(InboundRequest.id)).where(
        InboundRequest.program_id == _PROGRAM, InboundRequest.state == RequestState.new
    )


@cache
def _open_rounds() -> Select:
    return (
        select(SelectionRound.id, SelectionRound.name)
        .where(SelectionRound.program_id == _PROGRAM, SelectionRound.status == RoundStatus.draft)
        .order_by(SelectionRound.created_at)
    )


@cache
def _missing_rsvp() -> Select:
    pending = func.count(MeetingInvitation.id)
    return (
        select(Meeting.id, Meeting.title, Meeting.starts_at, pending.label("pending"))
        .join(MeetingInvitation, MeetingInvitation.meeting_id == Meeting.id)
        .where(
            Meeting.program_id == _PROGRAM,
            Meeting.status == MeetingStatus.scheduled,
            Meeting.starts_at.between(bindparam("now"), bindparam("soon")),
            MeetingInvitation.rsvp == Rsvp.pending,
        )
        .group_by(Meeting.id, Meeting.title, Meeting.starts_at)
        .order_by(Meeting.starts_at)
    )


@cache
def _without_attendance() -> Select:
    invited = exists().where(MeetingInvitation.meeting_id == Meeting.id)
    recorded = exists().where(
        MeetingInvitation.meeting_id == Meeting.id, MeetingInvitation.attended.is_not(None)
    )
    return (
        select(Meeting.id, Meeting.title, Meeting.starts_at)
        .where(
            Meeting.program_id == _PROGRAM,
            Meeting.status == MeetingStatus.scheduled,
            Meeting.ends_at.between(bindparam("look_back"), bindparam("now")),
            invited,
            ~recorded,
        )
        .order_by(Meeting.starts_at.desc())
        .limit(20)
    )


@cache
def _overdue_modules() -> Select:
    done = exists().where(
        ModuleProgress.module_id == Module.id,
        ModuleProgress.member_id == ProgramMembership.id,
        ModuleProgress.state == ProgressState.done,
    )
    return (
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
            Module.program_id == _PROGRAM,
            Module.due_on < bindparam("day"),
            *_active_influencers(),
            ~done,
        )
        .order_by(Module.due_on, Module.position, Module.id, func.lower(User.name))
    )


def _modules_behind(rows: list) -> list[out.ModuleItem]:
    modules: dict = {}
    for r in rows:
        item = modules.setdefault(
            r.id, out.ModuleItem(id=r.id, title=r.title, due_on=r.due_on, behind=[])
        )
        item.behind.append(out.Person(member_id=r.member, name=r.name))
    return list(modules.values())


@cache
def _quiet() -> Select:
    last = func.max(Post.published_on)
    return (
        select(ProgramMembership.id, ProgramMembership.joined_at, User.name, last.label("last"))
        .join(User, User.id == ProgramMembership.user_id)
        .outerjoin(Post, Post.member_id == ProgramMembership.id)
        .where(ProgramMembership.program_id == _PROGRAM, *_active_influencers())
        .group_by(ProgramMembership.id, ProgramMembership.joined_at, User.name)
    )


def _quiet_people(rows: list, cutoff: date) -> list[out.QuietPerson]:
    # Someone who joined recently has not been quiet for the whole time yet.
    quiet = [r for r in rows if (r.last or r.joined_at.date()) < cutoff]
    return [
        out.QuietPerson(member_id=r.id, name=r.name, last_post_on=r.last)
        for r in sorted(quiet, key=lambda r: r.name.lower())
    ]


@cache
def _expiring() -> Select:
    return (
        select(Briefing.id, Briefing.title, Briefing.expires_at)
        .where(
            Briefing.program_id == _PROGRAM,
            Briefing.status == BriefingStatus.published,
            Briefing.expires_at.between(bindparam("now"), bindparam("soon")),
        )
        .order_by(Briefing.expires_at)
    )


@cache
def _recent_outcomes() -> Select:
    return (
        select(Outcome.id, Outcome.type, Outcome.occurred_on, User.name)
        .join(ProgramMembership, ProgramMembership.id == Outcome.member_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(Outcome.program_id == _PROGRAM, Outcome.created_at >= bindparam("recent"))
        .order_by(Outcome.created_at.desc())
        .limit(20)
    )


@cache
def _sums() -> Select:
    return select(
        func.count(Post.id),
        func.coalesce(func.sum(Post.likes + Post.comments + Post.shares), 0),
    ).where(
        Post.program_id == _PROGRAM,
        Post.published_on.between(bindparam("sum_from"), bindparam("sum_to")),
    )


@cache
def _active() -> Select:
    return select(func.count(ProgramMembership.id)).where(
        ProgramMembership.program_id == _PROGRAM, *_active_influencers()
    )


def _pulse(
    session: Session, ctx: ProgramContext, month: date, values: dict, active: int
) -> out.Pulse:
    def sums(start: date, end: date) -> tuple[int, int]:
        row = session.execute(_sums(), values | {"sum_from": start, "sum_to": end}).one()
        return int(row[0]), int(row[1])

    last_month = (month - timedelta(days=1)).replace(day=1)
    posts, engagements = sums(month, values["day"])
    last_posts, last_engagements = sums(last_month, month - timedelta(days=1))
    return out.Pulse(
        month=month,
        posts=posts,
        engagements=engagements,
        last_month_posts=last_posts,
        last_month_engagements=last_engagements,
        target_posts=ctx.program.target_posts_per_month * active,
    )
