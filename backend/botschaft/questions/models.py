from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin


class QuestionTopic(IdMixin, TimestampMixin, Base):
    """A group of questions the core team formed ("Tattoos", "Mindestgröße"), and the
    briefing it turned the group into, if any."""

    __tablename__ = "question_topics"
    __table_args__ = (UniqueConstraint("program_id", "name"),)

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    briefing_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("briefings.id", ondelete="SET NULL"), default=None
    )


class ApplicantQuestion(IdMixin, TimestampMixin, Base):
    """One question someone asked an influencer, in one line. Who asked is never stored."""

    __tablename__ = "applicant_questions"
    __table_args__ = (Index("ix_applicant_questions_program", "program_id", "asked_on"),)

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    # Who noted it (they see and change their own); the asker is never stored.
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(String(300))
    asked_on: Mapped[date]
    post_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL"), default=None
    )
    topic_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("question_topics.id", ondelete="SET NULL"), index=True, default=None
    )
