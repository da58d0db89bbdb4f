"""Meeting reminders, a configurable time before the start."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from botschaft.jobs.registry import JobContext, periodic
from botschaft.meetings import notify


@periodic("meetings.reminders", every=timedelta(minutes=15))
def reminders(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    notify.send_reminders(session, ctx.now, ctx.settings.meeting_reminder_minutes)
