"""Writing and reading the audit log."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from botschaft.accounts.models import User
from botschaft.audit.models import AuditEvent
from botschaft.core.database import Database
from botschaft.core.pagination import PageParams, paginate


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


def list_events(
    session: Session, params: PageParams, action: str | None = None
) -> tuple[list[AuditEvent], int]:
    statement = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        statement = statement.where(AuditEvent.action == action)
    return paginate(session, statement, params)
