from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import MultilineText
from botschaft.followers.schemas import FollowerLine, ProfileOut
from botschaft.kpis.schemas import InfluencerRow

NoteText = Annotated[MultilineText, StringConstraints(min_length=1, max_length=4000)]


class MonthPosts(OutputModel):
    month: str = Field(description="YYYY-MM")
    posts: int
    engagements: int = Field(description="Likes, comments and shares of the month's posts")
    engagements_per_post: float | None = Field(
        description="engagements / posts of the month; null in a month without posts"
    )


class OutcomeLine(OutputModel):
    id: uuid.UUID
    type: str
    occurred_on: date
    note: str | None


class GroupPeriodOut(OutputModel):
    kind: Literal["cohort", "team"]
    name: str
    from_on: date | None = Field(description="None: since the start (the first cohort)")
    to_on: date | None = Field(description="The last day; None: still")


class InfluencerProfile(OutputModel):
    """One influencer for the core team: who they are, and their figures over the program."""

    member_id: uuid.UUID
    name: str
    email: str
    occupation: str | None
    department: str | None
    occupation_group: str | None
    cohort: str | None
    teams: list[str]
    groups: list[GroupPeriodOut] = Field(
        description="Every cohort and team the person was in, with the days (programs/history.py)"
    )
    status: str
    joined_at: datetime
    period_from: date
    period_to: date
    figures: InfluencerRow
    months: list[MonthPosts] = Field(
        description="Posts per month of the period (the months the person was in the program)"
    )
    outcomes: list[OutcomeLine]
    platforms: list[str] = Field(description="The program's platforms (to record counts for)")
    profiles: list[ProfileOut] = Field(description="Links to the person's own accounts")
    followers: list[FollowerLine] = Field(
        description="Per platform: the latest follower count and the growth since the first"
    )


class NoteIn(InputModel):
    text: NoteText


class NoteOut(OutputModel):
    id: uuid.UUID
    text: str
    author_name: str | None
    mine: bool = Field(description="Written by the caller (only the author edits it)")
    created_at: datetime
    updated_at: datetime
