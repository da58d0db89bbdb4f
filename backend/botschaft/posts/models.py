from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from botschaft.core.database import Base, IdMixin, TimestampMixin, VersionedMixin, utcnow
from botschaft.core.enums import string_enum
from botschaft.posts.urls import identify
from botschaft.tenancy.models import Platform


class PostFormat(StrEnum):
    # New formats go at the end: the KPI rollup numbers them in this order (posts/rollup.py).
    text = "text"
    image = "image"
    video = "video"
    carousel = "carousel"
    live = "live"
    article = "article"


class OutcomeType(StrEnum):
    internship_request = "internship_request"
    job_application = "job_application"
    speaker_request = "speaker_request"
    podcast_request = "podcast_request"
    press_request = "press_request"
    hire = "hire"
    other = "other"
    # Results a request can lead to (inbox/): an internship agreed, a talk or interview given.
    internship = "internship"
    talk = "talk"


# Outcomes where someone asked, and outcomes where it led somewhere ("other" is neither).
REQUEST_OUTCOMES = frozenset(
    {
        OutcomeType.internship_request,
        OutcomeType.job_application,
        OutcomeType.speaker_request,
        OutcomeType.podcast_request,
        OutcomeType.press_request,
    }
)
RESULT_OUTCOMES = frozenset({OutcomeType.hire, OutcomeType.internship, OutcomeType.talk})


def _key_from_normalized_url(context) -> str:
    return identify(context.get_current_parameters()["normalized_url"]).key


METRICS = ("impressions", "likes", "comments", "shares", "clicks", "saves")


class Post(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A post an influencer published. The latest figures are kept on the post (the history
    is in post_metric_snapshots), so KPIs never have to find "the latest snapshot" per post."""

    __tablename__ = "posts"
    __table_args__ = (
        # One post, one identity: its canonical key, whichever link form was logged (urls.py).
        UniqueConstraint("program_id", "post_key"),
        # A program's posts by day, holding every column the KPIs sum: the days of a period
        # outside whole months are summed from this index alone (kpis/facts.py), without
        # reading the posts (an index-only scan; docs/benchmarks.md, "Any period").
        Index(
            "ix_posts_program_day_figures",
            "program_id",
            "published_on",
            "member_id",
            "platform",
            "format",
            "impressions",
            "likes",
            "comments",
            "shares",
        ),  # fmt: skip
        Index("ix_posts_member_published", "member_id", "published_on"),
    )

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE")
    )
    url: Mapped[str] = mapped_column(String(2000))
    normalized_url: Mapped[str] = mapped_column(String(2000))
    # Computed from normalized_url when not given, so rows written without it (tests,
    # benchmarks, the demo) get the same key the service would give them.
    post_key: Mapped[str] = mapped_column(String(2000), default=_key_from_normalized_url)
    platform: Mapped[Platform] = mapped_column(string_enum(Platform))
    published_on: Mapped[date]
    format: Mapped[PostFormat] = mapped_column(string_enum(PostFormat), default=PostFormat.text)
    hashtags: Mapped[list[str]] = mapped_column(JSON, default=list)
    uses_program_hashtag: Mapped[bool] = mapped_column(default=False)
    topic: Mapped[str | None] = mapped_column(String(200), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    impressions: Mapped[int | None] = mapped_column(default=None)
    likes: Mapped[int] = mapped_column(default=0)
    comments: Mapped[int] = mapped_column(default=0)
    shares: Mapped[int] = mapped_column(default=0)
    clicks: Mapped[int | None] = mapped_column(default=None)
    saves: Mapped[int | None] = mapped_column(default=None)
    figures_read_at: Mapped[datetime | None] = mapped_column(default=None)


ENGAGEMENTS = Post.likes + Post.comments + Post.shares
# The largest count a post's figures may hold. The figure columns are 32-bit integers, and the
# database adds likes + comments + shares in 32 bits (queries and the index below): three counts
# of this size still fit, so PostgreSQL never fails with "integer out of range".
MAX_COUNT = 700_000_000
# The core team's "top posts" walk this index instead of sorting every post of the period.
# (Written as PostgreSQL reflects it, so comparing models and migrations sees no difference.)
Index("ix_posts_program_engagements", Post.program_id, text("(likes + comments + shares) DESC"))


class PostMetricSnapshot(IdMixin, Base):
    """Figures as read at one moment; re-reading the same moment replaces nothing (unique)."""

    __tablename__ = "post_metric_snapshots"
    __table_args__ = (UniqueConstraint("post_id", "read_at"),)

    post_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    read_at: Mapped[datetime] = mapped_column(default=utcnow)
    impressions: Mapped[int | None] = mapped_column(default=None)
    likes: Mapped[int] = mapped_column(default=0)
    comments: Mapped[int] = mapped_column(default=0)
    shares: Mapped[int] = mapped_column(default=0)
    clicks: Mapped[int | None] = mapped_column(default=None)
    saves: Mapped[int | None] = mapped_column(default=None)
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )


class Outcome(IdMixin, TimestampMixin, Base):
    """What a post or an influencer brought: requests, applications, hires."""

    __tablename__ = "outcomes"
    __table_args__ = (Index("ix_outcomes_program_occurred", "program_id", "occurred_on"),)

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), index=True
    )
    post_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL"), index=True, default=None
    )
    type: Mapped[OutcomeType] = mapped_column(string_enum(OutcomeType))
    occurred_on: Mapped[date]
    note: Mapped[str | None] = mapped_column(Text, default=None)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    # Kept by a request in the inbox (what it counts as or led to): it changes and goes with
    # the request there, never on its own (posts/service.delete_outcome).
    from_request: Mapped[bool] = mapped_column(default=False)


SUMMED = ("posts", "impressions", "likes", "comments", "shares", "engaged_known")


class RollupSums:
    """The sums every rollup row holds (SUMMED)."""

    posts: Mapped[int] = mapped_column(BigInteger)
    impressions: Mapped[int] = mapped_column(BigInteger)
    likes: Mapped[int] = mapped_column(BigInteger)
    comments: Mapped[int] = mapped_column(BigInteger)
    shares: Mapped[int] = mapped_column(BigInteger)
    # likes + comments + shares of the posts whose impressions are known (engagement rate)
    engaged_known: Mapped[int] = mapped_column(BigInteger)


class PostRollup(RollupSums, Base):
    """Posts and their latest figures summed per influencer and calendar month: one row for
    all posts (dimension "all", key ""), one per platform and one per format. Kept up to date
    in the same transaction as every write to posts (posts/rollup.py), so the dashboards sum a
    few rows per person and month instead of scanning every post; it holds nothing that
    cannot be recomputed from posts (`botschaft rebuild-rollup`)."""

    __tablename__ = "post_rollups"
    __table_args__ = (
        # In the order the breakdowns group (key, then person), with the sums included:
        # PostgreSQL answers them from the index alone, without sorting.
        Index(
            "ix_post_rollups_breakdown",
            "program_id",
            "dimension",
            "key",
            "member_id",
            "month",
            postgresql_include=[*SUMMED, "last_post_on", "platforms", "formats"],
        ),
    )

    member_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("program_memberships.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(primary_key=True)  # its first day
    dimension: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    last_post_on: Mapped[date]
    # The platforms and formats the person posted on that month, as bit sets (rollup.BITS;
    # rows of dimension "all" only): the breakdowns count people per platform from these.
    platforms: Mapped[int] = mapped_column(default=0)
    formats: Mapped[int] = mapped_column(default=0)


class ProgramPostRollup(RollupSums, Base):
    """The rollup summed over the program's people, per month and platform, format or all
    posts: the totals, the monthly series and the sums per platform and format read a few
    dozen of these rows (and the changes not yet folded into them)."""

    __tablename__ = "program_post_rollups"

    program_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), primary_key=True
    )
    dimension: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(20), primary_key=True)
    month: Mapped[date] = mapped_column(primary_key=True)


class ProgramPostRollupChange(RollupSums, Base):
    """A difference to program_post_rollups, appended whenever a person's rollup rows change.
    Appending never waits for another writer (updating the program's few rows in place
    would make every post write of a program wait for the one before it to commit); a job
    folds the changes into program_post_rollups every minute, and readers add the rest."""

    __tablename__ = "program_post_rollup_changes"
    __table_args__ = (Index("ix_program_post_rollup_changes_program", "program_id", "month"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    dimension: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(20))
    month: Mapped[date]
