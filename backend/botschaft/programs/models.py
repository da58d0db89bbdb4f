"""Which cohort and teams a person belonged to when (written only by programs/history.py)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin


class GroupPeriod(IdMixin, Base):
    """Days a person belonged to a cohort or a team (exactly one of the two is set).

    A post counts for the groups of the day it was posted, so a move to a re-call never
    rewrites the pilot's figures (kpis/filters.py). The current groups are also kept where
    they always were (ProgramMembership.cohort_id, TeamMember); programs/history.py keeps the
    two in step."""

    __tablename__ = "group_periods"
    __table_args__ = (
        CheckConstraint("(cohort_id IS NULL) <> (team_id IS NULL)", name="one_group"),
        Index("ix_group_periods_cohort", "cohort_id", "member_id"),
        Index("ix_group_periods_team", "team_id", "member_id"),
    )

    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), index=True
    )
    cohort_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), default=None
    )
    team_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), default=None
    )
    # None: since always (what was known before the history was kept) / still a member.
    from_on: Mapped[date | None] = mapped_column(default=None)
    to_on: Mapped[date | None] = mapped_column(default=None)  # the last day, inclusive


class GroupEdge(Base):
    """A month in which one of a person's group periods starts or ends on a day other than
    its first: the KPIs read that person's posts of that month one by one, the monthly rollup
    cannot say which of them fall before the change (kpis/facts.py)."""

    __tablename__ = "group_edges"

    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(primary_key=True)
    month_end: Mapped[date]
