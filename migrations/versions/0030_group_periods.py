"""group periods: which cohort and teams a person belonged to on which day, backfilled
from the current groups as "since always" (nothing earlier is known), and the months in which
a period changes mid-month

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-04 13:02:07.047649
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "group_edges",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("month_end", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["program_memberships.id"],
            name=op.f("fk_group_edges_member_id_program_memberships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("member_id", "month", name=op.f("pk_group_edges")),
    )
    op.create_table(
        "group_periods",
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("cohort_id", sa.Uuid(), nullable=True),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("from_on", sa.Date(), nullable=True),
        sa.Column("to_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "(cohort_id IS NULL) <> (team_id IS NULL)", name=op.f("ck_group_periods_one_group")
        ),
        sa.ForeignKeyConstraint(
            ["cohort_id"],
            ["cohorts.id"],
            name=op.f("fk_group_periods_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["program_memberships.id"],
            name=op.f("fk_group_periods_member_id_program_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_group_periods_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_periods")),
    )
    with op.batch_alter_table("group_periods", schema=None) as batch_op:
        batch_op.create_index("ix_group_periods_cohort", ["cohort_id", "member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_group_periods_member_id"), ["member_id"], unique=False)
        batch_op.create_index("ix_group_periods_team", ["team_id", "member_id"], unique=False)
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    memberships = sa.table(
        "program_memberships", sa.column("id", sa.Uuid()), sa.column("cohort_id", sa.Uuid())
    )
    team_members = sa.table(
        "team_members", sa.column("team_id", sa.Uuid()), sa.column("member_id", sa.Uuid())
    )
    periods = sa.table(
        "group_periods",
        sa.column("id", sa.Uuid()),
        sa.column("member_id", sa.Uuid()),
        sa.column("cohort_id", sa.Uuid()),
        sa.column("team_id", sa.Uuid()),
    )
    rows = [
        {"id": uuid.uuid4(), "member_id": m, "cohort_id": c, "team_id": None}
        for m, c in bind.execute(
            sa.select(memberships.c.id, memberships.c.cohort_id).where(
                memberships.c.cohort_id.is_not(None)
            )
        )
    ]
    rows += [
        {"id": uuid.uuid4(), "member_id": m, "cohort_id": None, "team_id": t}
        for t, m in bind.execute(sa.select(team_members.c.team_id, team_members.c.member_id))
    ]
    if rows:
        op.bulk_insert(periods, rows)


def downgrade() -> None:
    with op.batch_alter_table("group_periods", schema=None) as batch_op:
        batch_op.drop_index("ix_group_periods_team")
        batch_op.drop_index(batch_op.f("ix_group_periods_member_id"))
        batch_op.drop_index("ix_group_periods_cohort")

    op.drop_table("group_periods")
    op.drop_table("group_edges")
