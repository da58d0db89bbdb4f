from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin
from botschaft.core.enums import string_enum
from botschaft.tenancy.models import Platform


class FollowerReading(IdMixin, TimestampMixin, Base):
    """An influencer's follower (or connection) count on one platform, as read on one day.
    Readings are a series: the latest on or before a day is the count then, and the growth
    of a period is the latest at its end minus the latest before it (kpis/followers.py).
    One reading per person, platform and day: a second one the same day replaces it.

    Each reading also holds the days of its series' readings before and after it
    (followers/series.py keeps them), so the count on any day is one row found by its own
    columns: the reading with `counted_on <= day < next_counted_on`."""

    __tablename__ = "follower_readings"
    __table_args__ = (
        UniqueConstraint("member_id", "platform", "counted_on"),
        # The KPIs' follower figures read the program's readings up to a day, index only.
        Index(
            "ix_follower_readings_program_day",
            "program_id",
            "counted_on",
            "next_counted_on",
            "previous_counted_on",
            "member_id",
            "platform",
            "followers",
        ),
    )

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE")
    )
    platform: Mapped[Platform] = mapped_column(string_enum(Platform))
    counted_on: Mapped[date]
    followers: Mapped[int]
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    # The day of the series' next reading (None: the latest) and of the one before (None: the
    # first). Derived: written by followers/series.py only.
    next_counted_on: Mapped[date | None] = mapped_column(default=None)
    previous_counted_on: Mapped[date | None] = mapped_column(default=None)


class SocialProfile(IdMixin, TimestampMixin, Base):
    """The link to an influencer's own account on one platform (so the core team can open it
    from the influencer's page). Deleted when the person is erased."""

    __tablename__ = "social_profiles"
    __table_args__ = (UniqueConstraint("member_id", "platform"),)

    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE")
    )
    platform: Mapped[Platform] = mapped_column(string_enum(Platform))
    url: Mapped[str] = mapped_column(String(2000))


# The session event that keeps each reading's links to its series (after the model it uses).
from botschaft.followers import series  # noqa: E402, F401
