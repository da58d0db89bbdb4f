"""Influencers' own reminder emails: checked every hour, sent on the day they chose."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from botschaft.jobs.registry import JobContext, periodic
from botschaft.nudges import service


@periodic("nudges.send", every=timedelta(hours=1))
def send_nudges(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    service.send_due(session, ctx.settings, ctx.now)
