"""nudges: an influencer's own reminder email per program (off unless they turn it on)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04 01:27:20.997200
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import botschaft.core.database

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "nudge_preferences",
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column(
            "frequency",
            sa.Enum("off", "weekly", "monthly", name="frequency", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("last_sent_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["program_memberships.id"],
            name=op.f("fk_nudge_preferences_membership_id_program_memberships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nudge_preferences")),
        sa.UniqueConstraint("membership_id", name=op.f("uq_nudge_preferences_membership_id")),
    )


def downgrade() -> None:
    op.drop_table("nudge_preferences")
