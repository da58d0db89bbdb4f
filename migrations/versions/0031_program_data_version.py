"""program data version: grows with every change to what the program's figures are computed
from, so cached figures keyed by it are never older than the data

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-04 22:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.add_column(
            sa.Column("data_version", sa.BigInteger(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("programs") as batch:
        batch.drop_column("data_version")
