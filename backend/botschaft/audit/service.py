"""Writing and reading the audit log."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, String, Uuid, column, func, or_, select, table
from sqlalchemy.orm import Session

from botschaft.audit.models import AuditEvent
from botschaft.audit.schemas import AuditEventOut
from botschaft.core.database import Database
from botschaft.core.pagination import PageParams, paginate_rows
from botschaft.identity.models import User

# The audit log sits below the tenancy kernel (which writes to it): it names a program by its
# table, without importing the model.
_PROGRAMS = table("programs", column("id", Uuid), column("name", String))


def record(
    session: Session,
    action: str,
    *,
    actor: User | None = None,
    actor_label: str | None = None,
    target_type: str | None = None,
    target_id: uuid.UUID | str | None = None,
    program_id: uuid.UUID | None = None,
    ip: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Adds the event to the caller's unit of work: it lands with the change it describes."""
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor else None,
        actor_label=actor_label or (actor.email if actor else None),
        target_type=target_type,
        target_id=str(target_id) if target_id is not None else None,
        program_id=program_id,
        ip=ip,
        details=details or {},
    )
    session.add(event)
    return event


def record_now(db: Database, action: str, **kwargs: Any) -> None:
    """For events whose request fails (a refused sign-in): committed on their own."""
    with db.session() as session:
        record(session, action, **kwargs)


@dataclass(frozen=True)
class AuditFilter:
    """What the log is narrowed to; every field optional. `until` is inclusive (whole days)."""

    action: str | None = None
    person: str | None = None
    program_id: uuid.UUID | None = None
    since: date | None = None
    until: date | None = None


def _filtered(criteria: AuditFilter) -> Select[Any]:
    # The actor's current name is joined in (one statement per page, whatever its length).
    statement = (
        select(AuditEvent, User.name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    if criteria.action:
        statement = statement.where(AuditEvent.action == criteria.action)
    if criteria.person:
        person = criteria.person.lower()
        statement = statement.where(
            or_(
                func.lower(AuditEvent.actor_label).contains(person, autoescape=True),
                func.lower(User.name).contains(person, autoescape=True),
            )
        )
    if criteria.program_id:
        statement = statement.where(AuditEvent.program_id == criteria.program_id)
    if criteria.since:
        statement = statement.where(AuditEvent.at >= _midnight(criteria.since))
    if criteria.until:
        statement = statement.where(AuditEvent.at < _midnight(criteria.until + timedelta(days=1)))
    return statement


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _target_names(session: Session, events: list[AuditEvent]) -> dict[tuple[str, str], str]:
    """Names of the targets that still exist: accounts and programs (one statement per kind
    on the page, not per row). Other targets are shown by kind."""
    wanted: dict[str, set[uuid.UUID]] = {"user": set(), "program": set()}
    for event in events:
        if event.target_type in wanted and event.target_id:
            with contextlib.suppress(ValueError):
                wanted[event.target_type].add(uuid.UUID(event.target_id))
    names: dict[tuple[str, str], str] = {}
    for kind, source in (("user", User.__table__), ("program", _PROGRAMS)):
        if wanted[kind]:
            query = select(source.c.id, source.c.name).where(source.c.id.in_(wanted[kind]))
            rows = session.execute(query)
            names.update({(kind, str(row.id)): row.name for row in rows})
    return names


def list_events(
    session: Session, params: PageParams, criteria: AuditFilter
) -> tuple[list[AuditEventOut], int]:
    rows, total = paginate_rows(session, _filtered(criteria), params)
    return _out(session, rows), total


def all_events(session: Session, criteria: AuditFilter, limit: int) -> list[AuditEventOut]:
    rows = session.execute(_filtered(criteria).limit(limit)).all()
    return _out(session, list(rows))


def _out(session: Session, rows: list[Any]) -> list[AuditEventOut]:
    names = _target_names(session, [event for event, _ in rows])
    return [
        AuditEventOut.model_validate(event).model_copy(
            update={
                "actor_name": actor_name,
                "target_label": names.get((event.target_type or "", event.target_id or "")),
            }
        )
        for event, actor_name in rows
    ]
