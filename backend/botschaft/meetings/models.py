"""Meetings (check-ins, network meetings, re-calls, 1:1, workshops), series, invitations."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from botschaft.core.enums import string_enum


class MeetingKind(StrEnum):
    check_in = "check_in"
    network = "network"
    recall = "recall"
    one_to_one = "one_to_one"
    workshop = "workshop"


class MeetingStatus(StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"


class AudienceKind(StrEnum):
    program = "program"  # every active influencer
    cohort = "cohort"
    team = "team"
    people = "people"


class Rsvp(StrEnum):
    pending = "pending"
    yes = "yes"
    no = "no"
    maybe = "maybe"


class MeetingSeries(IdMixin, TimestampMixin, Base):
    """A recurrence (RFC 5545 RRULE in the program's time zone); occurrences are meeting rows."""

    __tablename__ = "meeting_series"

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    rrule: Mapped[str] = mapped_column(String(500))
    timezone: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]


class Meeting(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "meetings"

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    series_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="CASCADE"), index=True, default=None
    )
    # The occurrence's start as the rule produced it (RECURRENCE-ID), for series only.
    original_starts_at: Mapped[datetime | None] = mapped_column(default=None)
    kind: Mapped[MeetingKind] = mapped_column(string_enum(MeetingKind))
    title: Mapped[str] = mapped_column(String(200))
    agenda: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(String(500), default=None)
    video_url: Mapped[str | None] = mapped_column(String(2000), default=None)
    audience: Mapped[AudienceKind] = mapped_column(string_enum(AudienceKind))
    cohort_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cohorts.id", ondelete="SET NULL"), default=None
    )
    team_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("teams.id", ondelete="SET NULL"), default=None
    )
    status: Mapped[MeetingStatus] = mapped_column(
        string_enum(MeetingStatus), default=MeetingStatus.scheduled
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    follow_ups: Mapped[str] = mapped_column(Text, default="")
    sequence: Mapped[int] = mapped_column(default=0)  # iCalendar SEQUENCE, bumped on change
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)


class MeetingInvitation(IdMixin, Base):
    __tablename__ = "meeting_invitations"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), index=True
    )
    rsvp: Mapped[Rsvp] = mapped_column(string_enum(Rsvp), default=Rsvp.pending)
    responded_at: Mapped[datetime | None] = mapped_column(default=None)
    attended: Mapped[bool | None] = mapped_column(default=None)
    # sha256 of the token in the email's RSVP link; the token itself is never stored.
    token_digest: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    reminded_at: Mapped[datetime | None] = mapped_column(default=None)


class CalendarFeed(IdMixin, Base):
    """A user's private calendar feed URL (revocable: regenerating replaces the digest)."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), unique=True
    )
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
