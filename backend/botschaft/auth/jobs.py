"""Hourly clean-up of expired sign-in sessions and abandoned SSO round trips; password-reset
emails; daily clean-up of long-expired invitation and reset links."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from botschaft.auth import account_tokens, reset, sessions
from botschaft.auth.models import OidcState
from botschaft.jobs.models import Job, JobStatus
from botschaft.jobs.registry import JobContext, job_handler, periodic


@periodic("auth.purge_expired", every=timedelta(hours=1))
def purge_expired(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    sessions.purge_expired(session, ctx.settings, ctx.now)
    session.execute(delete(OidcState).where(OidcState.expires_at < ctx.now))


@job_handler("auth.password_reset", max_attempts=3)
def password_reset(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    reset.send_reset(session, payload["email"], ctx.settings, payload.get("ip"))


@periodic("auth.purge_account_tokens", every=timedelta(days=1))
def purge_account_tokens(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    account_tokens.purge(session, ctx.now)
    # A reset job holds the address someone typed in, which may belong to no account: keep
    # it no longer than needed once the job is done.
    session.execute(
        delete(Job).where(
            Job.kind == "auth.password_reset",
            Job.status == JobStatus.done,
            Job.finished_at < ctx.now - timedelta(days=1),
        )
    )
