"""The email delivery job: retried with backoff by the job runner, logged on the message."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy.orm import Session

from botschaft.jobs.registry import JobContext, job_handler
from botschaft.notifications.mailer import build_mime, deliver
from botschaft.notifications.models import EmailMessage, EmailStatus

log = logging.getLogger(__name__)


def _failed(
    session: Session, payload: dict[str, Any], error: str, attempt: int, final: bool
) -> None:
    message = session.get(EmailMessage, uuid.UUID(payload["message_id"]))
    if message is not None:
        message.attempts = attempt
        message.last_error = error.strip().splitlines()[-1][:1000]
        if final:
            message.status = EmailStatus.failed


@job_handler("email.send", on_failure=_failed, max_attempts=6)
def send(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    message = session.get(EmailMessage, uuid.UUID(payload["message_id"]))
    if message is None or message.status in (EmailStatus.sent, EmailStatus.logged):
        return  # already delivered (a job that ran twice after a crash sends once more at most)
    message.attempts = ctx.attempt
    if not ctx.settings.smtp_host:
        log.info(
            "email not sent (no SMTP server configured) to=%s subject=%r",
            message.to_address,
            message.subject,
        )
        message.status = EmailStatus.logged
        message.sent_at = ctx.now
        return
    deliver(ctx.settings, build_mime(ctx.settings, message))
    message.status = EmailStatus.sent
    message.sent_at = ctx.now
    message.last_error = None
    log.info("email sent to=%s template=%s", message.to_address, message.template)
