from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import MultilineText, Text
from botschaft.inbox.models import RequestChannel, RequestState, RequestType
from botschaft.posts.models import OutcomeType

Asker = Annotated[Text, StringConstraints(min_length=1, max_length=200)]
RequestNote = Annotated[MultilineText, StringConstraints(max_length=2000)]


class RequestIn(InputModel):
    type: RequestType
    channel: RequestChannel = RequestChannel.direct_message
    received_on: date | None = Field(default=None, description="Default today; not in the future")
    member_id: uuid.UUID | None = Field(
        default=None, description="Core team only: who received it (influencers record their own)"
    )
    post_id: uuid.UUID | None = Field(
        default=None, description="The post that led to it, one of the person's posts"
    )
    asker: Asker | None = Field(
        default=None, description="Who asked, as a role or an organisation (not a name)"
    )
    note: RequestNote | None = None
    outside_period: bool = Field(
        default=False, description="Core team only: accept a date outside the program's period"
    )


class RequestChange(InputModel):
    """Fields to change; the ones not sent stay."""

    state: RequestState | None = None
    type: RequestType | None = None
    channel: RequestChannel | None = None
    received_on: date | None = None
    post_id: uuid.UUID | None = None
    asker: Asker | None = None
    note: RequestNote | None = None
    outside_period: bool = False


class ResultIn(InputModel):
    type: OutcomeType = Field(description="hire, internship, talk or other")
    occurred_on: date | None = Field(default=None, description="Default today; not in the future")
    note: RequestNote | None = None


class RequestOut(OutputModel):
    id: uuid.UUID
    type: RequestType
    channel: RequestChannel
    received_on: date
    state: RequestState
    member_id: uuid.UUID
    member_name: str
    post_id: uuid.UUID | None
    post_url: str | None
    post_published_on: date | None
    asker: str | None
    note: str | None
    result_type: OutcomeType | None = Field(description="What it led to, once recorded")
    result_on: date | None
    created_at: datetime


class InboxCounts(OutputModel):
    new: int
    answered: int
    closed: int
    with_result: int
