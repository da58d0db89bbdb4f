"""A selected person withdraws before the cohort starts: their seat goes to a replacement drawn
from the confirmed run's lottery conditioned on the people who stay (engine.replacement), with
the round's seed and the draw's number, in one transaction with the memberships, the
applications, the welcome email and the audit log."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.calls.models import Application, ApplicationStatus, Call
from botschaft.calls.service import readable_applications
from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict, FieldError, Unprocessable
from botschaft.core.settings import Settings
from botschaft.identity.lookup import normalise_email
from botschaft.identity.models import User
from botschaft.notifications.service import send_email
from botschaft.programs import history
from botschaft.selection import engine
from botschaft.selection.engine.replacement import Draw, NoReplacement, draw_replacement
from botschaft.selection.models import (
    RoundStatus,
    SelectionReplacement,
    SelectionRound,
    SelectionRun,
)
from botschaft.selection.schemas import ReplaceIn
from botschaft.selection.seating import seat, started
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Cohort, ProgramMembership

# Who may still take a seat: told they were not chosen, or on the reserve list.
CANDIDATES = (ApplicationStatus.alternate, ApplicationStatus.not_selected)


def replacements(session: Session, round_: SelectionRound) -> list[SelectionReplacement]:
    return list(
        session.scalars(
            select(SelectionReplacement)
            .where(SelectionReplacement.round_id == round_.id)
            .order_by(SelectionReplacement.draw)
        )
    )


def seats(run: SelectionRun, done: list[SelectionReplacement]) -> list[str]:
    """The confirmed panel as it is now: each replacement in the seat of the person it
    replaced (a second wave's existing influencers included)."""
    out = list(run.panel)
    for r in done:
        out[out.index(r.withdrawn)] = r.replacement
    return out


def _refuse(message: str, code: str, params: dict | None = None) -> Unprocessable:
    return Unprocessable(
        message,
        code=code,
        errors=[FieldError(field="application_id", message=message, type=code)],
        params=params,
    )


def replace(
    session: Session,
    ctx: ProgramContext,
    call: Call,
    round_: SelectionRound,
    data: ReplaceIn,
    settings: Settings,
    ip: str,
) -> SelectionReplacement:
    if round_.status != RoundStatus.confirmed or round_.confirmed_run_id is None:
        raise _refuse(
            "Only a confirmed round's cohort has seats to hand on.", "round_not_confirmed"
        )
    if round_.version != data.version:
        raise Conflict("Someone changed this round in the meantime.", code="version_conflict")
    run = session.get(SelectionRun, round_.confirmed_run_id)
    done = replacements(session, round_)
    cohort = seats(run, done)
    withdrawn = str(data.application_id)
    applications = {
        str(a.id): a
        for a in session.scalars(readable_applications(ctx).where(Application.call_id == call.id))
    }
    if withdrawn not in cohort or withdrawn not in applications:
        raise _refuse("This person is not in the round's cohort.", "not_in_cohort")
    reason = started(session, ctx, round_)
    if reason:
        raise _refuse(f"{reason} Its seats can no longer be handed on.", "cohort_started")
    staying = [pid for pid in cohort if pid != withdrawn]
    excluded = set(run.excluded)
    available = [
        pid
        for pid, application in applications.items()
        if pid in run.pool
        and pid not in excluded
        and pid not in cohort
        and application.status in CANDIDATES
    ]
    outcome = draw_replacement(
        run.pool,
        [engine.Quota(**q) for q in run.quotas],
        staying,
        available,
        run.alternates,
        run.distribution,
        seed=round_.seed,
        draw=len(done) + 1,
        relax=data.accept_relaxation,
    )
    if isinstance(outcome, NoReplacement):
        raise _no_replacement(outcome)
    return _apply(session, ctx, call, round_, applications, withdrawn, outcome, settings, ip, done)


def _no_replacement(outcome: NoReplacement) -> Unprocessable:
    blocking = [vars(q) for q in outcome.blocking]
    if outcome.relaxation is None:
        return _refuse(
            "No one who applied is left to take this seat.",
            "no_replacement",
            {"quotas": [], "relaxation": []},
        )
    names = ", ".join(f"{q['dimension']}={q['value']}" for q in blocking)
    return _refuse(
        f"No one left keeps every quota ({names}); the smallest relaxation lets someone take "
        "the seat (send accept_relaxation to draw with it).",
        "no_replacement",
        {"quotas": blocking, "relaxation": [vars(r) for r in outcome.relaxation]},
    )


def _apply(
    session: Session,
    ctx: ProgramContext,
    call: Call,
    round_: SelectionRound,
    applications: dict[str, Application],
    withdrawn: str,
    outcome: Draw,
    settings: Settings,
    ip: str,
    done: list[SelectionReplacement],
) -> SelectionReplacement:
    cohort = session.get(Cohort, round_.cohort_id)
    leaving = applications[withdrawn]
    leaving.status = ApplicationStatus.withdrawn
    created = _leave(session, ctx, round_, leaving)
    membership, template, extra = seat(
        session, ctx, call, applications[outcome.person], cohort, settings, ip
    )
    if membership is not None:
        created.append(str(membership.id))
    round_.created_memberships = created
    round_.updated_at = utcnow()  # the round's version moves even when no membership did
    arriving = applications[outcome.person]
    send_email(
        session,
        to=arriving.email,
        template=template,
        locale=arriving.locale,
        context={
            "program_name": ctx.program.name,
            "cohort_name": cohort.name,
            "name": arriving.name,
            **extra,
        },
    )
    row = SelectionReplacement(
        round_id=round_.id,
        created_by=ctx.user.id,
        withdrawn=withdrawn,
        replacement=outcome.person,
        method=outcome.method,
        seed=round_.seed,
        draw=len(done) + 1,
        chances=outcome.chances,
        relaxation=[vars(r) for r in outcome.relaxation],
    )
    session.add(row)
    audit.record(
        session,
        "selection.replacement_drawn",
        actor=ctx.user,
        target_type="selection_round",
        target_id=round_.id,
        program_id=ctx.program.id,
        ip=ip,
        details={
            "withdrawn": withdrawn,
            "replacement": outcome.person,
            "method": outcome.method,
            "seed": round_.seed,
            "draw": row.draw,
            "relaxed": len(outcome.relaxation),
        },
    )
    session.flush()
    return row


def _leave(
    session: Session, ctx: ProgramContext, round_: SelectionRound, application: Application
) -> list[str]:
    """The withdrawing person leaves the cohort: a membership the confirmation created goes
    (nothing was logged with it: the cohort has not started), an earlier one only leaves the
    cohort. Returns the round's created memberships without theirs."""
    created = list(round_.created_memberships)
    membership = session.scalar(
        select(ProgramMembership)
        .join(User, User.id == ProgramMembership.user_id)
        .where(
            ProgramMembership.program_id == ctx.program.id,
            User.email == normalise_email(application.email),
        )
    )
    if membership is None:
        return created
    if str(membership.id) in created:
        created.remove(str(membership.id))
        session.execute(delete(ProgramMembership).where(ProgramMembership.id == membership.id))
    elif membership.cohort_id == round_.cohort_id:
        history.set_cohort(session, membership, None, ctx.program.today())
    return created
