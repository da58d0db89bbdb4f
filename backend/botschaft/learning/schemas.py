from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, Field, StringConstraints, model_validator

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import LINK_MAX_LENGTH, MultilineText, Text, WebLink
from botschaft.learning.models import ProgressState
from botschaft.tenancy.models import MembershipStatus

Title = Annotated[Text, StringConstraints(min_length=1, max_length=200)]


class Material(InputModel):
    title: Title
    url: Annotated[WebLink, StringConstraints(max_length=LINK_MAX_LENGTH)] | None = None
    file_id: uuid.UUID | None = None

    @model_validator(mode="after")
    def _one_target(self):
        if (self.url is None) == (self.file_id is None):
            raise ValueError("a material is either a link (url) or an uploaded file (file_id)")
        return self


class ProgressOut(OutputModel):
    state: ProgressState
    rating: int | None
    comment: str | None
    started_at: datetime | None
    done_at: datetime | None


class ModuleOut(OutputModel):
    id: uuid.UUID
    cohort_id: uuid.UUID | None
    position: int
    title: str
    topic: str
    description: str
    materials: list[dict]
    session_starts_at: datetime | None
    session_ends_at: datetime | None
    session_place: str | None
    due_on: date | None
    effort_minutes: int | None
    version: int
    my_progress: ProgressOut | None = Field(
        default=None, description="The caller's own progress (influencers only)"
    )


class _ModuleFields(InputModel):
    cohort_id: uuid.UUID | None = None
    position: Annotated[int, Field(ge=0, le=1000)] | None = None
    topic: Annotated[Text, StringConstraints(max_length=200)] | None = None
    description: Annotated[MultilineText, StringConstraints(max_length=50_000)] | None = None
    materials: Annotated[list[Material], Field(max_length=50)] | None = None
    session_starts_at: AwareDatetime | None = None
    session_ends_at: AwareDatetime | None = None
    session_place: Annotated[Text, StringConstraints(max_length=500)] | None = None
    due_on: date | None = None
    effort_minutes: Annotated[int, Field(ge=1, le=10_000)] | None = None


class ModuleCreate(_ModuleFields):
    title: Title


class ModuleUpdate(_ModuleFields):
    version: int = Field(ge=1)
    title: Title | None = None


class ProgressIn(InputModel):
    state: ProgressState
    rating: Annotated[int, Field(ge=1, le=5)] | None = None
    comment: Annotated[MultilineText, StringConstraints(max_length=1000)] | None = None


class MatrixRow(OutputModel):
    member_id: uuid.UUID
    name: str
    status: MembershipStatus
    cohort_id: uuid.UUID | None
    states: dict[str, ProgressState] = Field(description="module id → state")


class ProgressMatrix(OutputModel):
    modules: list[ModuleOut]
    rows: list[MatrixRow]


class ReminderResult(OutputModel):
    reminded: int
