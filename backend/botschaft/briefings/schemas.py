from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, Field, StringConstraints

from botschaft.briefings.models import BriefingKind, BriefingStatus, Stance
from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import LINK_MAX_LENGTH, MailtoOrWebLink, MultilineText, Text

Title = Annotated[Text, StringConstraints(min_length=1, max_length=200)]
Url = Annotated[MailtoOrWebLink, StringConstraints(max_length=LINK_MAX_LENGTH)]
Body = Annotated[MultilineText, StringConstraints(max_length=20_000)]


class BriefingOut(OutputModel):
    id: uuid.UUID
    kind: BriefingKind
    stance: Stance | None
    status: BriefingStatus
    title: str
    body: str
    link_url: str | None
    file_id: uuid.UUID | None
    expires_at: datetime | None
    author_member_id: uuid.UUID | None
    created_at: datetime
    version: int
    read: bool = Field(default=False, description="Whether the caller marked it read")


class BriefingCreate(InputModel):
    kind: BriefingKind
    stance: Stance | None = None
    title: Title
    body: Body = ""
    link_url: Url | None = None
    file_id: uuid.UUID | None = None
    expires_at: AwareDatetime | None = None


class BriefingUpdate(InputModel):
    version: int = Field(ge=1)
    stance: Stance | None = None
    status: BriefingStatus | None = None
    title: Title | None = None
    body: Body | None = None
    link_url: Url | None = None
    expires_at: AwareDatetime | None = None
