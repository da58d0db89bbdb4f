from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import Field

from botschaft.core.schemas import OutputModel


class Person(OutputModel):
    member_id: uuid.UUID
    name: str


class MeetingItem(OutputModel):
    id: uuid.UUID
    title: str
    starts_at: datetime
    pending: int = Field(0, description="Invited people who have not answered yet")


class ModuleItem(OutputModel):
    id: uuid.UUID
    title: str
    due_on: date
    behind: list[Person] = Field(description="Active influencers who have not finished it")


class QuietPerson(Person):
    last_post_on: date | None


class BriefingItem(OutputModel):
    id: uuid.UUID
    title: str
    expires_at: datetime


class OutcomeItem(OutputModel):
    id: uuid.UUID
    type: str
    name: str
    occurred_on: date


class RoundItem(OutputModel):
    id: uuid.UUID
    name: str


class Pulse(OutputModel):
    month: date = Field(description="First day of the running month")
    posts: int
    engagements: int
    last_month_posts: int
    last_month_engagements: int
    target_posts: int = Field(description="The monthly target per person × active influencers")


class TodayOut(OutputModel):
    """What needs the core team now; each list empty when nothing does."""

    applications_to_review: int = Field(
        description="Applications in the program's open or closed calls that I have not reviewed"
    )
    open_rounds: list[RoundItem]
    new_requests: int = Field(description="Requests in the inbox nobody has answered yet")
    meetings_missing_rsvp: list[MeetingItem] = Field(description="The next 7 days")
    meetings_without_attendance: list[MeetingItem] = Field(description="Past, newest first")
    overdue_modules: list[ModuleItem]
    quiet_weeks: int
    quiet_influencers: list[QuietPerson] = Field(
        description="Active influencers without a post for `quiet_weeks` weeks, by name"
    )
    expiring_briefings: list[BriefingItem] = Field(description="Expiring in the next 7 days")
    recent_outcomes: list[OutcomeItem] = Field(description="Recorded in the last 7 days")
    pulse: Pulse
