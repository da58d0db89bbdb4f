"""Confirming a run: the cohort, the influencers' accounts and memberships, the applications'
statuses, the applicants' emails and the audit log, in one transaction."""

from __future__ import annotations

import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.calls.models import Application, ApplicationStatus, Call
from botschaft.calls.service import get_call, readable_applications
from botschaft.core.database import utcnow
from botschaft.core.errors import Conflict, Unprocessable
from botschaft.core.settings import Settings
from botschaft.notifications.service import send_email
from botschaft.selection.models import RoundStatus, SelectionRound
from botschaft.selection.schemas import ConfirmIn, RoundOut
from botschaft.selection.seating import seat, started
from botschaft.selection.service import get_round, get_run, readable, round_out
from botschaft.tenancy.access import ProgramContext
from botschaft.tenancy.models import Cohort, CohortKind, ProgramMembership


def _undo_replaced(
    session: Session, call: Call, ctx: ProgramContext, round_: SelectionRound
) -> None:
    """A new round may replace a confirmed one until its cohort has started."""
    previous = session.scalar(
        readable(ctx).where(
            SelectionRound.call_id == call.id,
            SelectionRound.status == RoundStatus.confirmed,
            # A second wave adds to its base cohort; it replaces only an earlier second wave.
            SelectionRound.base_cohort_id.is_(None)
            if round_.base_cohort_id is None
            else SelectionRound.base_cohort_id == round_.base_cohort_id,
        )
    )
    if previous is None:
        return
    reason = started(session, ctx, previous)
    if reason:
        raise Conflict(
            f"{reason} The confirmed round can no longer be replaced.", code="cohort_started"
        )
    cohort = session.get(Cohort, previous.cohort_id) if previous.cohort_id else None
    created = [uuid.UUID(i) for i in previous.created_memberships]
    if created:
        session.execute(delete(ProgramMembership).where(ProgramMembership.id.in_(created)))
    if cohort is not None:
        session.delete(cohort)
    previous.status = RoundStatus.replaced
    audit.record(
        session,
        "selection.replaced",
        actor=ctx.user,
        target_type="selection_round",
        target_id=previous.id,
        program_id=ctx.program.id,
    )


def confirm_round(
    session: Session,
    ctx: ProgramContext,
    call_id: uuid.UUID,
    round_id: uuid.UUID,
    data: ConfirmIn,
    settings: Settings,
    ip: str,
) -> RoundOut:
    """The confirm workflow for the route: the call's round, confirmed, as the API shows it."""
    call = get_call(session, ctx, call_id)
    round_ = get_round(session, ctx, call, round_id)
    return round_out(session, ctx, call, confirm(session, ctx, call, round_, data, settings, ip))


def confirm(
    session: Session,
    ctx: ProgramContext,
    call: Call,
    round_: SelectionRound,
    data: ConfirmIn,
    settings: Settings,
    ip: str,
) -> SelectionRound:
    if round_.status != RoundStatus.draft:
        raise Conflict("This round is already confirmed.", code="round_confirmed")
    if round_.version != data.version:
        raise Conflict("Someone changed this round in the meantime.", code="version_conflict")
    run = get_run(session, round_, data.run_id)
    if not run.panel:
        raise Unprocessable.for_field("run_id", "This run has no cohort to confirm.", "no_panel")
    _undo_replaced(session, call, ctx, round_)
    name = data.cohort_name or round_.name
    if session.scalar(
        select(Cohort.id).where(Cohort.program_id == ctx.program.id, Cohort.name == name)
    ):
        raise Unprocessable.for_field("cohort_name", "A cohort of this name exists.", "duplicate")
    kind = CohortKind.wave if round_.base_cohort_id else CohortKind.pilot
    cohort = Cohort(program_id=ctx.program.id, name=name, kind=kind)
    session.add(cohort)
    session.flush()

    applications = {
        str(a.id): a
        for a in session.scalars(readable_applications(ctx).where(Application.call_id == call.id))
    }
    selected, reserve = set(run.panel), {pid: i + 1 for i, pid in enumerate(run.alternates)}
    created = []
    context = {"program_name": ctx.program.name, "cohort_name": name}
    for pid, application in applications.items():
        if application.status == ApplicationStatus.withdrawn:
            continue
        if pid in selected:
            membership, template, extra = seat(
                session, ctx, call, application, cohort, settings, ip
            )
            if membership is not None:
                created.append(str(membership.id))
        elif pid in reserve:
            application.status = ApplicationStatus.alternate
            template, extra = "selection.alternate", {"rank": str(reserve[pid])}
        else:
            application.status = ApplicationStatus.not_selected
            template, extra = "selection.not_selected", {}
        send_email(
            session,
            to=application.email,
            template=template,
            locale=application.locale,
            context={**context, "name": application.name, **extra},
        )
    round_.status = RoundStatus.confirmed
    round_.confirmed_run_id = run.id
    round_.confirmed_at = utcnow()
    round_.confirmed_by = ctx.user.id
    round_.cohort_id = cohort.id
    round_.created_memberships = created
    audit.record(
        session,
        "selection.confirmed",
        actor=ctx.user,
        target_type="selection_round",
        target_id=round_.id,
        program_id=ctx.program.id,
        ip=ip,
        details={
            "run_id": str(run.id),
            "cohort": name,
            "selected": len(selected & applications.keys()),
            "alternates": len(reserve),
            "algorithm": run.algorithm,
            "seed": run.seed,
        },
    )
    session.flush()
    return round_
