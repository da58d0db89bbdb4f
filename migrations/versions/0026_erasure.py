"""erasure: requests to erase an account (GDPR Art. 17); an erased person's memberships stay
without a user, so the program's totals keep their sums

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04 04:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import botschaft.core.database

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What points at a membership at this revision, children before parents (for the downgrade,
# which runs with SQLite's foreign keys off and so cannot rely on ON DELETE CASCADE).
_MEMBER_CHILDREN = (
    ("post_metric_snapshots", "post_id IN (SELECT id FROM posts WHERE member_id IN ({m}))"),
    ("outcomes", "member_id IN ({m})"),
    ("posts", "member_id IN ({m})"),
    ("post_rollups", "member_id IN ({m})"),
    ("learning_progress", "member_id IN ({m})"),
    ("meeting_invitations", "member_id IN ({m})"),
    ("team_members", "member_id IN ({m})"),
    ("briefing_reads", "member_id IN ({m})"),
    ("nudge_preferences", "membership_id IN ({m})"),
    ("report_subscriptions", "membership_id IN ({m})"),
    ("support_notes", "membership_id IN ({m})"),
)


def upgrade() -> None:
    op.create_table(
        "erasure_requests",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column(
            "requested_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_erasure_requests_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_requests")),
        sa.UniqueConstraint("user_id", name=op.f("uq_erasure_requests_user_id")),
    )
    with op.batch_alter_table("program_memberships", schema=None) as batch_op:
        batch_op.alter_column("user_id", existing_type=sa.Uuid(), nullable=True)


def downgrade() -> None:
    # The placeholders of erased people cannot go back to NOT NULL: they go, with what hangs
    # on them (their sums leave the program's totals; `botschaft rebuild-rollup` recounts).
    erased = "SELECT id FROM program_memberships WHERE user_id IS NULL"
    for table, where in _MEMBER_CHILDREN:
        op.execute(f"DELETE FROM {table} WHERE {where.format(m=erased)}")
    op.execute("DELETE FROM program_memberships WHERE user_id IS NULL")
    with op.batch_alter_table("program_memberships", schema=None) as batch_op:
        batch_op.alter_column("user_id", existing_type=sa.Uuid(), nullable=False)
    op.drop_table("erasure_requests")
