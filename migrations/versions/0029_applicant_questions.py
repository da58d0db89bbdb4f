"""applicant questions: what people ask the influencers, in one line and never who asked, and
the core team's topics that group them (with the briefing a topic was turned into)

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-04 10:17:07.707325
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import botschaft.core.database


revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "question_topics",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("briefing_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["briefing_id"],
            ["briefings.id"],
            name=op.f("fk_question_topics_briefing_id_briefings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_question_topics_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_topics")),
        sa.UniqueConstraint("program_id", "name", name=op.f("uq_question_topics_program_id_name")),
    )
    op.create_table(
        "applicant_questions",
        sa.Column("program_id", sa.Uuid(), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("post_id", sa.Uuid(), nullable=True),
        sa.Column("topic_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", botschaft.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["program_memberships.id"],
            name=op.f("fk_applicant_questions_member_id_program_memberships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_applicant_questions_post_id_posts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_applicant_questions_program_id_programs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"],
            ["question_topics.id"],
            name=op.f("fk_applicant_questions_topic_id_question_topics"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applicant_questions")),
    )
    with op.batch_alter_table("applicant_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_applicant_questions_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(
            "ix_applicant_questions_program", ["program_id", "asked_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_applicant_questions_topic_id"), ["topic_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("applicant_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_applicant_questions_topic_id"))
        batch_op.drop_index("ix_applicant_questions_program")
        batch_op.drop_index(batch_op.f("ix_applicant_questions_member_id"))

    op.drop_table("applicant_questions")
    op.drop_table("question_topics")
