"""Enqueue and run background jobs.

Safe with several workers (app processes, `botschaft jobs run` from cron) on one database: a
job is claimed by a conditional UPDATE that only one worker can win (on PostgreSQL the
candidates are also selected FOR UPDATE SKIP LOCKED so workers do not queue behind each
other). The handler's writes and the job's "done" commit in one transaction, so a crash in
between leaves the job to run again when its lease expires, never half done.
"""

from __future__ import annotations

import logging
import traceback
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from botschaft.core import dialect as sql
from botschaft.core.database import Database, utcnow
from botschaft.core.pagination import PageParams, paginate
from botschaft.core.settings import Settings
from botschaft.jobs.models import Job, JobStatus
from botschaft.jobs.registry import REGISTRY, JobContext

log = logging.getLogger(__name__)

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def enqueue(
    session: Session,
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    run_at: datetime | None = None,
    dedupe_key: str | None = None,
) -> Job:
    """Adds a job in the caller's transaction (it runs only if that transaction commits)."""
    if kind not in REGISTRY.kinds:
        raise ValueError(f"unknown job kind {kind!r}")
    if dedupe_key is not None:
        existing = session.scalar(select(Job).where(Job.dedupe_key == dedupe_key))
        if existing is not None:
            return existing
    job = Job(
        kind=kind,
        payload=payload or {},
        run_at=run_at or utcnow(),
        dedupe_key=dedupe_key,
        max_attempts=REGISTRY.kinds[kind].max_attempts,
    )
    if dedupe_key is None:
        session.add(job)
        session.flush()
        return job
    try:
        with session.begin_nested():
            session.add(job)
    except IntegrityError:  # another transaction added the same key first
        return session.scalars(select(Job).where(Job.dedupe_key == dedupe_key)).one()
    return job


def list_jobs(
    session: Session, params: PageParams, status: JobStatus | None
) -> tuple[list[Job], int]:
    """Newest first, optionally of one status (the administrators' view)."""
    query = select(Job).order_by(Job.created_at.desc(), Job.id.desc())
    if status is not None:
        query = query.where(Job.status == status)
    return paginate(session, query, params)


def schedule_periodic(db: Database, now: datetime) -> None:
    """Makes sure each periodic kind has its job for the current time slot."""
    for kind, every in REGISTRY.periodic.items():
        slot = EPOCH + every * ((now - EPOCH) // every)
        with db.session() as session:
            enqueue(session, kind, {}, run_at=slot, dedupe_key=f"{kind}@{slot.isoformat()}")


def backoff(attempt: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempt - 1), 3600))


def _claim(db: Database, worker: str, now: datetime, lease: timedelta) -> uuid.UUID | None:
    """Claims the next due job with one UPDATE statement, which only one worker can win (on
    SQLite a read followed by a write could fail to upgrade its lock; one statement cannot)."""
    claimable = or_(
        Job.status == JobStatus.queued,
        (Job.status == JobStatus.running) & (Job.locked_until < now),
    )
    with db.session() as session:
        candidate = (
            select(Job.id).where(claimable, Job.run_at <= now).order_by(Job.run_at, Job.id).limit(1)
        )
        candidate = sql.skip_locked(session, candidate)
        return session.scalar(
            update(Job)
            .where(Job.id == candidate.scalar_subquery(), claimable)
            .values(
                status=JobStatus.running,
                locked_by=worker,
                locked_until=now + lease,
                attempts=Job.attempts + 1,
            )
            .returning(Job.id)
            .execution_options(synchronize_session=False)
        )


def _run_claimed(
    db: Database, settings: Settings, job_id: uuid.UUID, worker: str, now: datetime
) -> bool:
    try:
        with db.session() as session:
            job = session.get(Job, job_id)
            if job is None or job.locked_by != worker or job.status != JobStatus.running:
                return False  # lease lost to another worker
            kind = REGISTRY.kinds.get(job.kind)
            if kind is None:
                raise LookupError(f"no handler for job kind {job.kind!r}")
            kind.handler(session, dict(job.payload), JobContext(settings, now, job.attempts))
            job.status = JobStatus.done
            job.finished_at = now
            job.locked_until = None
            job.last_error = None
        return True
    except Exception:
        error = traceback.format_exc(limit=5)
        log.warning("job %s failed: %s", job_id, error.splitlines()[-1])
        _record_failure(db, job_id, worker, now, error)
        return False


def _record_failure(
    db: Database, job_id: uuid.UUID, worker: str, now: datetime, error: str
) -> None:
    with db.session() as session:
        job = session.get(Job, job_id)
        if job is None or job.locked_by != worker:
            return
        job.last_error = error[-4000:]
        job.locked_until = None
        final = job.attempts >= job.max_attempts
        if final:
            job.status = JobStatus.failed
            job.finished_at = now
        else:
            job.status = JobStatus.queued
            job.run_at = now + backoff(job.attempts)
        kind = REGISTRY.kinds.get(job.kind)
        if kind is not None and kind.on_failure is not None:
            kind.on_failure(session, dict(job.payload), error, job.attempts, final)


def run_due(
    db: Database,
    settings: Settings,
    *,
    worker: str | None = None,
    now: datetime | None = None,
    limit: int = 100,
    lease: timedelta = timedelta(minutes=5),
) -> int:
    """Runs up to `limit` due jobs; returns how many succeeded. `now` moves the clock (tests)."""
    worker = worker or f"worker-{uuid.uuid4().hex[:8]}"
    clock = (lambda: now) if now is not None else utcnow
    schedule_periodic(db, clock())
    succeeded = 0
    for _ in range(limit):
        job_id = _claim(db, worker, clock(), lease)
        if job_id is None:
            break
        succeeded += _run_claimed(db, settings, job_id, worker, clock())
    return succeeded
