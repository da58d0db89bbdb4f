from __future__ import annotations

import uuid
from datetime import date

from pydantic import Field

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import WebLink
from botschaft.tenancy.models import Platform

MOST_FOLLOWERS = 2_000_000_000  # fits the 32-bit column, above any account's count


class ReadingIn(InputModel):
    platform: Platform
    followers: int = Field(ge=0, le=MOST_FOLLOWERS, description="Followers or connections")
    counted_on: date | None = Field(default=None, description="Default: today")
    member_id: uuid.UUID | None = Field(
        default=None, description="Core team only: whose count (default: the caller's own)"
    )
    confirm_drop: bool = Field(
        default=False,
        description="Keep a count under a tenth of the one before (else 409 `followers_drop`)",
    )


class FollowerImportOut(OutputModel):
    rows: int = Field(description="Counts in the file")
    added: int
    changed: int = Field(description="Counts of a day that was stored with another number")
    unchanged: int
    people: int
    first_day: date | None
    last_day: date | None
    dry_run: bool = Field(description="Only checked: nothing was stored")


class ReadingOut(OutputModel):
    id: uuid.UUID
    member_id: uuid.UUID
    platform: str
    counted_on: date
    followers: int


class FollowerLine(OutputModel):
    """One platform of one person: the latest count and the growth since the first."""

    platform: str
    followers: int
    counted_on: date
    first_followers: int
    first_counted_on: date
    growth: int = Field(description="followers − first_followers")
    latest_id: uuid.UUID = Field(description="The latest reading (to correct or delete it)")


class ProfileIn(InputModel):
    platform: Platform
    url: WebLink | None = Field(
        default=None, description="The account's address on the platform; empty removes it"
    )
    member_id: uuid.UUID | None = Field(
        default=None, description="Core team only: whose account (default: the caller's own)"
    )


class ProfileOut(OutputModel):
    platform: str
    url: str


class MyFollowers(OutputModel):
    lines: list[FollowerLine]
    profiles: list[ProfileOut]
    platforms: list[str] = Field(description="The program's platforms, to record counts for")
