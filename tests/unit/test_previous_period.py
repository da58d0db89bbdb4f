"""The period the dashboard compares with: whole months against the whole months before,
any other period against as many days directly before."""

from datetime import date

import pytest

from botschaft.kpis.service import previous_period


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        # whole months: the same number of months, however long they are
        (date(2026, 3, 1), date(2026, 3, 31), (date(2026, 2, 1), date(2026, 2, 28))),
        (date(2025, 1, 1), date(2025, 12, 31), (date(2024, 1, 1), date(2024, 12, 31))),
        (date(2026, 1, 1), date(2026, 2, 28), (date(2025, 11, 1), date(2025, 12, 31))),
        # anything else: as many days, ending the day before
        (date(2026, 3, 2), date(2026, 3, 31), (date(2026, 1, 31), date(2026, 3, 1))),
        (date(2026, 3, 1), date(2026, 3, 30), (date(2026, 1, 30), date(2026, 2, 28))),
        (date(2026, 6, 9), date(2026, 6, 15), (date(2026, 6, 2), date(2026, 6, 8))),
    ],
)
def test_the_period_before(start, end, before):
    first, last = previous_period(start, end)
    assert (first, last) == before
    assert last < start
