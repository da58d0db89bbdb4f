from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from botschaft.core.schemas import OutputModel
from botschaft.notifications.models import EmailStatus


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # e.g. "text/calendar; method=REQUEST"
    content: bytes


class EmailOut(OutputModel):
    """The delivery log: who got which message when (bodies stay in the database)."""

    id: uuid.UUID
    created_at: datetime
    to_address: str
    subject: str
    template: str
    locale: str
    status: EmailStatus
    attempts: int
    last_error: str | None
    sent_at: datetime | None
