"""selection: the run's distribution by profile, replacements drawn from it, second-wave rounds
over an existing cohort

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-05 01:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import botschaft.core.database

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("selection_runs") as batch:
        batch.add_column(sa.Column("distribution", sa.JSON(), nullable=True))
    with op.batch_alter_table("selection_rounds") as batch:
        batch.add_column(sa.Column("base_cohort_id", sa.Uuid(), nullable=True))
        batch.create_foreign_key(
            batch.f("fk_selection_rounds_base_cohort_id_cohorts"),
            "cohorts",
            ["base_cohort_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "selection_replacements",
        sa.Column("round_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("withdrawn", sa.String(length=36), nullable=False),
        sa.Column("replacement", sa.String(length=36), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("draw", sa.Integer(), nullable=False),
        sa.Column("chances", sa.JSON(), nullable=False),
        sa.Column("relaxation", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_selection_replacements_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["selection_rounds.id"],
            name=op.f("fk_selection_replacements_round_id_selection_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_selection_replacements")),
        sa.UniqueConstraint(
            "round_id", "draw", name=op.f("uq_selection_replacements_round_id_draw")
        ),
    )
    op.create_index(
        op.f("ix_selection_replacements_round_id"),
        "selection_replacements",
        ["round_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_selection_replacements_round_id"), table_name="selection_replacements")
    op.drop_table("selection_replacements")
    with op.batch_alter_table("selection_rounds") as batch:
        batch.drop_constraint(
            batch.f("fk_selection_rounds_base_cohort_id_cohorts"), type_="foreignkey"
        )
        batch.drop_column("base_cohort_id")
    with op.batch_alter_table("selection_runs") as batch:
        batch.drop_column("distribution")
