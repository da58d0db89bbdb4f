"""Reminder emails an influencer asked for: "your month so far" with a link to log a post.

Off unless the person turns it on (per program). Weekly ones go out on Monday, monthly ones on
the first working day from the 15th on, each from 08:00 in the program's time zone and once.
Only the person's own figures: never another person's, never a ranking."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.core.settings import Settings
from botschaft.identity.models import User
from botschaft.kpis import service as kpis
from botschaft.notifications.service import send_email
from botschaft.nudges.models import Frequency, NudgePreference
from botschaft.nudges.schemas import NudgeOut
from botschaft.posts.service import program_today
from botschaft.reports.document import month_name
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import MembershipStatus, Program, ProgramMembership, ProgramRole

SEND_FROM_HOUR = 8


def _monthly_day(year: int, month: int) -> date:
    day = date(year, month, 15)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def next_day(frequency: Frequency, today: date, last_sent_on: date | None) -> date | None:
    """The day the next email goes out, from `today` on."""
    if frequency == Frequency.off:
        return None
    if frequency == Frequency.weekly:
        day = today + timedelta(days=(7 - today.weekday()) % 7)
        return day if last_sent_on != day else day + timedelta(days=7)
    day = _monthly_day(today.year, today.month)
    if day < today or last_sent_on == day:
        following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        day = _monthly_day(following.year, following.month)
    return day


def readable(ctx: ProgramContext):
    """The caller's own reminder choice in this program, and nobody else's: a nudge is personal,
    so no one (the core team neither) reads another person's. Every read with a program context
    starts here; the hourly job (send_due) reads every due choice without one."""
    return select(NudgePreference).where(NudgePreference.membership_id == ctx.membership.id)


def _preference(session: Session, ctx: ProgramContext) -> NudgePreference | None:
    return session.scalar(readable(ctx))


def _out(ctx: ProgramContext, preference: NudgePreference | None) -> NudgeOut:
    frequency = preference.frequency if preference else Frequency.off
    last = preference.last_sent_on if preference else None
    return NudgeOut(
        frequency=frequency, next_on=next_day(frequency, program_today(ctx.program), last)
    )


def get(session: Session, ctx: ProgramContext) -> NudgeOut:
    return _out(ctx, _preference(session, ctx))


def choose(session: Session, ctx: ProgramContext, frequency: Frequency) -> NudgeOut:
    preference = _preference(session, ctx)
    if preference is None:
        preference = NudgePreference(membership_id=ctx.membership.id)
        session.add(preference)
    preference.frequency = frequency
    session.flush()
    return _out(ctx, preference)


def _due(preference: NudgePreference, local: datetime) -> bool:
    today = local.date()
    if local.hour < SEND_FROM_HOUR or preference.last_sent_on == today:
        return False
    if preference.frequency == Frequency.weekly:
        return today.weekday() == 0
    return today == _monthly_day(today.year, today.month)


def send_due(session: Session, settings: Settings, now: datetime) -> int:
    rows = session.execute(
        select(NudgePreference, ProgramMembership, Program, User)
        .join(ProgramMembership, ProgramMembership.id == NudgePreference.membership_id)
        .join(Program, Program.id == ProgramMembership.program_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            NudgePreference.frequency != Frequency.off,
            ProgramMembership.role == ProgramRole.influencer,
            ProgramMembership.status == MembershipStatus.active,
            User.is_active.is_(True),
        )
        .with_for_update(of=NudgePreference, skip_locked=True)
    ).all()
    sent = 0
    for preference, membership, program, user in rows:
        local = now.astimezone(ZoneInfo(program.timezone))
        today = local.date()
        running = (program.starts_on or date.min) <= today <= (program.ends_on or date.max)
        if not running or not _due(preference, local):
            continue
        ctx = ProgramContext(
            program=program, user=user, role=membership.role, membership=membership
        )
        _send(session, ctx, settings, today)
        preference.last_sent_on = today
        sent += 1
    session.flush()
    return sent


def _send(session: Session, ctx: ProgramContext, settings: Settings, today: date) -> None:
    lang = "en" if ctx.user.locale == "en" else "de"
    mine = kpis.my_row(session, ctx, today.replace(day=1), today)
    base = settings.public_url.rstrip("/")
    send_email(
        session,
        to=ctx.user.email,
        template="nudges.month_so_far",
        locale=lang,
        context={
            "name": ctx.user.name,
            "program_name": ctx.program.name,
            "month": month_name(today.replace(day=1), lang),
            "posts": mine.posts,
            "target": ctx.program.target_posts_per_month,
            "engagements": mine.engagements,
            "link": f"{base}/p/{ctx.program.slug}/my-posts",
            "profile_link": f"{base}/profile",
        },
    )
