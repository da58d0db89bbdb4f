from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin
from botschaft.core.enums import string_enum


class Frequency(StrEnum):
    off = "off"
    weekly = "weekly"  # Monday morning
    monthly = "monthly"  # the first working day from the 15th on: "your month so far"


class NudgePreference(IdMixin, TimestampMixin, Base):
    """An influencer's own choice of a reminder email in one program (off unless they ask)."""

    __tablename__ = "nudge_preferences"

    membership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), unique=True
    )
    frequency: Mapped[Frequency] = mapped_column(string_enum(Frequency), default=Frequency.off)
    last_sent_on: Mapped[date | None] = mapped_column(default=None)
