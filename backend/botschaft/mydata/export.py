"""Everything about a person as one ZIP: data.json (all sections, for machines and other
services, Art. 20) and one CSV per section with column names in the reader's language (Art. 15)."""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from botschaft.audit import service as audit
from botschaft.core.export import safe_cell
from botschaft.core.labels import Lang
from botschaft.identity.models import User
from botschaft.mydata.sections import sections

# Column names in German; English shows the field name in words.
_DE = {
    "email": "E-Mail", "name": "Name", "role": "Rolle", "locale": "Sprache", "is_active": "aktiv",
    "created_at": "angelegt am", "last_login_at": "zuletzt angemeldet", "issuer": "Anbieter",
    "subject": "Kennung beim Anbieter", "last_seen_at": "zuletzt aktiv", "expires_at": "endet am",
    "method": "Verfahren", "ip": "IP-Adresse", "user_agent": "Browser", "program": "Programm",
    "status": "Status", "occupation": "Tätigkeit", "department": "Abteilung",
    "occupation_group": "Berufsgruppe", "cohort": "Kohorte", "joined_at": "dabei seit",
    "team": "Team", "url": "Link", "platform": "Plattform", "format": "Format",
    "published_on": "veröffentlicht am", "hashtags": "Hashtags", "topic": "Thema", "note": "Notiz",
    "impressions": "Impressionen", "likes": "Likes", "comments": "Kommentare", "shares": "Geteilt",
    "clicks": "Klicks", "saves": "Gespeichert", "read_at": "gelesen am", "type": "Art",
    "occurred_on": "am", "title": "Titel", "starts_at": "Beginn", "rsvp": "Antwort",
    "attended": "anwesend", "state": "Stand", "rating": "Bewertung", "comment": "Kommentar",
    "done_at": "erledigt am", "body": "Text", "frequency": "wie oft",
    "last_sent_on": "zuletzt geschickt", "last_sent_month": "zuletzt für Monat", "text": "Text",
    "call": "Aufruf", "answers": "Antworten", "consent_version": "Einwilligung (Fassung)",
    "consented_at": "eingewilligt am", "submitted_at": "eingereicht am",
    "withdrawn_at": "zurückgezogen am", "vote": "Stimme", "updated_at": "geändert am",
    "filename": "Datei", "size": "Größe (Bytes)", "at": "Zeitpunkt", "action": "Aktion",
    "target_type": "Ziel",
}  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def gather(session: Session, user_id: uuid.UUID) -> dict[str, list[dict[str, Any]]]:
    return {
        name: [{k: _plain(v) for k, v in row.items()} for row in session.execute(stmt).mappings()]
        for name, stmt in sections(user_id).items()
    }


def _header(column: str, lang: Lang) -> str:
    return _DE.get(column, column) if lang == "de" else column.replace("_", " ")


def _csv(rows: list[dict[str, Any]], columns: list[str], lang: Lang) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_header(c, lang) for c in columns])
    for row in rows:
        cells = [row[c] for c in columns]
        writer.writerow(
            [json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else safe_cell(v)
             for v in cells]
        )  # fmt: skip
    return "\ufeff" + buffer.getvalue()


def archive(session: Session, user_id: uuid.UUID, lang: Lang) -> bytes:
    data = gather(session, user_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for name, stmt in sections(user_id).items():
            columns = [c.name for c in stmt.selected_columns]
            zf.writestr(f"{name}.csv", _csv(data[name], columns, lang))
    return buffer.getvalue()


def exported_archive(session: Session, user: User, lang: Lang, ip: str | None) -> bytes:
    """The person's archive, written to the audit log."""
    content = archive(session, user.id, lang)
    audit.record(
        session,
        "data.exported",
        actor=user,
        target_type="user",
        target_id=user.id,
        ip=ip,
        details={"what": "my_data", "format": "zip"},
    )
    return content
