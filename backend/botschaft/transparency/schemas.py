from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from botschaft.core.schemas import OutputModel

Level = Literal["individual", "own", "aggregate", "none"]
Audience = Literal["self", "peers", "core_team", "hr_viewer", "admin"]


class HrViewOut(OutputModel):
    min_group_size: int = Field(description="Groups of fewer people are merged into “other”")
    whole_months_only: bool
    rankings_enabled: bool
    breakdowns: list[str] = Field(description="Dimensions HR leadership sees broken out")
    figures: list[str] = Field(description="Figures HR leadership sees")
    top_questions: bool = Field(
        description="HR sees the most asked applicant-question topics (each from at least "
        "min_group_size people; never who asked or who noted a question)"
    )


class MonthOut(OutputModel):
    month: str = Field(description="YYYY-MM")
    posts: int
    outcomes: int


class FigureOut(OutputModel):
    figure: str
    mine: int = Field(description="What this person adds to the program figure in the period")
    included: bool


class GroupOut(OutputModel):
    breakdown: str
    key: str = Field(description='This person\'s group; "other" when they have none')
    status: Literal["shown", "merged", "hidden"] = Field(
        description="shown: HR sees this group; merged: it is inside “other”; hidden: the "
        "breakdown shows nothing that includes this person"
    )
    people: int | None = Field(description="People in the row HR sees (null when hidden)")


class AccessOut(OutputModel):
    category: str
    subjects: list[str]
    levels: dict[Audience, Level]


class RetentionOut(OutputModel):
    application_days: int
    session_idle_minutes: int
    session_absolute_hours: int
    erased_with_membership: list[str]
    audit_log_erased_automatically: bool


class MyTransparency(OutputModel):
    program_name: str
    period_from: date
    period_to: date
    hr: HrViewOut
    posted: bool = Field(description="Whether this person posted in the period at all")
    months: list[MonthOut] = Field(description="Months with this person's posts or outcomes")
    figures: list[FigureOut]
    groups: list[GroupOut]
    who_sees: list[AccessOut]
    retention: RetentionOut
