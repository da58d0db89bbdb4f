"""Job kinds and their handlers. Domains register handlers in their own jobs.py modules,
which botschaft.all_jobs imports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from botschaft.core.settings import Settings


@dataclass(frozen=True)
class JobContext:
    settings: Settings
    now: datetime
    attempt: int = 1


Handler = Callable[[Session, dict[str, Any], JobContext], None]
# (session, payload, error, attempt, final): runs in its own transaction after each failure.
OnFailure = Callable[[Session, dict[str, Any], str, int, bool], None]


@dataclass(frozen=True)
class JobKind:
    handler: Handler
    on_failure: OnFailure | None = None
    max_attempts: int = 5


@dataclass
class Registry:
    kinds: dict[str, JobKind] = field(default_factory=dict)
    periodic: dict[str, timedelta] = field(default_factory=dict)


REGISTRY = Registry()


def job_handler(kind: str, *, on_failure: OnFailure | None = None, max_attempts: int = 5):
    def register(fn: Handler) -> Handler:
        REGISTRY.kinds[kind] = JobKind(fn, on_failure, max_attempts)
        return fn

    return register


def periodic(kind: str, *, every: timedelta, max_attempts: int = 3):
    """A handler that runs once per `every` (one job per time slot, whoever runs it)."""

    def register(fn: Handler) -> Handler:
        REGISTRY.kinds[kind] = JobKind(fn, None, max_attempts)
        REGISTRY.periodic[kind] = every
        return fn

    return register
