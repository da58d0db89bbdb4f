"""Guidelines, the legal FAQ, topic briefings (share / hold back / info) and ideas."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from botschaft.core.enums import string_enum


class BriefingKind(StrEnum):
    guideline = "guideline"
    legal_faq = "legal_faq"
    briefing = "briefing"
    idea = "idea"


class Stance(StrEnum):
    share = "share"
    hold_back = "hold_back"
    info = "info"


class BriefingStatus(StrEnum):
    published = "published"
    suggested = "suggested"  # an influencer's idea, until the core team publishes it


class Briefing(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "briefings"

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[BriefingKind] = mapped_column(string_enum(BriefingKind))
    stance: Mapped[Stance | None] = mapped_column(string_enum(Stance), default=None)
    status: Mapped[BriefingStatus] = mapped_column(
        string_enum(BriefingStatus), default=BriefingStatus.published
    )
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown, rendered escaped
    link_url: Mapped[str | None] = mapped_column(String(2000), default=None)
    file_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("stored_files.id", ondelete="SET NULL"), default=None
    )
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    author_member_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="SET NULL"), default=None
    )


class BriefingRead(Base):
    __tablename__ = "briefing_reads"
    briefing_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("briefings.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    read_at: Mapped[datetime] = mapped_column(default=utcnow)
