"""The learning journey: a program's ordered modules and each influencer's progress."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from botschaft.core.enums import string_enum


class ProgressState(StrEnum):
    not_started = "not_started"
    started = "started"
    done = "done"


class Module(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "learning_modules"

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    # None: for every cohort of the program.
    cohort_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), index=True, default=None
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")  # Markdown, rendered escaped
    # [{"title": ..., "url": ...}] or [{"title": ..., "file_id": ...}]
    materials: Mapped[list[dict]] = mapped_column(JSON, default=list)
    session_starts_at: Mapped[datetime | None] = mapped_column(default=None)
    session_ends_at: Mapped[datetime | None] = mapped_column(default=None)
    session_place: Mapped[str | None] = mapped_column(String(500), default=None)
    due_on: Mapped[date | None] = mapped_column(default=None)
    effort_minutes: Mapped[int | None] = mapped_column(default=None)


class ModuleProgress(IdMixin, Base):
    __tablename__ = "learning_progress"
    __table_args__ = (UniqueConstraint("module_id", "member_id"),)

    module_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("learning_modules.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[ProgressState] = mapped_column(
        string_enum(ProgressState), default=ProgressState.not_started
    )
    rating: Mapped[int | None] = mapped_column(default=None)
    comment: Mapped[str | None] = mapped_column(String(1000), default=None)
    started_at: Mapped[datetime | None] = mapped_column(default=None)
    done_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    reminded_at: Mapped[datetime | None] = mapped_column(default=None)
