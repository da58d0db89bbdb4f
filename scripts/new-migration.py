"""Autogenerates the next migration from the models: python scripts/new-migration.py NNNN "what".

Runs against a scratch SQLite database at the current head, so the result needs a read
(autogenerate misses some changes) before it is committed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from botschaft.core.migrate import alembic_config, upgrade
from botschaft.core.settings import Settings


def main() -> None:
    rev_id, message = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite:///{Path(tmp) / 'scratch.db'}")
        upgrade(settings)
        config = alembic_config(settings)
        config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
        command.revision(config, message=message, autogenerate=True, rev_id=rev_id)


if __name__ == "__main__":
    main()
