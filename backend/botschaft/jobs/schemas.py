from __future__ import annotations

import uuid
from datetime import datetime

from botschaft.core.schemas import OutputModel
from botschaft.jobs.models import JobStatus


class JobOut(OutputModel):
    id: uuid.UUID
    kind: str
    status: JobStatus
    run_at: datetime
    attempts: int
    max_attempts: int
    last_error: str | None
    finished_at: datetime | None
    created_at: datetime
