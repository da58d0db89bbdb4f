"""follower_readings: each reading holds the days of its series' next and previous readings, so
the count of every person on a day is found without ordering each person's readings; one index
on program and day holds what the KPIs read (it replaces the index in series order)

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-05 11:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As followers/series.py computes them (UPDATE ... FROM: PostgreSQL, SQLite 3.33 and later).
LINK = """
UPDATE follower_readings
SET next_counted_on = links.next_on, previous_counted_on = links.previous_on
FROM (
    SELECT id,
        lead(counted_on) OVER (PARTITION BY member_id, platform ORDER BY counted_on) AS next_on,
        lag(counted_on) OVER (PARTITION BY member_id, platform ORDER BY counted_on) AS previous_on
    FROM follower_readings
) AS links
WHERE follower_readings.id = links.id
"""
COLUMNS = ["next_counted_on", "previous_counted_on", "member_id", "platform", "followers"]


def upgrade() -> None:
    with op.batch_alter_table("follower_readings") as batch:
        batch.add_column(sa.Column("next_counted_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("previous_counted_on", sa.Date(), nullable=True))
    op.execute(LINK)
    op.create_index(
        "ix_follower_readings_program_day",
        "follower_readings",
        ["program_id", "counted_on", *COLUMNS],
    )
    op.drop_index("ix_follower_readings_series", table_name="follower_readings")


def downgrade() -> None:
    op.create_index(
        "ix_follower_readings_series",
        "follower_readings",
        ["program_id", "member_id", "platform", "counted_on"],
    )
    op.drop_index("ix_follower_readings_program_day", table_name="follower_readings")
    with op.batch_alter_table("follower_readings") as batch:
        batch.drop_column("previous_counted_on")
        batch.drop_column("next_counted_on")
