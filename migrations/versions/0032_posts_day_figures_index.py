"""posts: the program-and-day index also holds the columns the KPIs sum, so the days of a
period outside whole months are summed from the index alone (an index-only scan)

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-04 23:10:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIGURES = ["member_id", "platform", "format", "impressions", "likes", "comments", "shares"]


def upgrade() -> None:
    op.create_index(
        "ix_posts_program_day_figures", "posts", ["program_id", "published_on", *FIGURES]
    )
    op.drop_index("ix_posts_program_published", table_name="posts")


def downgrade() -> None:
    op.create_index("ix_posts_program_published", "posts", ["program_id", "published_on"])
    op.drop_index("ix_posts_program_day_figures", table_name="posts")
