from __future__ import annotations

import uuid
from datetime import date

from pydantic import Field

from botschaft.core.schemas import OutputModel
from botschaft.posts.schemas import PostOut

FORMULAS = {
    "engagements": "likes + comments + shares",
    "engagement_rate": "(likes + comments + shares) / impressions × 100, over posts whose impressions are known",
    "participation_rate": "influencers who posted in the period / influencers in the program × 100",
    "posts_per_month": "posts in the period / months in the period",
    "earned_media_value": "impressions / 1,000 × the program's rate per 1,000 impressions + "
    "engagements × its rate per engagement (shown only when the program sets rates)",
}


class Totals(OutputModel):
    posts: int
    impressions: int
    likes: int
    comments: int
    shares: int
    engagements: int
    engagement_rate: float | None
    influencers: int
    active_influencers: int
    participation_rate: float | None
    outcomes: int
    earned_media_value: float | None = Field(
        default=None, description="In euros, with the program's own rates; null when off"
    )


class MonthRow(OutputModel):
    month: str = Field(description="YYYY-MM")
    posts: int
    likes: int
    comments: int
    shares: int
    impressions: int
    engagements: int


class GroupRow(OutputModel):
    key: str = Field(description='The group; "other" collects groups too small to show')
    people: int
    posts: int
    engagements: int


class ProgramKpis(OutputModel):
    period_from: date
    period_to: date
    previous_from: date
    previous_to: date
    totals: Totals
    previous: Totals
    monthly: list[MonthRow]
    by_platform: list[GroupRow]
    by_format: list[GroupRow]
    by_occupation: list[GroupRow]
    by_cohort: list[GroupRow]
    by_team: list[GroupRow] = Field(
        description="A post counts for every team of its author; people in no team are left out"
    )
    outcomes_by_type: dict[str, int]
    top_posts: list[PostOut] | None = Field(description="Core team only; null for HR leadership")
    min_group_size: int
    formulas: dict[str, str]


class InfluencerRow(OutputModel):
    member_id: uuid.UUID
    name: str
    occupation: str | None
    status: str
    posts: int
    posts_per_month: float
    target_per_month: int
    engagements: int
    impressions: int
    engagement_rate: float | None
    last_post_on: date | None
    outcomes: int
    check_ins_attended: int = Field(description="Check-ins in the period this person attended")
    check_ins_recorded: int = Field(
        description="Check-ins in the period with this person's attendance taken"
    )
    modules_done: int
    modules_total: int = Field(description="Modules of the program (and of this person's cohort)")
    monthly_posts: list[int] = Field(description="Posts per month of the period (sparkline)")


class MyKpis(OutputModel):
    period_from: date
    period_to: date
    me: InfluencerRow
    team: Totals
    formulas: dict[str, str]
