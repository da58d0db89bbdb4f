from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin
from botschaft.core.enums import string_enum


class EmailStatus(StrEnum):
    queued = "queued"
    sent = "sent"
    # No SMTP server is configured (development, demo): the message is only logged.
    logged = "logged"
    failed = "failed"


class EmailMessage(IdMixin, TimestampMixin, Base):
    """Every email the service sends, rendered when queued (the log admins can read)."""

    __tablename__ = "email_messages"

    to_address: Mapped[str] = mapped_column(String(320), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str | None] = mapped_column(Text, default=None)
    template: Mapped[str] = mapped_column(String(100))
    locale: Mapped[str] = mapped_column(String(5))
    # [{filename, content_type, content_b64}]: small files such as .ics invitations.
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[EmailStatus] = mapped_column(
        string_enum(EmailStatus), default=EmailStatus.queued
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
