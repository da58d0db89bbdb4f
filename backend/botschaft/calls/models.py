"""Application calls: the call, its questionnaire, and the applications it receives."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from botschaft.core.database import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from botschaft.core.enums import string_enum


class CallStatus(StrEnum):
    draft = "draft"
    open = "open"
    closed = "closed"
    archived = "archived"


class CallAccess(StrEnum):
    link = "link"  # anyone with the form link (intranet)
    signed_in = "signed_in"  # only signed-in staff (SSO)


class QuestionType(StrEnum):
    short_text = "short_text"
    long_text = "long_text"
    single_choice = "single_choice"
    multiple_choice = "multiple_choice"
    scale = "scale"
    yes_no = "yes_no"
    url = "url"


class ApplicationStatus(StrEnum):
    submitted = "submitted"
    shortlisted = "shortlisted"
    withdrawn = "withdrawn"
    selected = "selected"
    alternate = "alternate"
    not_selected = "not_selected"


class Call(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "calls"

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")  # Markdown
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    info_event_at: Mapped[datetime | None] = mapped_column(default=None)
    info_event_location: Mapped[str | None] = mapped_column(String(500), default=None)
    status: Mapped[CallStatus] = mapped_column(string_enum(CallStatus), default=CallStatus.draft)
    access: Mapped[CallAccess] = mapped_column(string_enum(CallAccess), default=CallAccess.link)
    # The form's address (/apply/<token>): unguessable, so only those given the link apply.
    form_token: Mapped[str] = mapped_column(String(64), unique=True)
    # Both texts are versioned: an application records the versions its applicant accepted.
    privacy_notice_de: Mapped[str] = mapped_column(Text, default="")
    privacy_notice_en: Mapped[str] = mapped_column(Text, default="")
    privacy_version: Mapped[int] = mapped_column(default=1)
    consent_text_de: Mapped[str] = mapped_column(Text, default="")
    consent_text_en: Mapped[str] = mapped_column(Text, default="")
    consent_version: Mapped[int] = mapped_column(default=1)
    # Set when the retention job erased the applications that were not selected; what is
    # left are anonymous counts.
    erased_at: Mapped[datetime | None] = mapped_column(default=None)
    anonymous_counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    questions: Mapped[list[Question]] = relationship(
        lazy="raise", order_by="Question.position", cascade="all, delete-orphan"
    )


class Question(IdMixin, Base):
    __tablename__ = "call_questions"
    __table_args__ = (UniqueConstraint("call_id", "key"),)

    call_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    # Stable name of the answer in applications (and of the dimension in the selection).
    key: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    type: Mapped[QuestionType] = mapped_column(string_enum(QuestionType))
    required: Mapped[bool] = mapped_column(default=False)
    label_de: Mapped[str] = mapped_column(String(500))
    label_en: Mapped[str] = mapped_column(String(500))
    help_de: Mapped[str] = mapped_column(Text, default="")
    help_en: Mapped[str] = mapped_column(Text, default="")
    # [{"value": "...", "label_de": "...", "label_en": "..."}] for choice questions.
    options: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    max_length: Mapped[int | None] = mapped_column(default=None)
    scale_min: Mapped[int | None] = mapped_column(default=None)
    scale_max: Mapped[int | None] = mapped_column(default=None)
    # A diversity dimension: its answer is used by the selection (and only there).
    is_dimension: Mapped[bool] = mapped_column(default=False)


class Application(IdMixin, Base):
    __tablename__ = "applications"
    # One application per person and call.
    __table_args__ = (
        UniqueConstraint("call_id", "email"),
        Index("ix_applications_call_status", "call_id", "status"),
    )

    call_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True, default=None
    )
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))  # normalised (lower case)
    locale: Mapped[str] = mapped_column(String(2), default="de")
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[ApplicationStatus] = mapped_column(
        string_enum(ApplicationStatus), default=ApplicationStatus.submitted
    )
    # The private link (view, edit, withdraw) is given once by email; only its digest is kept.
    access_digest: Mapped[str] = mapped_column(String(64), unique=True)
    privacy_version: Mapped[int]
    consent_version: Mapped[int]
    consented_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)

    reviews: Mapped[list[ApplicationReview]] = relationship(
        lazy="raise", cascade="all, delete-orphan"
    )
    tags: Mapped[list[ApplicationTag]] = relationship(lazy="raise", cascade="all, delete-orphan")


class ApplicationReview(IdMixin, Base):
    """One core-team member's vote and comment on one application."""

    __tablename__ = "application_reviews"
    __table_args__ = (UniqueConstraint("application_id", "reviewer_id"),)

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    vote: Mapped[bool | None] = mapped_column(default=None)  # True: in favour
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ApplicationTag(Base):
    __tablename__ = "application_tags"

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(50), primary_key=True, index=True)
