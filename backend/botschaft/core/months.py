"""Calendar months: the KPIs, reports and group history all count in them."""

from __future__ import annotations

from datetime import date, timedelta


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
