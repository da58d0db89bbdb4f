from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from botschaft.core.database import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from botschaft.core.enums import string_enum
from botschaft.identity.models import User


class ProgramRole(StrEnum):
    core_team = "core_team"
    influencer = "influencer"
    hr_viewer = "hr_viewer"


class Platform(StrEnum):
    # New platforms go at the end: the KPI rollup numbers them in this order (posts/rollup.py).
    linkedin = "linkedin"
    instagram = "instagram"
    tiktok = "tiktok"
    youtube = "youtube"
    x = "x"
    facebook = "facebook"
    xing = "xing"
    threads = "threads"
    bluesky = "bluesky"
    mastodon = "mastodon"
    other = "other"


class CohortKind(StrEnum):
    pilot = "pilot"
    wave = "wave"
    recall = "recall"


class MembershipStatus(StrEnum):
    """An influencer's place in the program; their history stays in the figures in every state."""

    active = "active"
    paused = "paused"
    alumni = "alumni"


class Program(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "programs"

    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    hashtags: Mapped[list[str]] = mapped_column(JSON, default=list)
    platforms: Mapped[list[str]] = mapped_column(JSON, default=list)
    starts_on: Mapped[date | None] = mapped_column(default=None)
    ends_on: Mapped[date | None] = mapped_column(default=None)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Berlin")
    target_posts_per_month: Mapped[int] = mapped_column(default=2)
    # Privacy (DESIGN.md): groups below this size are never broken out for HR leadership.
    min_group_size: Mapped[int] = mapped_column(default=5)
    rankings_enabled: Mapped[bool] = mapped_column(default=False)
    # Earned-media value: off unless the program sets its own rates (in euros).
    emv_per_thousand_impressions: Mapped[float | None] = mapped_column(default=None)
    emv_per_engagement: Mapped[float | None] = mapped_column(default=None)
    # Grows with every change to what the program's figures are computed from
    # (tenancy/data_version.py); cached figures are keyed by it.
    data_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    def today(self) -> date:
        """The day it is where the program runs: what "today" means for its dates."""
        return datetime.now(ZoneInfo(self.timezone)).date()


class Cohort(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A group of influencers that starts together (pilot, second wave, re-call)."""

    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("program_id", "name"),)

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[CohortKind] = mapped_column(string_enum(CohortKind), default=CohortKind.pilot)
    starts_on: Mapped[date | None] = mapped_column(default=None)
    ends_on: Mapped[date | None] = mapped_column(default=None)


class ProgramMembership(IdMixin, Base):
    __tablename__ = "program_memberships"
    __table_args__ = (UniqueConstraint("program_id", "user_id"),)

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    # None once the person was erased (GDPR Art. 17): the membership stays as a nameless
    # placeholder so that the program's totals keep their sums (erasure/service.py).
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[ProgramRole] = mapped_column(string_enum(ProgramRole))
    occupation: Mapped[str | None] = mapped_column(String(200), default=None)
    department: Mapped[str | None] = mapped_column(String(200), default=None)
    # A broad group for breakdowns (e.g. "Technik", "Soziales und Erziehung"): one occupation
    # alone would single a person out.
    occupation_group: Mapped[str | None] = mapped_column(String(100), default=None)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    cohort_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), index=True, default=None
    )
    status: Mapped[MembershipStatus] = mapped_column(
        string_enum(MembershipStatus), default=MembershipStatus.active
    )

    user: Mapped[User] = relationship(lazy="raise")
    program: Mapped[Program] = relationship(lazy="raise")

    @hybrid_property
    def is_person(self) -> bool:
        """False for the placeholder an erased person leaves (it holds their sums, but is no
        one): counts of people and audiences use this, lists of people join users anyway."""
        return self.user_id is not None

    @is_person.inplace.expression
    @classmethod
    def _is_person(cls):
        return cls.user_id.is_not(None)


# The program's data version is kept by session events: registered wherever programs are.
from botschaft.tenancy import data_version  # noqa: E402, F401
