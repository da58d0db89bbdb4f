"""Runs background jobs the way the app does, with a clock the test chooses."""

from __future__ import annotations

from datetime import datetime

from fastapi import FastAPI

import botschaft.all_jobs  # noqa: F401  (registers every handler and template)
from botschaft.core.database import Database
from botschaft.core.settings import Settings
from botschaft.jobs.service import run_due


def run_jobs(
    app_or_db: FastAPI | Database, settings: Settings | None = None, *, now: datetime | None = None
) -> int:
    """Runs every due job (and the ones they enqueue) until none is due; returns how many ran."""
    if isinstance(app_or_db, FastAPI):
        db, settings = app_or_db.state.db, app_or_db.state.settings
    else:
        db = app_or_db
    assert settings is not None, "pass settings with a Database"
    total = 0
    while done := run_due(db, settings, now=now):
        total += done
    return total
