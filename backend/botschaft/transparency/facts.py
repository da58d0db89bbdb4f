"""The facts behind the transparency page and the staff-council annex, read from the live
program, the settings and the code: nothing here is hand-written prose.

- what HR leadership sees: `kpis.privacy.describe_hr_view` (the KPI code's own description);
- who sees what: the table in visibility.py, checked against the authorization matrix;
- retention: the settings, and the foreign keys that erase data with a membership;
- the audit log: the actions in visibility.AUDIT_ACTIONS, checked against the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import botschaft.all_models  # noqa: F401  (every table, for the foreign keys below)
from botschaft.core.database import Base
from botschaft.core.settings import Settings
from botschaft.kpis.privacy import HrView, describe_hr_view
from botschaft.tenancy.models import Program
from botschaft.transparency.visibility import AUDIT_ACTIONS, CATEGORIES, RIGHTS, Category, Right


@dataclass(frozen=True)
class Retention:
    application_days: int  # applications not selected, after their call closed
    session_idle_minutes: int
    session_absolute_hours: int
    erased_with_membership: tuple[str, ...]  # table names
    audit_log_erased_automatically: bool


@dataclass(frozen=True)
class ProgramFacts:
    program_name: str
    generated_at: datetime
    program_starts_on: date | None
    program_ends_on: date | None
    hashtags: tuple[str, ...]
    hr: HrView
    categories: tuple[Category, ...]
    retention: Retention
    audit_actions: tuple[str, ...]
    rights: tuple[Right, ...]


def erased_with_membership() -> tuple[str, ...]:
    """Tables whose rows go when a program membership is deleted: foreign keys with
    ON DELETE CASCADE to program_memberships, and to the tables that cascade from it."""
    gone = {"program_memberships"}
    changed = True
    while changed:
        changed = False
        for table in Base.metadata.sorted_tables:
            if table.name in gone:
                continue
            if any(
                fk.ondelete == "CASCADE" and fk.column.table.name in gone
                for fk in table.foreign_keys
            ):
                gone.add(table.name)
                changed = True
    return tuple(sorted(gone - {"program_memberships"}))


def retention(settings: Settings) -> Retention:
    return Retention(
        application_days=settings.application_retention_days,
        session_idle_minutes=settings.session_idle_minutes,
        session_absolute_hours=settings.session_absolute_hours,
        erased_with_membership=erased_with_membership(),
        # No job deletes audit events (jobs/, all_jobs.py); the annex says so plainly.
        audit_log_erased_automatically=False,
    )


def program_facts(program: Program, settings: Settings, now: datetime) -> ProgramFacts:
    return ProgramFacts(
        program_name=program.name,
        generated_at=now,
        program_starts_on=program.starts_on,
        program_ends_on=program.ends_on,
        hashtags=tuple(program.hashtags or ()),
        hr=describe_hr_view(program),
        categories=CATEGORIES,
        retention=retention(settings),
        audit_actions=AUDIT_ACTIONS,
        rights=RIGHTS,
    )
