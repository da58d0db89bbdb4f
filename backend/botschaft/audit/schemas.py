from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from botschaft.core.schemas import OutputModel


class AuditEventOut(OutputModel):
    id: uuid.UUID
    at: datetime
    actor_id: uuid.UUID | None
    actor_label: str | None
    action: str
    target_type: str | None
    target_id: str | None
    program_id: uuid.UUID | None
    ip: str | None
    details: dict[str, Any]
