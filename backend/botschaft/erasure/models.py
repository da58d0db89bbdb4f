from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, utcnow


class ErasureRequest(IdMixin, Base):
    """A person's request to have their account erased (GDPR Art. 17), waiting for the core
    team or an administrator to confirm it. Goes with the account when it is confirmed."""

    __tablename__ = "erasure_requests"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(Text, default=None)
