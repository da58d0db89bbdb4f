"""Hourly clean-up of expired sign-in sessions and abandoned SSO round trips."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from botschaft.auth import sessions
from botschaft.auth.models import OidcState
from botschaft.jobs.registry import JobContext, periodic


@periodic("auth.purge_expired", every=timedelta(hours=1))
def purge_expired(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    sessions.purge_expired(session, ctx.settings, ctx.now)
    session.execute(delete(OidcState).where(OidcState.expires_at < ctx.now))
