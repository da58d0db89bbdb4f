"""The follower figures of a period, for the KPIs: how many followers the people have at its
end and how many they gained in it.

A person's count on a platform at a day is their latest reading on or before it. Followers at
the period's end sum those counts; the growth sums, per person and platform, the count at the
end minus the count before the period began (or, for a platform first counted during the
period, minus that first count): a person who starts counting mid-period adds their growth,
not their whole audience. Under a cohort or team filter, the people who belonged to it on
some day of the period. The same per person (`per_person`, the core team's influencer table):
the program's figures are the sum of the people's. Formula in kpis/schemas.FORMULAS.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, bindparam, case, distinct, func, select

from botschaft.followers.models import FollowerReading
from botschaft.kpis.filters import NONE, Shape, selects
from botschaft.posts.rollup import summed


@dataclass(frozen=True)
class FollowerFigures:
    followers: int
    growth: int
    people: int  # people with a count by the period's end (whom the figures come from)
    rest: int  # people with a count outside the filter (HR's filtered views)


def _series(shape: Shape, rest: bool = False):
    """The readings up to the period's end (in the filter, or with `rest` outside it), each
    with its series' last day and base day: the latest before the period, else the first.
    One pass over the readings in the index's order; the sums below pick two rows per series
    (a series has one reading per day)."""
    reading = FollowerReading
    series = {"partition_by": (reading.member_id, reading.platform)}
    before = case((reading.counted_on < bindparam("period_from"), reading.counted_on))
    # A person's whole series counts for the cohort and teams they were in during the period
    # (a count is a standing figure, not an event of its day).
    kept = selects(reading.member_id, None, reading.platform, shape, rest)
    return (
        select(
            reading.member_id,
            reading.counted_on,
            reading.followers,
            func.max(reading.counted_on).over(**series).label("last_day"),
            func.coalesce(
                func.max(before).over(**series), func.min(reading.counted_on).over(**series)
            ).label("base_day"),
        )
        .where(
            reading.program_id == bindparam("program_id"),
            reading.counted_on <= bindparam("period_to"),
            kept,
        )
        .subquery()
    )


@cache
def _statement(shape: Shape = NONE) -> Select:
    rows = _series(shape)
    last = rows.c.counted_on == rows.c.last_day
    base = rows.c.counted_on == rows.c.base_day
    at_end = summed(case((last, rows.c.followers), else_=0))
    return select(
        at_end,
        at_end - summed(case((base, rows.c.followers), else_=0)),
        func.count(distinct(rows.c.member_id)),
    ).where(last | base)  # the rows that count: the distinct count sorts fewer


def per_person(shape: Shape = NONE, one_person: bool = False):
    """A subquery of member_id, followers (at the period's end) and follower_growth (in it),
    one row per person with a count by the period's end, to join into a per-person statement
    (same parameters as `follower_figures`, and member_id when `one_person`)."""
    rows = _series(shape)
    last = rows.c.counted_on == rows.c.last_day
    base = rows.c.counted_on == rows.c.base_day
    at_end = summed(case((last, rows.c.followers), else_=0))
    query = (
        select(
            rows.c.member_id,
            at_end.label("followers"),
            (at_end - summed(case((base, rows.c.followers), else_=0))).label("follower_growth"),
        )
        .where(last | base)
        .group_by(rows.c.member_id)
    )
    if one_person:
        query = query.where(rows.c.member_id == bindparam("member_id"))
    return query.subquery()


@cache
def _rest_statement(shape: Shape) -> Select:
    rows = _series(shape, rest=True)
    return select(func.count(distinct(rows.c.member_id)))


def follower_figures(session, params: dict, shape: Shape = NONE) -> FollowerFigures:
    """`params`: program_id, period_from, period_to and the filter's (kpis/filters.py)."""
    followers, growth, people = session.execute(_statement(shape), params).one()
    rest = session.scalar(_rest_statement(shape), params) if shape else 0
    return FollowerFigures(followers or 0, growth or 0, people or 0, rest or 0)
