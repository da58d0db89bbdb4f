from __future__ import annotations

from datetime import date

from pydantic import Field

from botschaft.core.schemas import InputModel, OutputModel
from botschaft.nudges.models import Frequency


class NudgeIn(InputModel):
    frequency: Frequency


class NudgeOut(OutputModel):
    frequency: Frequency
    next_on: date | None = Field(
        description="The day the next email goes out (program's time zone); null when off"
    )
