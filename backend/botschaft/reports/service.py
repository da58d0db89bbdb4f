"""Who gets the monthly report, when it is due, and sending it.

A report goes out on the first working day (Monday to Friday) of a month, in the program's
time zone, for the month before, to each subscriber of the core team or HR leadership, with
the figures and privacy rules of their role (HR leadership's: kpis/privacy.py). Each month is
sent once per subscriber, whichever worker runs the hourly job."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from botschaft.core.labels import Lang
from botschaft.core.months import month_end
from botschaft.core.pdf import PDF_TYPE
from botschaft.core.settings import Settings
from botschaft.identity.models import User
from botschaft.kpis import service as kpis
from botschaft.notifications.schemas import Attachment
from botschaft.notifications.service import send_email
from botschaft.posts.service import program_today
from botschaft.reports import document
from botschaft.reports.models import ReportSubscription
from botschaft.reports.schemas import SubscriptionOut
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Program, ProgramMembership, ProgramRole

log = logging.getLogger(__name__)
READERS = (ProgramRole.core_team, ProgramRole.hr_viewer)


def first_working_day(year: int, month: int) -> date:
    day = date(year, month, 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _month_before(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def _reportable(program: Program, month: date) -> bool:
    """A month the program ran in (at least one day of it)."""
    starts = program.starts_on or date.min
    ends = program.ends_on or date.max
    return starts <= month_end(month) and ends >= month


def next_report(program: Program, today: date) -> tuple[date, date] | None:
    """(the day it goes out, the month it reports on) of the next report from `today` on."""
    send_on = first_working_day(today.year, today.month)
    if send_on < today:  # this month's went out already: the next month's
        following = month_end(today) + timedelta(days=1)
        send_on = first_working_day(following.year, following.month)
    for _ in range(240):  # the program may start later: look ahead up to twenty years
        month = _month_before(send_on)
        if _reportable(program, month):
            return send_on, month
        if program.ends_on and month > program.ends_on:
            return None
        following = month_end(send_on) + timedelta(days=1)
        send_on = first_working_day(following.year, following.month)
    return None


def _out(program: Program, subscribed: bool) -> SubscriptionOut:
    upcoming = next_report(program, program_today(program))
    return SubscriptionOut(
        subscribed=subscribed,
        next_report_on=upcoming[0] if upcoming else None,
        next_report_month=upcoming[1] if upcoming else None,
    )


def readable(ctx: ProgramContext):
    """The caller's own subscription to this program's report (the core team's and HR
    leadership's; nobody reads another's). Every read with a program context starts here; the
    hourly job (send_due) reads every subscription without one."""
    return select(ReportSubscription).where(ReportSubscription.membership_id == ctx.membership.id)


def _find(session: Session, ctx: ProgramContext) -> ReportSubscription | None:
    return session.scalar(readable(ctx))


def get(session: Session, ctx: ProgramContext) -> SubscriptionOut:
    return _out(ctx.program, _find(session, ctx) is not None)


def subscribe(session: Session, ctx: ProgramContext) -> SubscriptionOut:
    if _find(session, ctx) is None:
        # The first report is the next one that goes out (never a late one for a month whose
        # report day has passed).
        today = program_today(ctx.program)
        upcoming = next_report(ctx.program, today)
        session.add(
            ReportSubscription(
                membership_id=ctx.membership.id,
                last_sent_month=_month_before(upcoming[1] if upcoming else today),
            )
        )
        session.flush()
    return _out(ctx.program, True)


def unsubscribe(session: Session, ctx: ProgramContext) -> SubscriptionOut:
    session.execute(
        delete(ReportSubscription).where(ReportSubscription.membership_id == ctx.membership.id)
    )
    return _out(ctx.program, False)


def send_due(session: Session, settings: Settings, now: datetime) -> int:
    """Sends every report that is due at `now`; returns how many went out."""
    rows = session.execute(
        select(ReportSubscription, ProgramMembership, Program, User)
        .join(ProgramMembership, ProgramMembership.id == ReportSubscription.membership_id)
        .join(Program, Program.id == ProgramMembership.program_id)
        .join(User, User.id == ProgramMembership.user_id)
        .where(ProgramMembership.role.in_(READERS), User.is_active.is_(True))
        .with_for_update(of=ReportSubscription, skip_locked=True)
    ).all()
    sent = 0
    for subscription, membership, program, user in rows:
        today = now.astimezone(ZoneInfo(program.timezone)).date()
        month = _month_before(today)
        if today < first_working_day(today.year, today.month) or not _reportable(program, month):
            continue
        if subscription.last_sent_month is not None and subscription.last_sent_month >= month:
            continue
        ctx = ProgramContext(
            program=program, user=user, role=membership.role, membership=membership
        )
        send_report(session, ctx, month, today)
        subscription.last_sent_month = month
        sent += 1
    session.flush()
    return sent


def send_report(session: Session, ctx: ProgramContext, month: date, today: date) -> None:
    lang: Lang = "en" if ctx.user.locale == "en" else "de"
    figures = kpis.program_kpis(session, ctx, month, month_end(month))
    summary = document.summary_markdown(ctx.program.name, figures, lang, month)
    pdf = document.report_pdf(ctx.program.name, figures, lang, today)
    send_email(
        session,
        to=ctx.user.email,
        template="reports.monthly",
        locale=lang,
        context={
            "name": ctx.user.name,
            "program_name": ctx.program.name,
            "month": document.month_name(month, lang),
            "summary": summary,
        },
        attachments=[
            Attachment(
                filename=f"botschaft-{ctx.program.slug}-{month:%Y-%m}.pdf",
                content_type=PDF_TYPE,
                content=pdf,
            )
        ],
        html=document.summary_html(summary),
    )
