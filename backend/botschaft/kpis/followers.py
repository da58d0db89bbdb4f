"""The follower figures of a period, for the KPIs: how many followers the people have at its
end and how many they gained in it.

A person's count on a platform at a day is their latest reading on or before it. Followers at
the period's end sum those counts; the growth sums, per person and platform, the count at the
end minus the count before the period began (or, for a platform first counted during the
period, minus that first count): a person who starts counting mid-period adds their growth,
not their whole audience. Formula in kpis/schemas.FORMULAS.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, and_, bindparam, distinct, func, select

from botschaft.followers.models import FollowerReading
from botschaft.kpis.filters import NONE, Shape, in_group
from botschaft.posts.rollup import summed


@dataclass(frozen=True)
class FollowerFigures:
    followers: int
    growth: int
    people: int  # people with a count by the period's end (whom the figures come from)
    rest: int  # people with a count outside the filter (HR's filtered views)


def _in_filter(shape: Shape):
    condition = in_group(FollowerReading.member_id, shape)
    if shape.platform:
        condition = and_(condition, FollowerReading.platform == bindparam("filter_platform"))
    return condition


def _one_per_series(shape: Shape, where, newest: bool, rest: bool = False):
    """Each person's and platform's newest (or oldest) reading among those `where` keeps."""
    reading = FollowerReading
    order = reading.counted_on.desc() if newest else reading.counted_on.asc()
    rank = func.row_number().over(
        partition_by=(reading.member_id, reading.platform), order_by=order
    )
    kept = _in_filter(shape)
    inner = (
        select(reading.member_id, reading.platform, reading.followers, rank.label("rank"))
        .where(reading.program_id == bindparam("program_id"), where)
        .where(~kept if rest else kept)
        .subquery()
    )
    return (
        select(inner.c.member_id, inner.c.platform, inner.c.followers)
        .where(inner.c.rank == 1)
        .subquery()
    )


@cache
def _statement(shape: Shape = NONE) -> Select:
    day = FollowerReading.counted_on
    end = _one_per_series(shape, day <= bindparam("period_to"), newest=True)
    before = _one_per_series(shape, day < bindparam("period_from"), newest=True)
    first = _one_per_series(
        shape, day.between(bindparam("period_from"), bindparam("period_to")), newest=False
    )

    def same(other):
        return and_(other.c.member_id == end.c.member_id, other.c.platform == end.c.platform)

    base = func.coalesce(before.c.followers, first.c.followers, end.c.followers)
    return (
        select(
            summed(end.c.followers),
            summed(end.c.followers - base),
            func.count(distinct(end.c.member_id)),
        )
        .select_from(end)
        .outerjoin(before, same(before))
        .outerjoin(first, same(first))
    )


@cache
def _rest_statement(shape: Shape) -> Select:
    rest = _one_per_series(
        shape, FollowerReading.counted_on <= bindparam("period_to"), newest=True, rest=True
    )
    return select(func.count(distinct(rest.c.member_id)))


def follower_figures(session, params: dict, shape: Shape = NONE) -> FollowerFigures:
    """`params`: program_id, period_from, period_to and the filter's (kpis/filters.py)."""
    followers, growth, people = session.execute(_statement(shape), params).one()
    rest = session.scalar(_rest_statement(shape), params) if shape else 0
    return FollowerFigures(followers or 0, growth or 0, people or 0, rest or 0)
