"""The audit log as CSV: words in the reader's language, codes in extra columns."""

from __future__ import annotations

from fastapi import Response
from sqlalchemy.orm import Session

from botschaft.audit import service
from botschaft.audit.vocabulary import action_word, person_word, target_word
from botschaft.core.export import csv_response
from botschaft.core.labels import Lang
from botschaft.identity.models import User

MAX_ROWS = 100_000

_HEADER = {
    "de": ["Zeitpunkt (UTC)", "Person", "Aktion", "Ziel", "Name des Ziels", "IP-Adresse",
           "Details", "Aktion (Code)", "Ziel (ID)"],
    "en": ["Time (UTC)", "Person", "Action", "Target", "Target name", "IP address",
           "Details", "Action (code)", "Target (ID)"],
}  # fmt: skip


def audit_csv(
    session: Session, criteria: service.AuditFilter, admin: User, ip: str, lang: Lang
) -> Response:
    events = service.all_events(session, criteria, MAX_ROWS)
    rows = [
        [
            event.at.strftime("%Y-%m-%d %H:%M:%S"),
            event.actor_name or person_word(event.actor_label, lang),
            action_word(event.action, lang),
            target_word(event.target_type, lang),
            event.target_label or person_word(event.target_id, lang)
            if (event.target_id or "").startswith("erased:")
            else event.target_label or "",
            event.ip or "",
            "; ".join(f"{key}: {value}" for key, value in event.details.items()),
            event.action,
            event.target_id or "",
        ]
        for event in events
    ]
    service.record(
        session,
        "data.exported",
        actor=admin,
        ip=ip,
        details={"what": "audit_log", "format": "csv", "rows": len(rows)},
    )
    return csv_response(_HEADER[lang], rows, "audit-log.csv")
