from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from botschaft.core.schemas import OutputModel


class AuditEventOut(OutputModel):
    id: uuid.UUID
    at: datetime
    actor_id: uuid.UUID | None
    actor_label: str | None
    actor_name: str | None = Field(
        default=None, description="The actor's current name (None once the account is gone)"
    )
    action: str
    target_type: str | None
    target_id: str | None
    target_label: str | None = Field(
        default=None, description="Name of the target where it still exists (accounts, programs)"
    )
    program_id: uuid.UUID | None
    ip: str | None
    details: dict[str, Any]
