"""Every minute: fold the recorded changes of the programs' rollup into its rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from botschaft.jobs.registry import JobContext, periodic
from botschaft.posts import rollup


@periodic("posts.fold_rollup_changes", every=timedelta(minutes=1))
def fold_rollup_changes(session: Session, payload: dict[str, Any], ctx: JobContext) -> None:
    # In slices, so one run never holds more than a slice in memory; readers add the rest.
    while rollup.fold(session):
        pass
