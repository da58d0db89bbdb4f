"""The monthly reports: checked every hour, sent on the first working day of a month."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from botschaft.jobs.registry import JobContext, periodic
from botschaft.reports import service


@periodic("reports.monthly", every=timedelta(hours=1))
def monthly_reports(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    service.send_due(session, ctx.settings, ctx.now)
