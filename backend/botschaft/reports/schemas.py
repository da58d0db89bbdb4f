from __future__ import annotations

from datetime import date

from pydantic import Field

from botschaft.core.schemas import OutputModel


class SubscriptionOut(OutputModel):
    subscribed: bool
    next_report_on: date | None = Field(
        description="The first working day on which the next report goes out (program's time "
        "zone); null when the program has no month left to report"
    )
    next_report_month: date | None = Field(description="First day of the month it reports on")
