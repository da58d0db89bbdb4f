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

from sqlalchemy import Select, bindparam, case, distinct, func, or_, select

from botschaft.followers.models import FollowerReading
from botschaft.kpis.filters import NONE, Shape, selects
from botschaft.posts.rollup import summed


@dataclass(frozen=True)
class FollowerFigures:
    followers: int
    growth: int
    people: int  # people with a count by the period's end (whom the figures come from)
    rest: int  # people with a count outside the filter (HR's filtered views)


def _count_on(reading, day):
    """The reading is its series' count on `day`: the latest on or before it."""
    later = reading.next_counted_on
    return (reading.counted_on <= day) & (later.is_(None) | (later > day))


def _base(reading, first):
    """The reading is the base a series' growth from `first` starts at: its count the day
    before, else (a series first counted later) its first count."""
    later = reading.next_counted_on
    before = (reading.counted_on < first) & (later.is_(None) | (later >= first))
    return before | (reading.previous_counted_on.is_(None) & (reading.counted_on >= first))


# The periods a statement answers, by the prefix of their bound parameters: the period asked
# for, and the one before it that the figures are compared with (ending no later).
PERIOD, PREVIOUS = "period", "previous"


def _rows(shape: Shape, periods: tuple[str, ...] = (PERIOD,)):
    """The readings the figures of the periods are made of (in the filter), with each one's
    roles per period: the count at the period's end (`{period}_at_end`), the base its growth
    starts from (`{period}_base`) and, for counting people, the person whose count it is at
    the end (`{period}_counted`). Each series gives at most one row of each role, found by
    the rows' links (followers/series.py), so the statement reads a few rows per series
    however many readings each has. Several periods only without a cohort or team filter
    (whose people differ from period to period)."""
    assert len(periods) == 1 or not shape.people, "one period at a time under a group filter"
    reading = FollowerReading
    columns, wanted = [], []
    for name in periods:
        first, last = bindparam(f"{name}_from"), bindparam(f"{name}_to")
        at_end = _count_on(reading, last)
        base = _base(reading, first) & (reading.counted_on <= last)
        columns += [
            case((at_end, reading.followers), else_=0).label(f"{name}_at_end"),
            case((base, reading.followers), else_=0).label(f"{name}_base"),
            case((at_end, reading.member_id)).label(f"{name}_counted"),
        ]
        wanted += [at_end, base]
    # A person's whole series counts for the cohort and teams they were in during the period
    # (a count is a standing figure, not an event of its day).
    kept = selects(reading.member_id, None, reading.platform, shape)
    return (
        select(reading.member_id, *columns)
        .where(
            reading.program_id == bindparam("program_id"),
            reading.counted_on <= bindparam(f"{periods[0]}_to"),
            or_(*wanted),
            kept,
        )
        .subquery()
    )


def _figures(rows, name: str) -> list:
    at_end = summed(rows.c[f"{name}_at_end"])
    counted = func.count(distinct(rows.c[f"{name}_counted"]))
    return [at_end, at_end - summed(rows.c[f"{name}_base"]), counted]


@cache
def _statement(shape: Shape = NONE, periods: tuple[str, ...] = (PERIOD,)) -> Select:
    rows = _rows(shape, periods)
    return select(*(column for name in periods for column in _figures(rows, name)))


def per_person(shape: Shape = NONE, one_person: bool = False):
    """A subquery of member_id, followers (at the period's end) and follower_growth (in it),
    one row per person with a count by the period's end, to join into a per-person statement
    (same parameters as `follower_figures`, and member_id when `one_person`)."""
    rows = _rows(shape)
    followers, growth, _ = _figures(rows, PERIOD)
    query = select(
        rows.c.member_id, followers.label("followers"), growth.label("follower_growth")
    ).group_by(rows.c.member_id)
    if one_person:
        query = query.where(rows.c.member_id == bindparam("member_id"))
    return query.subquery()


@cache
def _rest_statement(shape: Shape) -> Select:
    reading = FollowerReading
    return select(func.count(distinct(reading.member_id))).where(
        reading.program_id == bindparam("program_id"),
        _count_on(reading, bindparam("period_to")),
        selects(reading.member_id, None, reading.platform, shape, rest=True),
    )


def follower_figures(
    session, params: dict, shape: Shape = NONE, with_rest: bool = True
) -> FollowerFigures:
    """`params`: program_id, period_from, period_to and the filter's (kpis/filters.py).
    `rest` is counted under a filter unless `with_rest` is off (only HR's rule needs it)."""
    followers, growth, people = session.execute(_statement(shape), params).one()
    rest = session.scalar(_rest_statement(shape), params) if shape and with_rest else 0
    return FollowerFigures(followers, growth, people, rest)


def follower_figures_and_before(
    session, params: dict, shape: Shape = NONE
) -> tuple[FollowerFigures, FollowerFigures]:
    """The figures of a period and of the one before it (the core team's view): `params` as
    for `follower_figures`, and previous_from, previous_to. One statement, or one per period
    under a cohort or team filter."""
    if shape.people:
        before = params | {
            "period_from": params["previous_from"],
            "period_to": params["previous_to"],
        }
        return (
            follower_figures(session, params, shape, with_rest=False),
            follower_figures(session, before, shape, with_rest=False),
        )
    both = session.execute(_statement(shape, (PERIOD, PREVIOUS)), params).one()
    return FollowerFigures(*both[:3], rest=0), FollowerFigures(*both[3:], rest=0)
