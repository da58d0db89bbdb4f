"""Hourly: close calls whose closing time passed, and erase the applications that were not
selected once the retention period after closing is over (DESIGN.md, privacy)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload

from botschaft.audit import service as audit
from botschaft.calls.models import Application, ApplicationStatus, Call, CallStatus
from botschaft.calls.review import as_value, dimensions
from botschaft.core.settings import Settings
from botschaft.jobs.registry import JobContext, periodic


def close_due(session: Session, now: datetime) -> int:
    result = session.execute(
        update(Call)
        .where(Call.status == CallStatus.open, Call.closes_at <= now)
        .values(status=CallStatus.closed, version=Call.version + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def _anonymous_counts(call: Call, applications: list[Application]) -> dict[str, Any]:
    """What is kept: counts, never a row that could be one person."""
    return {
        "applications": len(applications),
        "by_status": dict(Counter(a.status.value for a in applications)),
        "by_dimension": {
            q.key: dict(Counter(as_value(a.answers.get(q.key)) or "" for a in applications))
            for q in dimensions(call)
        },
    }


def erase_expired(session: Session, settings: Settings, now: datetime) -> int:
    cutoff = now - timedelta(days=settings.application_retention_days)
    calls = session.scalars(
        select(Call)
        .where(
            Call.status.in_([CallStatus.closed, CallStatus.archived]),
            Call.erased_at.is_(None),
            Call.closes_at <= cutoff,
        )
        .options(selectinload(Call.questions))
    ).all()
    erased = 0
    for call in calls:
        applications = list(
            session.scalars(select(Application).where(Application.call_id == call.id))
        )
        call.anonymous_counts = _anonymous_counts(call, applications)
        gone = [a.id for a in applications if a.status != ApplicationStatus.selected]
        if gone:
            session.execute(delete(Application).where(Application.id.in_(gone)))
        call.erased_at = now
        audit.record(
            session,
            "applications.erased",
            actor_label="retention",
            target_type="call",
            target_id=call.id,
            program_id=call.program_id,
            details={
                "erased": len(gone),
                "kept_selected": len(applications) - len(gone),
                "retention_days": settings.application_retention_days,
            },
        )
        erased += len(gone)
    session.flush()
    return erased


@periodic("calls.retention", every=timedelta(hours=1))
def retention(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    close_due(session, ctx.now)
    erase_expired(session, ctx.settings, ctx.now)
