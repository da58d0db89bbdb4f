"""Every difference between SQLite and PostgreSQL the code relies on, in one place. Each
function takes the session (or the dialect's name, for statements built once and cached per
dialect) and returns what to run; nothing else in the code asks which database it is on."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from functools import reduce
from typing import Any, Literal

from sqlalchemy import (
    ARRAY,
    Boolean,
    ColumnElement,
    Date,
    Select,
    Table,
    any_,
    bindparam,
    cast,
    func,
    literal_column,
    type_coerce,
)
from sqlalchemy.dialects import postgresql, sqlite

Name = Literal["sqlite", "postgresql"]


def name(session: Any) -> Name:
    return session.get_bind().dialect.name


def is_sqlite(session: Any) -> bool:
    return name(session) == "sqlite"


def month_start(dialect: str, column) -> ColumnElement:
    """The first day of the column's month, as a date."""
    if dialect == "postgresql":
        return cast(func.date_trunc("month", column), Date)
    return type_coerce(func.date(column, "start of month"), Date)


def bit_or(dialect: str, value: ColumnElement) -> ColumnElement:
    """The OR of an integer over a group's rows. Each row holds one bit, so the sum of the
    distinct values is the same; PostgreSQL's bit_or aggregates by hash, where a DISTINCT
    aggregate needs its rows sorted (a sort of every post in a period's partial months)."""
    if dialect == "postgresql":
        return func.bit_or(value)
    return func.sum(value.distinct())


def or_of_sets(dialect: str, column: ColumnElement, bits: Iterable[int]) -> ColumnElement:
    """The OR of bit sets (several bits per row) over a group's rows: PostgreSQL's bit_or, one
    aggregate; SQLite has none, so each bit's maximum, added up."""
    if dialect == "postgresql":
        return func.bit_or(column)
    return reduce(operator.add, (func.max(column.op("&")(bit)) for bit in bits))


def upsert(session: Any, table: Table):
    """INSERT ... ON CONFLICT for the table (both databases speak it, each in its own class)."""
    return (postgresql if name(session) == "postgresql" else sqlite).insert(table)


def one_of(session: Any, column: ColumnElement, values: list) -> ColumnElement[bool]:
    """`column IN (values)`; on PostgreSQL `column = ANY(array)` with one parameter instead
    of thousands, which SQLAlchemy and psycopg would otherwise render and parse one by one
    (seconds for a large file)."""
    if name(session) == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def mostly_true(dialect: str, condition: ColumnElement) -> ColumnElement:
    """Tells SQLite's planner that most rows meet `condition` (it would otherwise use a date
    index and sort every row of a period to find five); PostgreSQL finds that plan itself."""
    if dialect != "sqlite":
        return condition
    return func.likelihood(condition, literal_column("0.9"), type_=Boolean)


def skip_locked(session: Any, statement: Select) -> Select:
    """Rows another worker has claimed are skipped on PostgreSQL; SQLite has one writer."""
    if name(session) == "postgresql":
        return statement.with_for_update(skip_locked=True)
    return statement


def row_lock(dialect: str, statement: Select) -> Select | None:
    """A locking SELECT to run first, or None where one writer at a time holds the whole
    database anyway (SQLite)."""
    return None if dialect == "sqlite" else statement
