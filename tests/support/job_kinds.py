"""Job kinds used only by the tests (importing this module registers them)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from botschaft.audit.models import AuditEvent
from botschaft.jobs.registry import JobContext, job_handler
from botschaft.notifications.templates import register_template


@job_handler("test.record", max_attempts=3)
def record(session: Session, payload: dict, ctx: JobContext) -> None:
    """Leaves one audit row per run, so a test can count how often a job ran."""
    if ctx.attempt <= payload.get("fail_attempts", 0):
        raise RuntimeError(f"failing on purpose (attempt {ctx.attempt})")
    session.add(AuditEvent(action="test.job_ran", target_id=str(payload["n"]), details={}))


GIVEN_UP: list[str] = []


@job_handler(
    "test.hopeless",
    max_attempts=2,
    on_failure=lambda s, p, e, attempt, final: final and GIVEN_UP.append(p["n"]),
)
def hopeless(session: Session, payload: dict, ctx: JobContext) -> None:
    raise RuntimeError("never works")


# Made periodic by the test that needs it (a periodic kind runs in every run_jobs call).
@job_handler("test.tick")
def tick(session: Session, payload: dict, ctx: JobContext) -> None:
    session.add(AuditEvent(action="test.tick", target_id=ctx.now.isoformat(), details={}))


register_template(
    "test.hello",
    de=("Hallo {name}", "Guten Tag {name},\nIhr Link: {link}"),
    en=("Hello {name}", "Good day {name},\nyour link: {link}"),
)


def work(url: str, worker: str, settings_kwargs: dict) -> None:
    """Entry point of a worker process in the concurrency test."""
    import botschaft.all_jobs  # noqa: F401
    from botschaft.core.database import Database
    from botschaft.core.settings import Settings
    from botschaft.jobs.service import run_due

    db = Database.from_url(url)
    settings = Settings(database_url=url, **settings_kwargs)
    while run_due(db, settings, worker=worker, limit=1000):
        pass
    db.engine.dispose()
