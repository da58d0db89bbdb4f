"""The rollups of posts the KPIs read: how they are computed and kept up to date.

`post_rollups` sums each person's posts per month (all posts, per platform, per format);
`program_post_rollups` sums those rows over the program's people. Every flush that adds,
changes or deletes a post refreshes the people and months it touched, in the same transaction
(`_after_flush`); bulk statements that bypass the ORM (imports) call `refresh` themselves. A
person's rows are recomputed from the posts (not adjusted by deltas), so a refresh is right
whatever happened before; the program's rows change by the difference between a person's old
and new rows. Refreshes of one program are serialised by a lock on its row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import chain

from sqlalchemy import (
    BigInteger,
    Date,
    Executable,
    Select,
    bindparam,
    case,
    cast,
    delete,
    distinct,
    event,
    func,
    insert,
    inspect,
    literal,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from botschaft.posts.models import SUMMED, Post, PostFormat, PostRollup, ProgramPostRollup
from botschaft.programs.models import Platform, Program

DIMENSIONS = {"all": None, "platform": Post.platform, "format": Post.format}
# Each platform and format as one bit of the rollup's bit sets, in the enums' order.
BITS = {
    "platform": {p.value: 1 << n for n, p in enumerate(Platform)},
    "format": {f.value: 1 << n for n, f in enumerate(PostFormat)},
}
# What the rollups sum or group by; a change to anything else (a note, hashtags) leaves them.
_COUNTED = ("program_id", "member_id", "published_on", "platform", "format", "impressions")
_COUNTED += ("likes", "comments", "shares")
_CHUNK = 500  # people per statement (bound parameters stay far below every database's limit)
_PROGRAM_KEY = ("program_id", "dimension", "key", "month")

Touched = tuple[uuid.UUID, uuid.UUID, date]  # program, person, a day of the month


def month_start(day: date) -> date:
    return day.replace(day=1)


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


def month_of(dialect: str, column):
    """The first day of the column's month, as a date, in the dialect's SQL."""
    if dialect == "postgresql":
        return cast(func.date_trunc("month", column), Date)
    return type_coerce(func.date(column, "start of month"), Date)


def summed(column):
    """SUM as a whole number on every database (PostgreSQL sums BIGINT as NUMERIC)."""
    return cast(func.coalesce(func.sum(column), 0), BigInteger)


def _bit_set(column, bits: dict[str, int]):
    """The set of the column's values among the rows, as bits (each value counted once)."""
    return summed(distinct(case(bits, value=column, else_=0)))


# Statements are built once per dialect and shape, with bound parameters: building and
# caching a statement of this size costs SQLAlchemy more than the database needs to run it.
@cache
def aggregate(dialect: str, dimension: str) -> Select:
    """Posts grouped like the person rollup's rows of one dimension, with its columns;
    callers add the WHERE. Used to fill the rollup and, for the days of a period that do not
    cover a whole month, by the KPIs directly."""
    month = month_of(dialect, Post.published_on)
    dim = DIMENSIONS[dimension]
    key = literal("") if dim is None else dim
    engaged = Post.likes + Post.comments + Post.shares
    every = dim is None
    return select(
        Post.member_id.label("member_id"),
        month.label("month"),
        literal(dimension).label("dimension"),
        key.label("key"),
        Post.program_id.label("program_id"),
        func.count(Post.id).label("posts"),
        summed(Post.impressions).label("impressions"),
        summed(Post.likes).label("likes"),
        summed(Post.comments).label("comments"),
        summed(Post.shares).label("shares"),
        summed(case((Post.impressions.is_not(None), engaged), else_=0)).label("engaged_known"),
        func.max(Post.published_on).label("last_post_on"),
        (_bit_set(Post.platform, BITS["platform"]) if every else literal(0)).label("platforms"),
        (_bit_set(Post.format, BITS["format"]) if every else literal(0)).label("formats"),
    ).group_by(Post.member_id, month, Post.program_id, *([] if every else [dim]))


def refresh(session: Session, touched: Iterable[Touched]) -> None:
    """Recompute the rollups of these (program, person, day) months. Call it after the posts'
    changes are flushed, with the old and the new day when a post moved."""
    by_program: dict[uuid.UUID, dict[uuid.UUID, set[date]]] = {}
    for program_id, member_id, day in touched:
        by_program.setdefault(program_id, {}).setdefault(member_id, set()).add(month_start(day))
    _lock_programs(session, sorted(by_program))
    for program_id, months_by_member in by_program.items():
        members = sorted(months_by_member)
        for start in range(0, len(members), _CHUNK):
            chunk = members[start : start + _CHUNK]
            months = sorted(set().union(*(months_by_member[m] for m in chunk)))
            _recompute(session, program_id, chunk, months)


def rebuild(session: Session, program_id: uuid.UUID | None = None) -> int:
    """Recompute both rollups (of one program); returns the number of person rows."""
    mine = [] if program_id is None else [PostRollup.program_id == program_id]
    theirs = [] if program_id is None else [ProgramPostRollup.program_id == program_id]
    session.execute(delete(ProgramPostRollup).where(*theirs))
    session.execute(delete(PostRollup).where(*mine))
    posts = [] if program_id is None else [Post.program_id == program_id]
    for dimension in DIMENSIONS:
        session.execute(_insert_people(aggregate(dialect_of(session), dimension).where(*posts)))
    totals = select(
        *(getattr(PostRollup, c) for c in _PROGRAM_KEY),
        *(summed(getattr(PostRollup, c)).label(c) for c in SUMMED),
    ).where(*mine)
    session.execute(
        insert(ProgramPostRollup).from_select(
            [*_PROGRAM_KEY, *SUMMED],
            totals.group_by(*(getattr(PostRollup, c) for c in _PROGRAM_KEY)),
        )
    )
    return session.scalar(select(func.count()).select_from(PostRollup).where(*mine)) or 0


def _lock_programs(session: Session, program_ids: list[uuid.UUID]) -> None:
    # Two refreshes of one program at once would each compute from what they saw; the lock
    # makes the second wait and see the first's rows. (NO KEY UPDATE: the posts' foreign keys
    # hold KEY SHARE on the program, which must not wait for it.)
    session.execute(_refresh_statements(dialect_of(session)).lock, {"programs": program_ids})


@dataclass(frozen=True)
class _Refresh:
    lock: Select
    add_to_program: Executable
    drop_empty: Executable
    drop_people: Executable
    insert_people: Executable


@cache
def _refresh_statements(dialect: str) -> _Refresh:
    members, months = bindparam("members", expanding=True), bindparam("months", expanding=True)
    month = month_of(dialect, Post.published_on)
    fresh = [
        aggregate(dialect, dimension).where(
            Post.member_id.in_(members), Post.published_on >= bindparam("first"), month.in_(months)
        )
        for dimension in DIMENSIONS
    ]
    # Tables, not ORM entities: executed with parameters, an ORM insert would be a bulk insert.
    people, programs = PostRollup.__table__, ProgramPostRollup.__table__
    stored = (people.c.member_id.in_(members), people.c.month.in_(months))
    return _Refresh(
        lock=select(Program.id)
        .where(Program.id.in_(bindparam("programs", expanding=True)))
        .order_by(Program.id)
        .with_for_update(key_share=True),
        add_to_program=_add_to_program(dialect, fresh, stored),
        drop_empty=delete(programs).where(
            programs.c.program_id == bindparam("program"),
            programs.c.month.in_(months),
            programs.c.posts == 0,
        ),
        drop_people=delete(people).where(*stored),
        insert_people=_insert_people(union_all(*fresh)),
    )


def _recompute(
    session: Session, program_id: uuid.UUID, members: list[uuid.UUID], months: list[date]
) -> None:
    statements = _refresh_statements(dialect_of(session))
    params = {"program": program_id, "members": members, "months": months, "first": months[0]}
    # The program's rows change by (the people's fresh rows − their stored rows) ...
    session.execute(statements.add_to_program, params)
    session.execute(statements.drop_empty, params)
    # ... then the people's rows are replaced by the fresh ones.
    session.execute(statements.drop_people, params)
    session.execute(statements.insert_people, params)


def _add_to_program(dialect: str, fresh: list[Select], stored) -> Executable:
    parts = []
    for query in fresh:
        sub = query.subquery()
        parts.append(select(*(sub.c[c] for c in (*_PROGRAM_KEY, *SUMMED))))
    people = PostRollup.__table__
    parts.append(
        select(*(people.c[c] for c in _PROGRAM_KEY), *(-people.c[c] for c in SUMMED)).where(*stored)
    )
    change = union_all(*parts).subquery()
    keys = [change.c[c] for c in _PROGRAM_KEY]
    difference = (
        select(*keys, *(summed(change.c[c]).label(c) for c in SUMMED))
        .where(change.c.month.is_not(None))  # SQLite's upsert needs a WHERE in its SELECT
        .group_by(*keys)
    )
    table = ProgramPostRollup.__table__
    upsert = (postgresql if dialect == "postgresql" else sqlite).insert(table)
    upsert = upsert.from_select([*_PROGRAM_KEY, *SUMMED], difference)
    return upsert.on_conflict_do_update(
        index_elements=list(_PROGRAM_KEY),
        set_={c: table.c[c] + upsert.excluded[c] for c in SUMMED},
    )


def _insert_people(query):
    columns = [c.name for c in query.selected_columns]
    return insert(PostRollup.__table__).from_select(columns, query)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    touched: set[Touched] = set()
    for post in chain(session.new, session.dirty, session.deleted):
        if not isinstance(post, Post):
            continue
        attrs = inspect(post).attrs
        if post in session.dirty and not any(attrs[a].history.has_changes() for a in _COUNTED):
            continue
        touched.add((post.program_id, post.member_id, post.published_on))
        # A post moved to another month (or person) leaves its old month too.
        old_member = attrs.member_id.history.deleted
        old_day = attrs.published_on.history.deleted
        if old_member or old_day:
            touched.add(
                (
                    post.program_id,
                    old_member[0] if old_member else post.member_id,
                    old_day[0] if old_day else post.published_on,
                )
            )
    if touched:
        refresh(session, touched)
