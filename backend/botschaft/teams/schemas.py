from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import Field, StringConstraints

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import MultilineText, Text

Name = Annotated[Text, StringConstraints(min_length=1, max_length=200)]
Profile = Annotated[MultilineText, StringConstraints(max_length=5000)]


class TeamOut(OutputModel):
    id: uuid.UUID
    name: str
    profile: str
    cohort_id: uuid.UUID | None
    member_ids: list[uuid.UUID]
    version: int


class TeamCreate(InputModel):
    name: Name
    profile: Profile = ""
    cohort_id: uuid.UUID | None = None


class TeamUpdate(InputModel):
    version: int = Field(ge=1)
    name: Name | None = None
    profile: Profile | None = None
    cohort_id: uuid.UUID | None = None


class TeamMembers(InputModel):
    member_ids: Annotated[list[uuid.UUID], Field(max_length=1000)]
