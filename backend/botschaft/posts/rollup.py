"""The rollups of posts the KPIs read: how they are computed and kept up to date.

`post_rollups` sums each person's posts per month (all posts, per platform, per format);
`program_post_rollups` sums those rows over the program's people. Every writer of posts
refreshes the people and months it touched, in the same transaction: through `touch` after
ORM changes, through `refresh` after bulk statements (imports). There is no global hook: a
write path that forgets it fails the rollup tests, not some other session's flush. A
person's rows are recomputed from the posts (not adjusted by deltas), so a refresh is right
whatever happened before; the difference between the person's old and new rows is appended
to program_post_rollup_changes, which `fold` (a job every minute) adds to the program's rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import (
    BigInteger,
    Executable,
    Select,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    inspect,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from botschaft.core import dialect as sql
from botschaft.posts.models import (
    SUMMED,
    Post,
    PostFormat,
    PostRollup,
    ProgramPostRollup,
    ProgramPostRollupChange,
)
from botschaft.tenancy.models import Platform, ProgramMembership

DIMENSIONS = {"all": None, "platform": Post.platform, "format": Post.format}
# Each platform and format as one bit of the rollup's bit sets, in the enums' order.
BITS = {
    "platform": {p.value: 1 << n for n, p in enumerate(Platform)},
    "format": {f.value: 1 << n for n, f in enumerate(PostFormat)},
}
# What the rollups sum or group by; a change to anything else (a note, hashtags) leaves them.
_COUNTED = ("member_id", "published_on", "platform", "format", "impressions")
_COUNTED += ("likes", "comments", "shares")
_CHUNK = 500  # people per statement (bound parameters stay far below every database's limit)
_PROGRAM_KEY = ("program_id", "dimension", "key", "month")

Touched = tuple[uuid.UUID, date]  # a person, a day of the month


def month_start(day: date) -> date:
    return day.replace(day=1)


def summed(column):
    """SUM as a whole number on every database (PostgreSQL sums BIGINT as NUMERIC)."""
    return cast(func.coalesce(func.sum(column), 0), BigInteger)


def _bit_set(dialect: str, column, bits: dict[str, int]):
    """The set of the column's values among the rows, as bits (each value counted once)."""
    return cast(
        func.coalesce(sql.bit_or(dialect, case(bits, value=column, else_=0)), 0), BigInteger
    )


# Statements are built once per dialect and shape, with bound parameters: building and
# caching a statement of this size costs SQLAlchemy more than the database needs to run it.
@cache
def aggregate(dialect: str, dimension: str, by_person: bool = True) -> Select:
    """Posts grouped like the person rollup's rows of one dimension, with its columns;
    callers add the WHERE. Used to fill the rollup and, for the days of a period that do not
    cover a whole month, by the KPIs directly. Without `by_person`, grouped like the program
    rollup's rows (no member_id, last post or bit sets): fewer groups, no sort by person."""
    month = sql.month_start(dialect, Post.published_on)
    dim = DIMENSIONS[dimension]
    key = literal("") if dim is None else dim
    engaged = Post.likes + Post.comments + Post.shares
    every = dim is None
    person = [Post.member_id.label("member_id")] if by_person else []
    per_person = [
        func.max(Post.published_on).label("last_post_on"),
        (_bit_set(dialect, Post.platform, BITS["platform"]) if every else literal(0)).label(
            "platforms"
        ),
        (_bit_set(dialect, Post.format, BITS["format"]) if every else literal(0)).label("formats"),
    ]
    return select(
        *person,
        month.label("month"),
        literal(dimension).label("dimension"),
        key.label("key"),
        Post.program_id.label("program_id"),
        func.count().label("posts"),  # count(*): an index holding the summed columns answers it
        summed(Post.impressions).label("impressions"),
        summed(Post.likes).label("likes"),
        summed(Post.comments).label("comments"),
        summed(Post.shares).label("shares"),
        summed(case((Post.impressions.is_not(None), engaged), else_=0)).label("engaged_known"),
        *(per_person if by_person else []),
    ).group_by(
        *([Post.member_id] if by_person else []), month, Post.program_id, *([] if every else [dim])
    )


def refresh(session: Session, touched: Iterable[Touched]) -> None:
    """Recompute the rollups of these (person, day) months. Call it after the posts' changes
    are flushed, with the old and the new day when a post moved."""
    months_by_member: dict[uuid.UUID, set[date]] = {}
    for member_id, day in touched:
        months_by_member.setdefault(member_id, set()).add(month_start(day))
    members = sorted(months_by_member)
    for start in range(0, len(members), _CHUNK):
        chunk = members[start : start + _CHUNK]
        months = sorted(set().union(*(months_by_member[m] for m in chunk)))
        _recompute(session, chunk, months)


def rebuild(session: Session, program_id: uuid.UUID | None = None) -> int:
    """Recompute both rollups (of one program); returns the number of person rows."""
    mine = [] if program_id is None else [PostRollup.program_id == program_id]
    theirs = [] if program_id is None else [ProgramPostRollup.program_id == program_id]
    changes = ProgramPostRollupChange.__table__
    session.execute(
        delete(changes).where(*([] if program_id is None else [changes.c.program_id == program_id]))
    )
    session.execute(delete(ProgramPostRollup).where(*theirs))
    session.execute(delete(PostRollup).where(*mine))
    posts = [] if program_id is None else [Post.program_id == program_id]
    for dimension in DIMENSIONS:
        session.execute(_insert_people(aggregate(sql.name(session), dimension).where(*posts)))
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


@dataclass(frozen=True)
class _Refresh:
    lock: Select | None
    record_change: Executable
    drop_people: Executable
    insert_people: Executable


@cache
def _refresh_statements(dialect: str) -> _Refresh:
    members, months = bindparam("members", expanding=True), bindparam("months", expanding=True)
    month = sql.month_start(dialect, Post.published_on)
    fresh = [
        aggregate(dialect, dimension).where(
            Post.member_id.in_(members), Post.published_on >= bindparam("first"), month.in_(months)
        )
        for dimension in DIMENSIONS
    ]
    # Tables, not ORM entities: executed with parameters, an ORM insert would be a bulk insert.
    people = PostRollup.__table__
    stored = (people.c.member_id.in_(members), people.c.month.in_(months))
    # Two refreshes of one person's month at once would each write what they saw; the lock
    # makes the second wait and see the first's rows. (NO KEY UPDATE: the posts' foreign keys
    # hold KEY SHARE on the membership, which must not wait for it.) SQLite lets one writer
    # in at a time anyway.
    lock = (
        select(ProgramMembership.id)
        .where(ProgramMembership.id.in_(members))
        .order_by(ProgramMembership.id)
        .with_for_update(key_share=True)
    )
    return _Refresh(
        lock=sql.row_lock(dialect, lock),
        record_change=_record_change(fresh, stored),
        drop_people=delete(people).where(*stored),
        insert_people=_insert_people(union_all(*fresh)),
    )


def _recompute(session: Session, members: list[uuid.UUID], months: list[date]) -> None:
    statements = _refresh_statements(sql.name(session))
    params = {"members": members, "months": months, "first": months[0]}
    if statements.lock is not None:
        session.execute(statements.lock, params)
    # The difference (the people's fresh rows − their stored rows) is kept for the program ...
    session.execute(statements.record_change, params)
    # ... then the people's rows are replaced by the fresh ones.
    session.execute(statements.drop_people, params)
    session.execute(statements.insert_people, params)


def _record_change(fresh: list[Select], stored) -> Executable:
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
    sums = [summed(change.c[c]) for c in SUMMED]
    difference = (
        select(*keys, *(total.label(c) for total, c in zip(sums, SUMMED, strict=True)))
        .group_by(*keys)
        .having(or_(*(total != 0 for total in sums)))
    )
    changes = ProgramPostRollupChange.__table__
    return insert(changes).from_select([*_PROGRAM_KEY, *SUMMED], difference)


def fold(session: Session, limit: int = 10_000) -> int:
    """Adds up to `limit` recorded changes to the program rows; returns how many it folded.
    Claiming them by DELETE ... RETURNING lets several workers fold at once, each change
    counted by exactly one of them."""
    changes = ProgramPostRollupChange.__table__
    oldest = select(changes.c.id).order_by(changes.c.id).limit(limit)
    claimed = session.execute(
        delete(changes)
        .where(changes.c.id.in_(oldest.scalar_subquery()))
        .returning(*(changes.c[c] for c in (*_PROGRAM_KEY, *SUMMED)))
    ).all()
    totals: dict[tuple, list[int]] = {}
    for row in claimed:
        sums = totals.setdefault(tuple(row[: len(_PROGRAM_KEY)]), [0] * len(SUMMED))
        for n, value in enumerate(row[len(_PROGRAM_KEY) :]):
            sums[n] += value
    if not totals:
        return 0
    table = ProgramPostRollup.__table__
    upsert = sql.upsert(session, table)
    upsert = upsert.on_conflict_do_update(
        index_elements=list(_PROGRAM_KEY),
        set_={c: table.c[c] + upsert.excluded[c] for c in SUMMED},
    )
    rows = [
        dict(zip((*_PROGRAM_KEY, *SUMMED), (*key, *sums), strict=True))
        for key, sums in sorted(totals.items())
    ]
    session.execute(upsert, rows)
    programs = {key[0] for key in totals}
    session.execute(delete(table).where(table.c.program_id.in_(programs), table.c.posts == 0))
    return len(claimed)


def _insert_people(query):
    columns = [c.name for c in query.selected_columns]
    return insert(PostRollup.__table__).from_select(columns, query)


def touch(session: Session, posts: Iterable[Post]) -> None:
    """Every writer of posts calls this after adding, changing or deleting them (before or
    after the flush): it flushes and refreshes the months the posts are in, and a moved post's
    old month (or person) too. A change to nothing the rollups count (a note) refreshes none."""
    touched: set[Touched] = set()
    for post in posts:
        attrs = inspect(post).attrs
        if post in session.dirty and not any(attrs[a].history.has_changes() for a in _COUNTED):
            continue
        touched.add((post.member_id, post.published_on))
        old_member = attrs.member_id.history.deleted
        old_day = attrs.published_on.history.deleted
        if old_member or old_day:
            touched.add(
                (
                    old_member[0] if old_member else post.member_id,
                    old_day[0] if old_day else post.published_on,
                )
            )
    session.flush()
    if touched:
        refresh(session, touched)
