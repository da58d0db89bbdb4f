"""Dates in imported files: ISO, German, US and written-out forms in English and German, and
dates without a year (TikTok Studio's "Mar 2"): the latest such day that is not in the future."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from botschaft.core.tables import parse_day as _day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-31", date(2026, 3, 31)),
        ("2026-03-31 09:15:00", date(2026, 3, 31)),
        ("31.03.2026", date(2026, 3, 31)),
        ("03/31/2026 09:15", date(2026, 3, 31)),
        ("03/02/2026", date(2026, 3, 2)),
        ("Mar 31, 2026", date(2026, 3, 31)),
        ("2. März 2026", date(2026, 3, 2)),
        ("12. Okt. 2025", date(2025, 10, 12)),
        ("29.02.2024", date(2024, 2, 29)),
    ],
)
def test_written_dates(text, expected):
    assert _day(text) == expected


def test_29_february_without_a_year_is_the_last_one_before_today():
    assert _day("Feb 29", today=date(2026, 12, 4)) == date(2024, 2, 29)
    assert _day("29. Februar", today=date(2028, 3, 1)) == date(2028, 2, 29)
    # The program's today decides, not the server's: "Dec 4" on 4 December is this year's.
    assert _day("Dec 4", today=date(2026, 12, 4)) == date(2026, 12, 4)
    assert _day("Dec 5", today=date(2026, 12, 4)) == date(2025, 12, 5)


def test_a_date_without_a_year_is_the_latest_such_day_not_in_the_future():
    today = date.today()
    yesterday, tomorrow = today - timedelta(days=1), today + timedelta(days=1)
    assert _day(f"{yesterday:%b} {yesterday.day}") == yesterday
    if (tomorrow.month, tomorrow.day) == (2, 29):
        return  # no 29 February last year
    # Tomorrow's day and month without a year: that was last year's.
    assert _day(f"{tomorrow:%b} {tomorrow.day}") == tomorrow.replace(year=tomorrow.year - 1)


@pytest.mark.parametrize("text", ["gestern", "31.13.2026", "Smarch 3"])
def test_unreadable_dates_are_an_error(text):
    with pytest.raises(ValueError):
        _day(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 mars 2026", date(2026, 3, 2)),
        ("15 de marzo de 2026", date(2026, 3, 15)),
        ("7 maggio 2026", date(2026, 5, 7)),
        ("12 mei 2026", date(2026, 5, 12)),
        ("1 de agosto de 2026", date(2026, 8, 1)),
        ("12 października 2026", date(2026, 10, 12)),
        ("3 Mart 2026", date(2026, 3, 3)),
        ("5 déc. 2026", date(2026, 12, 5)),
    ],
)
def test_month_names_of_the_languages_apps_are_set_to(text, expected):
    assert _day(text) == expected


def test_every_month_name_belongs_to_one_month():
    from botschaft.core.tables import _Months

    month_of: dict[str, int] = {}
    for number, names in enumerate(_Months.MONTHS, start=1):
        for name in names:
            assert month_of.setdefault(name.lower(), number) == number, name
