from __future__ import annotations

import uuid
import zoneinfo
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from botschaft.auth.invitations import Access
from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import Email, MultilineText, Text, TextRule
from botschaft.tenancy.models import MembershipStatus, Platform, ProgramRole

Hashtag = Annotated[str, StringConstraints(pattern=r"^#?[\w\-]{1,100}$"), TextRule()]
Name = Annotated[Text, StringConstraints(min_length=1, max_length=200)]
Short = Annotated[Text, StringConstraints(max_length=200)]
Group = Annotated[Text, StringConstraints(max_length=100)]
Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$"), TextRule()
]


def _valid_timezone(value: str) -> str:
    if value not in zoneinfo.available_timezones():
        raise ValueError("Unknown time zone; use an IANA name such as Europe/Berlin")
    return value


def normalise_hashtags(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for tag in values:
        tag = "#" + tag.lstrip("#")
        seen.setdefault(tag.lower(), tag)
    return list(seen.values())


class ProgramOut(OutputModel):
    id: uuid.UUID
    name: str
    slug: str
    description: str
    hashtags: list[str]
    platforms: list[Platform]
    starts_on: date | None
    ends_on: date | None
    timezone: str
    target_posts_per_month: int
    min_group_size: int
    rankings_enabled: bool
    emv_per_thousand_impressions: float | None
    emv_per_engagement: float | None
    version: int
    my_role: ProgramRole | None = Field(
        description="The caller's role in this program; null for an administrator"
    )
    member_counts: dict[str, int]


class _ProgramFields(InputModel):
    description: Annotated[MultilineText, StringConstraints(max_length=20_000)] | None = None
    hashtags: Annotated[list[Hashtag], Field(max_length=20)] | None = None
    platforms: Annotated[list[Platform], Field(max_length=11)] | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    timezone: Annotated[Text, StringConstraints(max_length=64)] | None = None
    target_posts_per_month: Annotated[int, Field(ge=0, le=100)] | None = None
    min_group_size: Annotated[int, Field(ge=2, le=100)] | None = None
    rankings_enabled: bool | None = None
    emv_per_thousand_impressions: Annotated[float, Field(ge=0, le=10_000)] | None = Field(
        default=None, description="Euros per 1,000 impressions; null turns the value off"
    )
    emv_per_engagement: Annotated[float, Field(ge=0, le=10_000)] | None = Field(
        default=None, description="Euros per engagement; null turns the value off"
    )

    _tz = field_validator("timezone")(lambda cls, v: v if v is None else _valid_timezone(v))
    _tags = field_validator("hashtags")(lambda cls, v: v if v is None else normalise_hashtags(v))

    @model_validator(mode="after")
    def _period(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on must not be before starts_on")
        return self


class ProgramPerson(InputModel):
    """Someone who runs or reads the program from the start; influencers come through a call
    and its selection, or are added later."""

    email: Email
    name: Name
    role: Annotated[ProgramRole, Field(description="core_team or hr_viewer")]

    @field_validator("role")
    @classmethod
    def _not_influencer(cls, role: ProgramRole) -> ProgramRole:
        if role == ProgramRole.influencer:
            raise ValueError("Influencers join through a call or later, not with the program")
        return role


class ProgramCreate(_ProgramFields):
    name: Name
    slug: Slug
    people: Annotated[list[ProgramPerson], Field(max_length=50)] = Field(
        default_factory=list,
        description="Core team and HR viewers, added (and invited) with the program in one step",
    )

    @field_validator("people")
    @classmethod
    def _each_person_once(cls, people: list[ProgramPerson]) -> list[ProgramPerson]:
        seen: set[str] = set()
        for person in people:
            email = person.email.strip().lower()
            if email in seen:
                # One role per person and program: core team and HR would see different things.
                raise ValueError(f"{person.email} is named twice; a person has one role")
            seen.add(email)
        return people


class ProgramUpdate(_ProgramFields):
    version: int = Field(ge=1, description="The version you read; a stale one is answered 409")
    name: Name | None = None


class MemberOut(OutputModel):
    id: uuid.UUID
    user_id: uuid.UUID
    name: str
    email: str
    role: ProgramRole
    occupation: str | None
    department: str | None
    occupation_group: str | None
    joined_at: datetime
    cohort_id: uuid.UUID | None
    status: MembershipStatus
    # Whether the person can get in: a password or a sign-in, an open or expired invitation.
    access: Access
    invitation_expires_at: datetime | None


class MemberCreate(InputModel):
    email: Email
    name: Name
    role: ProgramRole
    occupation: Short | None = None
    department: Short | None = None
    occupation_group: Group | None = None


class MemberUpdate(InputModel):
    role: ProgramRole | None = None
    occupation: Short | None = None
    department: Short | None = None
    occupation_group: Group | None = None
