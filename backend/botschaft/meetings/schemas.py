from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, Field, StringConstraints

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import LINK_MAX_LENGTH, HttpsLink, MultilineText, Text
from botschaft.meetings.models import AudienceKind, MeetingKind, MeetingStatus, Rsvp

Title = Annotated[Text, StringConstraints(min_length=1, max_length=200)]
Url = Annotated[HttpsLink, StringConstraints(max_length=LINK_MAX_LENGTH)]
LongText = Annotated[MultilineText, StringConstraints(max_length=20_000)]
Place = Annotated[Text, StringConstraints(max_length=500)]


class Audience(InputModel):
    kind: AudienceKind
    cohort_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = None
    member_ids: Annotated[list[uuid.UUID], Field(max_length=1000)] = []


class MeetingCreate(InputModel):
    kind: MeetingKind
    title: Title
    agenda: LongText = ""
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    place: Place | None = None
    video_url: Url | None = None
    audience: Audience
    recurrence: Annotated[Text, StringConstraints(max_length=500)] | None = Field(
        default=None,
        description="An RFC 5545 RRULE in the program's time zone, e.g. FREQ=WEEKLY;INTERVAL=2;"
        "BYDAY=TU;COUNT=10. Occurrences are created for at most a year (100 at most).",
    )


class Scope(StrEnum):
    this = "this"  # only this meeting (or this occurrence of a series)
    following = "following"  # this occurrence and the later ones of its series


class MeetingUpdate(InputModel):
    version: int = Field(ge=1)
    scope: Scope = Field(
        default=Scope.this,
        description="For an occurrence of a series: `following` applies the change to this "
        "and every later occurrence (times shift by the same amount).",
    )
    title: Title | None = None
    agenda: LongText | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    place: Place | None = None
    video_url: Url | None = None
    notes: LongText | None = None
    follow_ups: LongText | None = None


class MeetingOut(OutputModel):
    id: uuid.UUID
    series_id: uuid.UUID | None
    kind: MeetingKind
    title: str
    agenda: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    place: str | None
    video_url: str | None
    audience: AudienceKind
    cohort_id: uuid.UUID | None
    team_id: uuid.UUID | None
    status: MeetingStatus
    cancelled_at: datetime | None
    sequence: int = Field(description="iCalendar SEQUENCE: raised by every change calendars see")
    notes: str
    follow_ups: str
    version: int
    recurrence: str | None = None
    my_rsvp: Rsvp | None = Field(default=None, description="The caller's answer (influencers)")
    counts: dict[str, int] = Field(default_factory=dict, description="RSVP counts (core team)")


class RsvpIn(InputModel):
    response: Rsvp


class RsvpLinkOut(OutputModel):
    """What the RSVP link from an invitation shows: the meeting's when and where and the
    answer given so far (no notes, no other people)."""

    title: str
    kind: MeetingKind
    starts_at: datetime
    ends_at: datetime
    timezone: str
    place: str | None
    video_url: str | None
    status: MeetingStatus
    name: str = Field(description="Whom the invitation is for")
    rsvp: Rsvp


class InvitationOut(OutputModel):
    member_id: uuid.UUID
    name: str
    rsvp: Rsvp
    attended: bool | None


class AttendanceIn(InputModel):
    attended: Annotated[list[uuid.UUID], Field(max_length=1000)]


class FeedOut(OutputModel):
    url: str = Field(description="Shown once; regenerate to get a new one (the old one stops)")
