from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin
from botschaft.core.enums import string_enum
from botschaft.posts.models import OutcomeType


class RequestType(StrEnum):
    internship = "internship"
    job_application = "job_application"
    speaker = "speaker"
    podcast = "podcast"
    press = "press"
    other = "other"


# A request is one of the program's outcomes from the day it comes in: it is counted as the
# outcome of this type, so the KPIs, their privacy rules, filters, downloads and the report
# count requests without a second set of figures.
COUNTED_AS: dict[RequestType, OutcomeType] = {
    RequestType.internship: OutcomeType.internship_request,
    RequestType.job_application: OutcomeType.job_application,
    RequestType.speaker: OutcomeType.speaker_request,
    RequestType.podcast: OutcomeType.podcast_request,
    RequestType.press: OutcomeType.press_request,
    RequestType.other: OutcomeType.other,
}
# What a request can lead to (recorded as a second outcome, the request's result).
RESULTS = (OutcomeType.hire, OutcomeType.internship, OutcomeType.talk, OutcomeType.other)


class RequestChannel(StrEnum):
    comment = "comment"
    direct_message = "direct_message"
    email = "email"
    phone = "phone"
    in_person = "in_person"
    other = "other"


class RequestState(StrEnum):
    new = "new"
    answered = "answered"
    closed = "closed"  # handled; with a result it led somewhere, without one it did not


class InboundRequest(IdMixin, TimestampMixin, Base):
    """A request an influencer (or the core team) received, from the day it came in until it
    is answered and closed, perhaps with a result (a hire, a talk)."""

    __tablename__ = "inbound_requests"
    __table_args__ = (Index("ix_inbound_requests_inbox", "program_id", "state", "received_on"),)

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), index=True
    )
    post_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL"), index=True, default=None
    )
    type: Mapped[RequestType] = mapped_column(string_enum(RequestType))
    channel: Mapped[RequestChannel] = mapped_column(string_enum(RequestChannel))
    received_on: Mapped[date]
    # Who asked, as a role or an organisation ("Schülerin, 10. Klasse", "Radio Musterstadt"):
    # the inbox needs no outside person's name, and the form says so.
    asker: Mapped[str | None] = mapped_column(String(200), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    state: Mapped[RequestState] = mapped_column(string_enum(RequestState), default=RequestState.new)
    # The outcome the request counts as, and the outcome it led to (both deleted with it).
    outcome_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("outcomes.id", ondelete="SET NULL"), default=None
    )
    result_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("outcomes.id", ondelete="SET NULL"), default=None
    )
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
