from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin


class ReportSubscription(IdMixin, TimestampMixin, Base):
    """Someone of the core team or HR leadership who gets the program's monthly report. It
    belongs to the membership: whoever leaves the program stops getting it."""

    __tablename__ = "report_subscriptions"

    membership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), unique=True
    )
    # The first day of the last month whose report went out: each month is sent once.
    last_sent_month: Mapped[date | None] = mapped_column(default=None)
