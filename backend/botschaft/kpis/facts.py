"""The posts of a period summed per person (or per program) and month: what every KPI reads.

Whole months come from the rollups (posts/rollup.py), the days of a month the period covers
only in part from the posts themselves, so any period is exact and the usual ones (whole
months up to today) touch no post at all. The statements have one shape for every period
(whole months and two ranges of days, any of them empty), so they are built once and take
the period as bound parameters (`period_params`).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from functools import cache

from sqlalchemy import (
    String,
    Subquery,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    tuple_,
    union_all,
)

from botschaft.core import dialect as sql
from botschaft.core.months import month_end
from botschaft.kpis.filters import NONE, Shape, edge_month, selects
from botschaft.posts import rollup
from botschaft.posts.models import (
    SUMMED,
    Post,
    PostRollup,
    ProgramPostRollup,
    ProgramPostRollupChange,
)
from botschaft.programs.models import GroupEdge


def split_period(
    start: date, end: date, today: date
) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
    """(first and last whole month, or None; the ranges of days outside whole months).

    No post is dated after today (logging and imports refuse it), so a period that reaches
    today covers its last month to the end."""
    if end >= today:
        end = month_end(end)
    first = start if start.day == 1 else month_end(start) + timedelta(days=1)
    last = end if end == month_end(end) else end.replace(day=1) - timedelta(days=1)
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
_NOTHING = (date.max, date.min)  # a range of days no post is in


def period_params(program_id: uuid.UUID, start: date, end: date, today: date) -> dict:
    """The bound parameters of the facts below for one period: its whole months and up to two
    ranges of other days (an unused range is empty). Statements built on the facts take them."""
    months, days = split_period(start, end, today)
    months = months or _NOTHING
    first, second = (days + [_NOTHING, _NOTHING])[:2]
    return {
        "program_id": program_id,
        "months_from": months[0],
        "months_to": months[1],
        "days1_from": first[0],
        "days1_to": first[1],
        "days2_from": second[0],
        "days2_to": second[1],
    }


@cache
def person_facts(
    dialect: str,
    dimension: str = "all",
    one_person: bool = False,
    listed: bool = False,
    shape: Shape = NONE,
    rest: bool = False,
) -> Subquery:
    """Rows (member_id, month, key, the sums, last_post_on, platforms, formats) of one
    dimension ("all", "platform" or "format"); a person and month can appear more than once,
    so callers sum. `one_person` adds the parameter member_id; `listed` reads the whole
    months of the parameters program_id and months (a list) instead of a period. A `shape`
    keeps the rows in the filter of the parameters filter_* (kpis/filters.py), or with
    `rest` those outside it."""
    return _facts(dialect, [PostRollup], _PERSON, dimension, one_person, listed, shape, rest)


@cache
def people_who_posted(dialect: str, dimension: str = "all", shape: Shape = NONE) -> Subquery:
    """Rows (member_id) of the people with posts in the period (a person can appear more
    than once): the person facts without their sums, so the partial months' posts are only
    listed, not grouped per person and month."""
    return _facts(dialect, [PostRollup], ("member_id",), dimension, False, shape=shape)


@cache
def program_facts(dialect: str, dimension: str, listed: bool = False) -> Subquery:
    """Rows (month, key, the sums) of the program, with the changes not folded into them yet;
    a month and key can appear more than once, so callers sum."""
    tables = [ProgramPostRollup, ProgramPostRollupChange]
    return _facts(dialect, tables, _PROGRAM, dimension, one_person=False, listed=listed)


_BREAKDOWN = ("dimension", "month", "key", *SUMMED)


@cache
def program_breakdowns(dialect: str) -> Subquery:
    """Rows (dimension, month, key, the sums) of the program in all three dimensions ("all",
    "platform", "format"), with the changes not folded in yet; callers sum. The days outside
    whole months are read once for the three (GROUPING SETS on PostgreSQL): three statements
    read them three times, 80 ms at 43,000 people for a year shifted by a day."""
    parts = [
        select(*(getattr(t, c) for c in _BREAKDOWN)).where(
            t.program_id == bindparam("program_id"), _in_months(t, listed=False)
        )
        for t in (ProgramPostRollup, ProgramPostRollupChange)
    ]
    for n in (1, 2):
        days = Post.published_on.between(bindparam(f"days{n}_from"), bindparam(f"days{n}_to"))
        parts.extend(_posts_by_dimension(dialect, days))
    return union_all(*parts).subquery()


def _posts_by_dimension(dialect: str, *where) -> list:
    """The program's posts that match `where`, summed per month in each dimension."""
    if dialect != "postgresql":  # SQLite has no GROUPING SETS
        return [
            _posts(dialect, _BREAKDOWN, dimension, False, NONE, False, *where)
            for dimension in rollup.DIMENSIONS
        ]
    month = sql.month_start(dialect, Post.published_on)
    per = {"platform": Post.platform, "format": Post.format}
    in_set = {name: func.grouping(column) == 0 for name, column in per.items()}
    dimension = case(*((in_set[n], literal(n)) for n in per), else_=literal("all"))
    key = case(*((in_set[n], cast(c, String)) for n, c in per.items()), else_=literal(""))
    sums = rollup.aggregate(dialect, "all", by_person=False).selected_columns
    statement = (
        select(
            dimension.label("dimension"),
            month.label("month"),
            key.label("key"),
            *(sums[c] for c in SUMMED),
        )
        .where(Post.program_id == bindparam("program_id"), *where)
        .group_by(
            func.grouping_sets(
                tuple_(month), tuple_(month, Post.platform), tuple_(month, Post.format)
            )
        )
    )
    return [statement]


def listed_params(program_id: uuid.UUID, months: list[date]) -> dict:
    """The bound parameters of the `listed` facts: whole months only (HR leadership's view,
    kpis/privacy.py), which may have gaps where a month is not shown."""
    return {"program_id": program_id, "months": list(months)}


def _facts(
    dialect: str,
    tables,
    columns,
    dimension: str,
    one_person: bool,
    listed: bool = False,
    shape: Shape = NONE,
    rest: bool = False,
) -> Subquery:
    # Always the same shape (whole months, two ranges of days), so it is built once.
    parts = []
    for table in tables:
        in_period = _in_months(table, listed)
        whole = select(*(getattr(table, c) for c in columns)).where(
            table.program_id == bindparam("program_id"),
            table.dimension == dimension,
            in_period,
        )
        if table is PostRollup:
            whole = whole.where(_program_has_rows(listed))
        if one_person:
            whole = whole.where(table.member_id == bindparam("member_id"))
        if shape or rest:
            whole = whole.where(selects(table.member_id, table.month, table.key, shape, rest))
        if shape.people:
            whole = whole.where(not_(edge_month(table.member_id, table.month)))
        parts.append(whole)
    if shape.people:
        parts.append(_changed_months(dialect, columns, dimension, one_person, listed, shape, rest))
    if listed:  # whole months are all in the rollups
        return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    for n in (1, 2):
        days = Post.published_on.between(bindparam(f"days{n}_from"), bindparam(f"days{n}_to"))
        parts.append(_posts(dialect, columns, dimension, one_person, shape, rest, days))
    return union_all(*parts).subquery()


def _in_months(table, listed: bool):
    if listed:
        return table.month.in_(bindparam("months", expanding=True))
    return table.month.between(bindparam("months_from"), bindparam("months_to"))


def _program_has_rows(listed: bool):
    """The program rollup (or a change not folded into it yet) has a row in the whole months:
    every person row has one there, so without it the person rollup need not be read. An
    uncorrelated EXISTS runs once, before the scan (PostgreSQL's one-time filter), and spares
    reading every person row of the program for months that have none (the period before a
    program's first year: 30 ms at 43,000 people)."""
    return or_(
        *(
            exists().where(
                t.program_id == bindparam("program_id"),
                t.dimension == "all",
                _in_months(t, listed),
            )
            for t in (ProgramPostRollup, ProgramPostRollupChange)
        )
    )


def _posts(dialect: str, columns, dimension: str, one_person: bool, shape, rest, *where, join=None):
    """The program's posts that match `where`, summed like the person rollup's rows (or, for
    the columns ("member_id",), only listed)."""
    if columns == ("member_id",):
        some = select(Post.member_id.label("member_id"))
    else:
        some = rollup.aggregate(dialect, dimension, by_person="member_id" in columns)
    if join is not None:
        some = some.join(*join)
    some = some.where(Post.program_id == bindparam("program_id"), *where)
    if one_person:
        some = some.where(Post.member_id == bindparam("member_id"))
    if shape or rest:
        some = some.where(selects(Post.member_id, Post.published_on, Post.platform, shape, rest))
    some = some.subquery()
    return select(*(some.c[c] for c in columns))


def _changed_months(dialect, columns, dimension, one_person, listed, shape, rest):
    """The whole months of the period in which someone's groups changed (GroupEdge): their
    posts of those months, each counted for the groups of its day."""
    edge = GroupEdge
    in_period = _in_months(edge, listed)
    on = (
        edge,
        and_(
            edge.member_id == Post.member_id,
            Post.published_on.between(edge.month, edge.month_end),
        ),
    )
    return _posts(dialect, columns, dimension, one_person, shape, rest, in_period, join=on)
