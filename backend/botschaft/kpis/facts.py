"""The posts of a period summed per person and month: the one source every KPI reads.

Whole months come from the rollup (posts/rollup.py), the days of a month the period covers
only in part from the posts themselves, so any period is exact and the usual ones (whole
months up to today) touch no post at all.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import Subquery, select, union_all
from sqlalchemy.orm import Session

from botschaft.posts import rollup
from botschaft.posts.models import SUMMED, Post, PostRollup, ProgramPostRollup


def _month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def split_period(
    start: date, end: date, today: date
) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
    """(first and last whole month, or None; the ranges of days outside whole months).

    No post is dated after today (logging and imports refuse it), so a period that reaches
    today covers its last month to the end."""
    if end >= today:
        end = _month_end(end)
    first = start if start.day == 1 else _month_end(start) + timedelta(days=1)
    last = end if end == _month_end(end) else end.replace(day=1) - timedelta(days=1)
    if first > last:
        return None, [(start, end)]
    days = []
    if start < first:
        days.append((start, first - timedelta(days=1)))
    if last < end:
        days.append((last + timedelta(days=1), end))
    return (first, last.replace(day=1)), days


_PERSON = ("member_id", "month", "key", *SUMMED, "last_post_on", "platforms", "formats")
_PROGRAM = ("month", "key", *SUMMED)


def person_facts(
    session: Session,
    program_id: uuid.UUID,
    start: date,
    end: date,
    today: date,
    dimension: str = "all",
    member_id: uuid.UUID | None = None,
) -> Subquery:
    """Rows (member_id, month, key, the sums, last_post_on, platforms, formats) of one
    dimension ("all", "platform" or "format"); a person and month can appear more than once,
    so callers sum."""
    return _facts(
        session, PostRollup, _PERSON, program_id, (start, end, today), dimension, member_id
    )


def program_facts(
    session: Session, program_id: uuid.UUID, start: date, end: date, today: date, dimension: str
) -> Subquery:
    """Rows (month, key, the sums) of the program; a month and key can appear more than once,
    so callers sum."""
    return _facts(session, ProgramPostRollup, _PROGRAM, program_id, (start, end, today), dimension)


def _facts(session, table, columns, program_id, period, dimension, member_id=None) -> Subquery:
    months, days = split_period(*period)
    parts = []
    if months is not None:
        whole = select(*(getattr(table, c) for c in columns)).where(
            table.program_id == program_id,
            table.dimension == dimension,
            table.month.between(*months),
        )
        if member_id is not None:
            whole = whole.where(table.member_id == member_id)
        parts.append(whole)
    for first, last in days:
        some = rollup.aggregate(session, dimension).where(
            Post.program_id == program_id, Post.published_on.between(first, last)
        )
        if member_id is not None:
            some = some.where(Post.member_id == member_id)
        some = some.subquery()
        parts.append(select(*(some.c[c] for c in columns)))
    statement = parts[0] if len(parts) == 1 else union_all(*parts)
    return statement.subquery()
