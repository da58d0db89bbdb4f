from __future__ import annotations

import uuid
from datetime import datetime

from botschaft.core.schemas import OutputModel


class FileOut(OutputModel):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int
    sha256: str
    created_at: datetime
