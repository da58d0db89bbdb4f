from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from botschaft.core.errors import FieldError
from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import MultilineText, Text
from botschaft.posts.models import MAX_COUNT, OutcomeType, PostFormat
from botschaft.programs.schemas import Hashtag, normalise_hashtags
from botschaft.tenancy.models import Platform

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Note = Annotated[MultilineText, StringConstraints(max_length=2000)]
Topic = Annotated[Text, StringConstraints(max_length=200)]


class PostCreate(InputModel):
    # Not WebLink: a post's address may be pasted without https:// (posts/urls.py parses it).
    url: Annotated[Text, StringConstraints(min_length=4, max_length=2000)]
    published_on: date | None = Field(
        default=None, description="Defaults to today in the program's time zone; not in the future"
    )
    format: PostFormat = PostFormat.text
    hashtags: Annotated[list[Hashtag], Field(max_length=30)] = []
    topic: Topic | None = None
    note: Note | None = None
    member_id: uuid.UUID | None = Field(
        default=None, description="Core team only: the influencer this post belongs to"
    )
    outside_period: bool = Field(
        default=False,
        description="Core team only: accept a date outside the program's period or before the "
        "person's cohort started (a post made shortly before the official start, say); "
        "influencers' dates must be inside both",
    )

    _tags = field_validator("hashtags")(lambda cls, v: normalise_hashtags(v))


class PostUpdate(InputModel):
    version: int = Field(ge=1)
    published_on: date | None = None
    outside_period: bool = Field(
        default=False,
        description="Core team only: accept a date outside the program's period or before the "
        "person's cohort started (a post made shortly before the official start, say); "
        "influencers' dates must be inside both",
    )
    format: PostFormat | None = None
    hashtags: Annotated[list[Hashtag], Field(max_length=30)] | None = None
    topic: Topic | None = None
    note: Note | None = None

    _tags = field_validator("hashtags")(lambda cls, v: v if v is None else normalise_hashtags(v))


class Figures(InputModel):
    """Counts as read on the platform. Impressions, clicks and saves are optional."""

    read_at: datetime | None = Field(default=None, description="When they were read; default now")
    impressions: Count | None = None
    likes: Count = 0
    comments: Count = 0
    shares: Count = 0
    clicks: Count | None = None
    saves: Count | None = None


class FiguresItem(Figures):
    post_id: uuid.UUID


class FiguresBatch(InputModel):
    """Figures for several posts at once ("update all my recent posts"): all or none."""

    items: Annotated[list[FiguresItem], Field(min_length=1, max_length=200)]


class FiguresOut(OutputModel):
    read_at: datetime
    impressions: int | None
    likes: int
    comments: int
    shares: int
    clicks: int | None
    saves: int | None


class PostOut(OutputModel):
    id: uuid.UUID
    member_id: uuid.UUID
    member_name: str
    url: str
    normalized_url: str
    post_key: str = Field(
        description="The post's canonical key, the same for every link form of one post "
        "(e.g. linkedin:activity:7150…, youtube:dQw4w9WgXcQ); unique per program"
    )
    platform: Platform
    published_on: date
    format: PostFormat
    hashtags: list[str]
    uses_program_hashtag: bool
    topic: str | None
    note: str | None
    impressions: int | None
    likes: int
    comments: int
    shares: int
    clicks: int | None
    saves: int | None
    figures_read_at: datetime | None
    engagements: int = Field(description="likes + comments + shares")
    engagement_rate: float | None = Field(
        description="(likes + comments + shares) / impressions × 100; null without impressions"
    )
    outcomes: int = Field(description="Requests, applications and hires attributed to this post")
    version: int
    created_at: datetime


class OutcomeCreate(InputModel):
    type: OutcomeType
    occurred_on: date | None = Field(default=None, description="Default today; not in the future")
    member_id: uuid.UUID | None = Field(
        default=None, description="Core team only: whose outcome (influencers record their own)"
    )
    post_id: uuid.UUID | None = None
    note: Note | None = None
    outside_period: bool = Field(
        default=False,
        description="Core team only: accept a date outside the program's period or before the "
        "person's cohort started (a post made shortly before the official start, say); "
        "influencers' dates must be inside both",
    )


class OutcomeOut(OutputModel):
    id: uuid.UUID
    type: OutcomeType
    occurred_on: date
    member_id: uuid.UUID
    member_name: str
    post_id: uuid.UUID | None
    note: str | None
    created_at: datetime


class ImportPreviewOut(OutputModel):
    columns: list[str] = Field(description="The file's column headers")
    mapping: dict[str, str] = Field(description="field -> column used (suggested or sent)")
    ignored: list[str] = Field(description="The file's columns no field reads: not imported")
    fields: list[str] = Field(description="Fields a column can be mapped to")
    rows_total: int
    sample: list[dict[str, str | int | None]] = Field(description="The first rows as mapped")
    matched: int = Field(description="Rows whose link matches a logged post")
    unmatched: int
    errors: list[FieldError] = Field(description="Row-level problems: field rows[N].name")


class ImportResultOut(OutputModel):
    rows: int
    posts_created: int
    readings_added: int
    readings_updated: int


class ArchivePostOut(OutputModel):
    """One post found in the person's data archive."""

    platform: Platform
    published_on: date
    url: str | None = Field(description="null: the archive has no link (Instagram); paste it")
    text: str = Field(description="The start of the post's text, as a reminder")
    hashtags: list[str]
    format: PostFormat
    in_period: bool = Field(description="Published within the program's period so far")
    already_logged: bool
    uses_program_hashtag: bool
    preselected: bool = Field(
        description="Suggested: in the period, not logged yet, and with the program hashtag "
        "(or, when the archive has no post texts, every such post)"
    )


class ArchivePreviewOut(OutputModel):
    source: Platform = Field(description="Whose archive it is: linkedin, instagram or tiktok")
    files: list[str] = Field(description="The files read from the archive; nothing else was")
    posts: list[ArchivePostOut]
    outside_period: int = Field(description="Posts found outside the program's period")


class ArchivePostIn(InputModel):
    url: Annotated[Text, StringConstraints(min_length=4, max_length=2000)]
    published_on: date
    format: PostFormat = PostFormat.text
    hashtags: Annotated[list[Hashtag], Field(max_length=30)] = []

    _tags = field_validator("hashtags")(lambda cls, v: normalise_hashtags(v))


class ArchiveLogIn(InputModel):
    posts: Annotated[list[ArchivePostIn], Field(min_length=1, max_length=500)]


class ArchiveLogOut(OutputModel):
    created: int
    skipped: list[str] = Field(description="Links of posts that were already logged")
