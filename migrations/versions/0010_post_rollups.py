"""post rollups: posts summed per influencer and month and per program and month (with its
changes not yet folded in) for the KPIs; top-posts index

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The rollup as of this revision, filled from the posts already there (written out here, not
# imported from the app, so the migration stays as it is when the app changes).
_FILL = """
INSERT INTO post_rollups (member_id, month, dimension, key, program_id, posts, impressions,
    likes, comments, shares, engaged_known, last_post_on, platforms, formats)
SELECT member_id, {month}, '{dimension}', {key}, program_id, count(*),
    coalesce(sum(impressions), 0), coalesce(sum(likes), 0), coalesce(sum(comments), 0),
    coalesce(sum(shares), 0),
    coalesce(sum(CASE WHEN impressions IS NOT NULL THEN likes + comments + shares ELSE 0 END), 0),
    max(published_on), {platforms}, {formats}
FROM posts GROUP BY member_id, {month}, program_id{group}
"""
_FILL_PROGRAM = """
INSERT INTO program_post_rollups (program_id, dimension, key, month, posts, impressions, likes,
    comments, shares, engaged_known)
SELECT program_id, dimension, key, month, sum(posts), sum(impressions), sum(likes),
    sum(comments), sum(shares), sum(engaged_known)
FROM post_rollups GROUP BY program_id, dimension, key, month
"""
# The bits of the rollup's bit sets as of this revision (posts/rollup.py: BITS).
_PLATFORMS = ["linkedin", "instagram", "tiktok", "youtube", "x", "facebook", "xing", "threads"]
_PLATFORMS += ["bluesky", "mastodon", "other"]
_FORMATS = ["text", "image", "video", "carousel", "live", "article"]


def _bit_set(column: str, values: list[str]) -> str:
    bits = " ".join(f"WHEN '{v}' THEN {1 << n}" for n, v in enumerate(values))
    return f"coalesce(sum(DISTINCT CASE {column} {bits} ELSE 0 END), 0)"


def _sums() -> list[sa.Column]:
    names = ("posts", "impressions", "likes", "comments", "shares", "engaged_known")
    return [sa.Column(name, sa.BigInteger(), nullable=False) for name in names]


def _program_columns(table: str) -> list:
    """Program, dimension, key, month and the sums: a program rollup row and a change of it."""
    return [
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("dimension", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        *_sums(),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f(f"fk_{table}_program_id_programs"),
            ondelete="CASCADE",
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "post_rollups",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("dimension", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column("program_id", sa.Uuid(), nullable=False),
        *_sums(),
        sa.Column("last_post_on", sa.Date(), nullable=False),
        sa.Column("platforms", sa.Integer(), nullable=False),
        sa.Column("formats", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["program_memberships.id"],
            name=op.f("fk_post_rollups_member_id_program_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_post_rollups_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "member_id", "month", "dimension", "key", name=op.f("pk_post_rollups")
        ),
    )
    op.create_index(
        "ix_post_rollups_breakdown",
        "post_rollups",
        ["program_id", "dimension", "key", "member_id", "month"],
        unique=False,
        postgresql_include=[
            "posts",
            "impressions",
            "likes",
            "comments",
            "shares",
            "engaged_known",
            "last_post_on",
            "platforms",
            "formats",
        ],
    )
    op.create_table(
        "program_post_rollups",
        *_program_columns("program_post_rollups"),
        sa.PrimaryKeyConstraint(
            "program_id", "dimension", "key", "month", name=op.f("pk_program_post_rollups")
        ),
    )
    op.create_table(
        "program_post_rollup_changes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        *_program_columns("program_post_rollup_changes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_program_post_rollup_changes")),
    )
    op.create_index(
        "ix_program_post_rollup_changes_program",
        "program_post_rollup_changes",
        ["program_id", "month"],
        unique=False,
    )
    op.create_index(
        "ix_posts_program_engagements",
        "posts",
        ["program_id", sa.text("(likes + comments + shares) DESC")],
        unique=False,
    )
    postgres = op.get_bind().dialect.name == "postgresql"
    month = (
        "date_trunc('month', published_on)::date"
        if postgres
        else "date(published_on, 'start of month')"
    )
    for dimension, column in (("all", None), ("platform", "platform"), ("format", "format")):
        every = column is None
        op.execute(
            _FILL.format(
                month=month,
                dimension=dimension,
                key="''" if every else column,
                group="" if every else f", {column}",
                platforms=_bit_set("platform", _PLATFORMS) if every else "0",
                formats=_bit_set("format", _FORMATS) if every else "0",
            )
        )
    op.execute(_FILL_PROGRAM)


def downgrade() -> None:
    op.drop_index(
        "ix_program_post_rollup_changes_program", table_name="program_post_rollup_changes"
    )
    op.drop_table("program_post_rollup_changes")
    op.drop_table("program_post_rollups")
    op.drop_index("ix_posts_program_engagements", table_name="posts")
    op.drop_index("ix_post_rollups_breakdown", table_name="post_rollups")
    op.drop_table("post_rollups")
