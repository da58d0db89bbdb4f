from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.core.text import MultilineText


class ErasureAsk(InputModel):
    note: MultilineText | None = Field(
        default=None, max_length=2000, description="Optional words for the core team."
    )


class MyErasureRequest(OutputModel):
    """My own request; `requested_at` is null when I have not asked."""

    requested_at: datetime | None
    note: str | None


class ErasureRequestOut(OutputModel):
    id: uuid.UUID
    name: str
    email: str
    requested_at: datetime
    note: str | None
    programs: list[str] = Field(description="The programs the person is in, by name.")
    can_confirm: bool = Field(
        description="The caller may confirm: an administrator, or in the core team of every "
        "one of the person's programs (and not the person)."
    )
