"""Background jobs: idempotent enqueueing, retries, leases, periodic slots, several workers."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

import tests.support.job_kinds as kinds
from botschaft.audit.models import AuditEvent
from botschaft.core.database import Database, utcnow
from botschaft.jobs import service
from botschaft.jobs.models import Job, JobStatus
from botschaft.jobs.registry import REGISTRY
from botschaft.jobs.runner import JobRunner
from tests.conftest import make_settings
from tests.support.jobs import run_jobs


@pytest.fixture(autouse=True)
def only_the_tests_periodic_jobs(monkeypatch):
    """The app's periodic jobs (clean-ups) would add to the counts these tests check."""
    monkeypatch.setattr(REGISTRY, "periodic", {})


def _runs(db: Database, action: str = "test.job_ran") -> Counter:
    with db.session() as session:
        rows = session.scalars(select(AuditEvent.target_id).where(AuditEvent.action == action))
        return Counter(rows)


def _job(db: Database, **where) -> Job:
    with db.session() as session:
        query = select(Job)
        for key, value in where.items():
            query = query.where(getattr(Job, key) == value)
        return session.scalars(query).one()


def test_a_job_runs_once(db, settings):
    with db.session() as session:
        service.enqueue(session, "test.record", {"n": 1})
    assert run_jobs(db, settings) == 1
    assert run_jobs(db, settings) == 0
    assert _runs(db) == Counter({"1": 1})
    job = _job(db, kind="test.record")
    assert (job.status, job.attempts, job.locked_until) == (JobStatus.done, 1, None)


def test_the_same_dedupe_key_is_one_job(db, settings):
    with db.session() as session:
        first = service.enqueue(session, "test.record", {"n": 2}, dedupe_key="k")
        second = service.enqueue(session, "test.record", {"n": 2}, dedupe_key="k")
        assert first.id == second.id
    run_jobs(db, settings)
    assert _runs(db) == Counter({"2": 1})


def test_unknown_kinds_are_refused_when_enqueued(db):
    with db.session() as session, pytest.raises(ValueError, match="unknown job kind"):
        service.enqueue(session, "no.such.kind", {})


def test_a_rolled_back_transaction_enqueues_nothing(db, settings):
    with pytest.raises(RuntimeError), db.session() as session:
        service.enqueue(session, "test.record", {"n": 3})
        raise RuntimeError("the request failed")
    assert run_jobs(db, settings) == 0
    assert _runs(db) == Counter()


def test_a_failing_job_is_retried_later_with_backoff(db, settings):
    with db.session() as session:
        service.enqueue(session, "test.record", {"n": 4, "fail_attempts": 1})
    now = utcnow()
    assert run_jobs(db, settings, now=now) == 0
    job = _job(db, kind="test.record")
    assert job.status == JobStatus.queued
    assert job.run_at == now + timedelta(seconds=30)
    assert "failing on purpose" in job.last_error
    # Not due yet a few seconds later; due after the backoff.
    assert run_jobs(db, settings, now=now + timedelta(seconds=10)) == 0
    assert run_jobs(db, settings, now=now + timedelta(seconds=31)) == 1
    assert _runs(db) == Counter({"4": 1})
    assert _job(db, kind="test.record").attempts == 2


def test_a_job_gives_up_after_its_attempts(db, settings):
    kinds.GIVEN_UP.clear()
    with db.session() as session:
        service.enqueue(session, "test.hopeless", {"n": "x"})
    now = utcnow()
    run_jobs(db, settings, now=now)
    run_jobs(db, settings, now=now + timedelta(hours=2))
    job = _job(db, kind="test.hopeless")
    assert (job.status, job.attempts) == (JobStatus.failed, 2)
    assert kinds.GIVEN_UP == ["x"]
    assert run_jobs(db, settings, now=now + timedelta(days=2)) == 0


def test_a_crashed_workers_job_runs_again_after_its_lease(db, settings):
    with db.session() as session:
        service.enqueue(session, "test.record", {"n": 5})
    now = utcnow()
    # Worker A claims the job and dies before running it.
    assert service._claim(db, "worker-a", now, timedelta(minutes=5)) is not None
    assert run_jobs(db, settings, now=now + timedelta(minutes=1)) == 0
    assert run_jobs(db, settings, now=now + timedelta(minutes=6)) == 1
    assert _runs(db) == Counter({"5": 1})


@pytest.fixture
def hourly_tick():
    REGISTRY.periodic["test.tick"] = timedelta(hours=1)


def test_a_periodic_job_runs_once_per_slot(db, settings, hourly_tick):
    base = utcnow().replace(minute=10, second=0, microsecond=0)
    run_jobs(db, settings, now=base)
    run_jobs(db, settings, now=base + timedelta(minutes=20))
    assert sum(_runs(db, "test.tick").values()) == 1
    run_jobs(db, settings, now=base + timedelta(hours=1))
    assert sum(_runs(db, "test.tick").values()) == 2


def test_two_worker_processes_never_run_a_job_twice(fresh_database_url, tmp_path):
    db = Database.from_url(fresh_database_url)
    jobs = 300
    with db.session() as session:
        for n in range(jobs):
            service.enqueue(session, "test.record", {"n": n})
    ctx = multiprocessing.get_context("spawn")
    overrides = {"data_dir": str(tmp_path), "secret_key": "x" * 40, "environment": "test"}
    workers = [
        ctx.Process(target=kinds.work, args=(fresh_database_url, f"w{i}", overrides))
        for i in range(2)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    runs = _runs(db)
    assert len(runs) == jobs
    assert set(runs.values()) == {1}
    with db.session() as session:
        workers_used = set(session.scalars(select(Job.locked_by).distinct()))
    assert workers_used == {"w0", "w1"}, "both processes should have taken part"
    db.engine.dispose()


def test_the_in_process_runner_picks_up_new_jobs(fresh_database_url, tmp_path):
    db = Database.from_url(fresh_database_url)
    settings = make_settings(fresh_database_url, tmp_path)
    runner = JobRunner(db, settings, poll_seconds=0.05)
    runner.start()
    try:
        with db.session() as session:
            service.enqueue(session, "test.record", {"n": 6})
        for _ in range(200):
            if _runs(db):
                break
            __import__("time").sleep(0.05)
    finally:
        runner.stop()
    assert _runs(db) == Counter({"6": 1})
    db.engine.dispose()
