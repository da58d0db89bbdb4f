from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin


class ReportSubscription(IdMixin, TimestampMixin, Base):
    """Someone of the core team or HR leadership who gets the program's monthly report."""

    __tablename__ = "report_subscriptions"
    __table_args__ = (UniqueConstraint("program_id", "user_id"),)

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # The first day of the last month whose report went out: each month is sent once.
    last_sent_month: Mapped[date | None] = mapped_column(default=None)
