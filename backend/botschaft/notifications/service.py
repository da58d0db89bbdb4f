"""Sending email: rendered and stored in the request's transaction, delivered by a job, so a
slow or unreachable mail server never slows a request and nothing is sent for a rolled-back
change."""

from __future__ import annotations

import base64
import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.core.pagination import PageParams, paginate
from botschaft.jobs.service import enqueue
from botschaft.notifications.models import EmailMessage
from botschaft.notifications.schemas import Attachment
from botschaft.notifications.templates import render

log = logging.getLogger(__name__)


def send_email(
    session: Session,
    *,
    to: str,
    template: str,
    locale: str,
    context: dict[str, object],
    attachments: Sequence[Attachment] = (),
    html: str | None = None,
) -> EmailMessage:
    """`html`, when given, is sent beside the plain text as the message's HTML version."""
    subject, body = render(template, locale, context)
    message = EmailMessage(
        to_address=to,
        subject=subject,
        body=body,
        html_body=html,
        template=template,
        locale="en" if locale == "en" else "de",
        attachments=[
            {
                "filename": a.filename,
                "content_type": a.content_type,
                "content_b64": base64.b64encode(a.content).decode(),
            }
            for a in attachments
        ],
    )
    session.add(message)
    session.flush()
    enqueue(
        session, "email.send", {"message_id": str(message.id)}, dedupe_key=f"email:{message.id}"
    )
    return message


def list_emails(
    session: Session, params: PageParams, to: str | None = None
) -> tuple[list[EmailMessage], int]:
    query = select(EmailMessage).order_by(EmailMessage.created_at.desc(), EmailMessage.id.desc())
    if to:
        query = query.where(EmailMessage.to_address == to.strip().lower())
    return paginate(session, query, params)
