from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field

from botschaft.core.schemas import OutputModel
from botschaft.posts.schemas import PostOut
from botschaft.tenancy.models import Platform

FORMULAS = {
    "engagements": "likes + comments + shares",
    "engagement_rate": "(likes + comments + shares) / impressions × 100, over posts whose impressions are known",
    "participation_rate": "influencers who posted in the period / influencers in the program × 100",
    "posts_per_month": "posts in the period / months in the period",
    "followers": "the sum, over people and platforms, of the latest follower count on or before "
    "the period's last day",
    "follower_growth": "per person and platform: followers at the period's end − the latest count "
    "before it began (or the first count in it), summed",
    "person_followers": "per person: the sum, over their platforms, of the latest follower count "
    "on or before the period's last day (none recorded by then: no figure)",
    "person_follower_growth": "per person: the sum, over their platforms, of followers at the "
    "period's end − the latest count before it began (or the first count in it); the "
    "program's followers gained is the sum of the people's",
    "earned_media_value": "impressions / 1,000 × the program's rate per 1,000 impressions + "
    "engagements × its rate per engagement (shown only when the program sets rates)",
}


SUPPRESSED = Field(
    default_factory=dict,
    description="HR leadership only: the figures left null and why (a code: "
    '"fewer_than_min_group", "month_not_over" or "rest_fewer_than_min_group"); see '
    "kpis/privacy.py",
)


class Totals(OutputModel):
    """Null figures are hidden from HR leadership; `suppressed` says why."""

    posts: int | None
    impressions: int | None
    likes: int | None
    comments: int | None
    shares: int | None
    engagements: int | None
    engagement_rate: float | None
    influencers: int
    active_influencers: int | None
    participation_rate: float | None
    outcomes: int | None
    followers: int | None = Field(
        default=None, description="Followers at the period's end (people who recorded counts)"
    )
    follower_growth: int | None = Field(default=None, description="Followers gained in the period")
    earned_media_value: float | None = Field(
        default=None, description="In euros, with the program's own rates; null when off"
    )
    suppressed: dict[str, str] = SUPPRESSED


class MonthRow(OutputModel):
    month: str = Field(description="YYYY-MM")
    posts: int | None
    likes: int | None
    comments: int | None
    shares: int | None
    impressions: int | None
    engagements: int | None
    suppressed: str | None = Field(
        default=None,
        description="HR leadership only: why this month's figures are null "
        '("fewer_than_min_group", "month_not_over" or "rest_fewer_than_min_group")',
    )


class GroupRow(OutputModel):
    key: str = Field(description='The group; "other" collects groups too small to show')
    people: int
    posts: int
    engagements: int


class FilterQuery(BaseModel):
    """Narrows every KPI view and export (kpis/filters.py). Not an InputModel: the request's
    other query parameters (period, paging) are not its fields."""

    platform: Platform | None = Field(default=None, description="Only posts on this platform")
    cohort: uuid.UUID | None = Field(default=None, description="Only people of this cohort")
    team: uuid.UUID | None = Field(default=None, description="Only people of this team")


class AppliedFilter(OutputModel):
    """The filter the figures are narrowed to (each part null when not set)."""

    platform: str | None = None
    cohort_id: uuid.UUID | None = None
    cohort: str | None = Field(default=None, description="The cohort's name")
    team_id: uuid.UUID | None = None
    team: str | None = Field(default=None, description="The team's name")


class Choice(OutputModel):
    id: uuid.UUID
    name: str


class FilterChoices(OutputModel):
    """What the figures can be narrowed to: the program's platforms, cohorts and teams."""

    platforms: list[str]
    cohorts: list[Choice]
    teams: list[Choice]


class TopQuestion(OutputModel):
    topic: str
    questions: int


class BroughtPost(OutputModel):
    """A post and the outcomes attributed to it in the period: what it brought."""

    post: PostOut
    outcomes: int = Field(description="Outcomes of the period attributed to the post")
    requests: int = Field(description="Of them requests (internship, job, talk, podcast, press)")
    results: int = Field(description="Of them results (hire, internship agreed, talk given)")
    by_type: dict[str, int]


class ProgramKpis(OutputModel):
    period_from: date
    period_to: date
    previous_from: date = Field(
        description="First day of the period compared with: as many whole months just before "
        "a period of whole months, else as many days directly before"
    )
    previous_to: date = Field(description="Last day of the period compared with")
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
    outcomes_by_type: dict[str, int] = Field(
        description='For HR leadership, types of fewer people than the minimum are merged into "other"'
    )
    top_posts: list[PostOut] | None = Field(
        description="Core team, and HR leadership when the program turned rankings on; else null"
    )
    top_questions: list[TopQuestion] = Field(
        description="The topics applicants asked about most in the period (at most 5). For HR "
        "leadership only topics noted by at least min_group_size people in the shown months; "
        "`suppressed` says why when none is left"
    )
    brought: list[BroughtPost] | None = Field(
        description="Core team only: the posts with the most outcomes of the period (at most "
        "10), with their requests and results; null for HR leadership"
    )
    min_group_size: int
    filter: AppliedFilter = Field(
        description="Platform, cohort and team the figures are narrowed to. For HR leadership "
        "a filtered view has no breakdowns, and a month is shown only when at least "
        "min_group_size people posted in the filter and nobody or at least min_group_size "
        "outside it",
    )
    choices: FilterChoices
    restricted: bool = Field(
        default=False,
        description="HR leadership's view: whole months only, figures of fewer people than "
        "min_group_size hidden (kpis/privacy.py)",
    )
    suppressed: dict[str, str] = Field(
        default_factory=dict,
        description="HR leadership only: breakdowns left empty and why (by_platform, …, "
        'outcomes_by_type); "filtered" when the view is filtered',
    )
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
    followers: int | None = Field(
        default=None,
        description="Followers at the period's end, summed over platforms (null: no count "
        "recorded by then); FORMULAS person_followers",
    )
    follower_growth: int | None = Field(
        default=None,
        description="Followers gained in the period (null: no count recorded by its end); "
        "FORMULAS person_follower_growth",
    )


class MyKpis(OutputModel):
    period_from: date
    period_to: date
    me: InfluencerRow
    team: Totals
    formulas: dict[str, str]
