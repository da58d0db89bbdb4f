"""The day it is where the test programs run (Europe/Berlin, the programs' default time zone):
the day the server's date rules use. The machine's own date (UTC here) is the day before for
an hour or two before midnight, which made date checks in tests fail then."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

PROGRAM_ZONE = ZoneInfo("Europe/Berlin")


def local_today() -> date:
    return datetime.now(PROGRAM_ZONE).date()
