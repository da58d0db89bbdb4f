"""followers: dated follower (or connection) counts per influencer and platform

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04 07:33:59.121240
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import botschaft.core.database

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "follower_readings",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column(
            "platform",
            sa.Enum(
                "linkedin",
                "instagram",
                "tiktok",
                "youtube",
                "x",
                "facebook",
                "xing",
                "threads",
                "bluesky",
                "mastodon",
                "other",
                name="platform",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("counted_on", sa.Date(), nullable=False),
        sa.Column("followers", sa.Integer(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["program_memberships.id"],
            name=op.f("fk_follower_readings_member_id_program_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_follower_readings_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
            name=op.f("fk_follower_readings_recorded_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follower_readings")),
        sa.UniqueConstraint(
            "member_id",
            "platform",
            "counted_on",
            name=op.f("uq_follower_readings_member_id_platform_counted_on"),
        ),
    )
    with op.batch_alter_table("follower_readings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_follower_readings_program_day", ["program_id", "counted_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("follower_readings", schema=None) as batch_op:
        batch_op.drop_index("ix_follower_readings_program_day")

    op.drop_table("follower_readings")
