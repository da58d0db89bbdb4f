"""influencers: the core team's private support notes about an influencer (erased with the membership)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04 01:39:55.174545
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import botschaft.core.database

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "support_notes",
        sa.Column("membership_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_support_notes_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["program_memberships.id"],
            name=op.f("fk_support_notes_membership_id_program_memberships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_notes")),
    )
    with op.batch_alter_table("support_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_support_notes_membership_id"), ["membership_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("support_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_support_notes_membership_id"))

    op.drop_table("support_notes")
