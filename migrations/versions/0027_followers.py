"""followers: dated follower (or connection) counts per influencer and platform, and links to
the influencers' own accounts

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


def _platform() -> sa.Enum:
    names = "linkedin instagram tiktok youtube x facebook xing threads bluesky mastodon other"
    return sa.Enum(*names.split(), name="platform", native_enum=False, length=32)


def upgrade() -> None:
    op.create_table(
        "follower_readings",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("platform", _platform(), nullable=False),
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
            "ix_follower_readings_series",
            ["program_id", "member_id", "platform", "counted_on"],
            unique=False,
        )
    op.create_table(
        "social_profiles",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("platform", _platform(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["program_memberships.id"],
            name=op.f("fk_social_profiles_member_id_program_memberships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_social_profiles")),
        sa.UniqueConstraint(
            "member_id", "platform", name=op.f("uq_social_profiles_member_id_platform")
        ),
    )


def downgrade() -> None:
    op.drop_table("social_profiles")
    with op.batch_alter_table("follower_readings", schema=None) as batch_op:
        batch_op.drop_index("ix_follower_readings_series")

    op.drop_table("follower_readings")
