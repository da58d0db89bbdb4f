"""Selection rounds for a call, and the stored runs of the engine."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from botschaft.core.enums import string_enum


class RoundStatus(StrEnum):
    draft = "draft"
    confirmed = "confirmed"
    replaced = "replaced"


class SelectionRound(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "selection_rounds"

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    call_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("calls.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    k: Mapped[int]
    dimensions: Mapped[list[str]] = mapped_column(JSON, default=list)
    # [{"dimension", "value", "min", "max"}]
    quotas: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    pinned: Mapped[list[str]] = mapped_column(JSON, default=list)  # application ids
    excluded: Mapped[list[str]] = mapped_column(JSON, default=list)
    algorithm: Mapped[str] = mapped_column(String(32), default="leximin")
    seed: Mapped[int] = mapped_column(default=0)
    status: Mapped[RoundStatus] = mapped_column(string_enum(RoundStatus), default=RoundStatus.draft)
    confirmed_run_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    confirmed_at: Mapped[datetime | None] = mapped_column(default=None)
    confirmed_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    cohort_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), default=None
    )
    # Memberships the confirmation created, so a replacing round can undo them.
    created_memberships: Mapped[list[str]] = mapped_column(JSON, default=list)
    # A second wave: the cohort whose current influencers join the pool pinned, so that the
    # quotas (and k) are for the combined group.
    base_cohort_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), default=None
    )


class SelectionRun(IdMixin, Base):
    """One run of the engine with the inputs it had: reproducible and comparable."""

    __tablename__ = "selection_runs"

    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("selection_rounds.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    k: Mapped[int]
    algorithm: Mapped[str] = mapped_column(String(32))
    seed: Mapped[int]
    quotas: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    pinned: Mapped[list[str]] = mapped_column(JSON, default=list)
    excluded: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The pool as the engine saw it: {application id: {dimension: value}}.
    pool: Mapped[dict[str, dict[str, str]]] = mapped_column(JSON, default=dict)
    # optimal | time_limit | infeasible | failed (plain text: a new value needs no migration)
    status: Mapped[str] = mapped_column(String(32))
    panel: Mapped[list[str]] = mapped_column(JSON, default=list)
    alternates: Mapped[list[str]] = mapped_column(JSON, default=list)
    probabilities: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    panels_in_distribution: Mapped[int] = mapped_column(default=0)
    explanation: Mapped[str] = mapped_column(Text, default="")
    relaxation: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    solver: Mapped[str] = mapped_column(String(64), default="")
    seconds: Mapped[float] = mapped_column(default=0.0)
    # The lottery the panel was drawn from, by profile (engine.replacement.compact), so a
    # replacement can be drawn from it conditioned on the rest of the cohort. None for runs
    # stored before it was kept.
    distribution: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class SelectionReplacement(IdMixin, Base):
    """A confirmed cohort's seat handed on: who withdrew, who was drawn, how and with which
    chances, so the draw can be explained and repeated."""

    __tablename__ = "selection_replacements"
    # Two draws at once cannot both be the round's n-th.
    __table_args__ = (UniqueConstraint("round_id", "draw"),)

    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("selection_rounds.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    # Application ids as text, like the run's panel (the applications may be erased later).
    withdrawn: Mapped[str] = mapped_column(String(36))
    replacement: Mapped[str] = mapped_column(String(36))
    # distribution | quotas | relaxed (see engine.replacement.Draw.method)
    method: Mapped[str] = mapped_column(String(32))
    seed: Mapped[int]
    draw: Mapped[int]  # the round's n-th replacement: the draw's second seed
    # {application id: chance of being drawn} for everyone who could take the seat.
    chances: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    relaxation: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
