"""The monthly rollup of posts (post_rollups): how it is computed and kept up to date.

Every flush that adds, changes or deletes a post refreshes the rollup of the people and
months it touched, in the same transaction (`_after_flush`); bulk statements that bypass the
ORM (imports) call `refresh` themselves. The rows of those people and months are recomputed
from the posts (not adjusted by deltas), so a refresh is right whatever happened before, and
running it twice changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from itertools import chain

from sqlalchemy import (
    BigInteger,
    Date,
    Select,
    case,
    cast,
    delete,
    event,
    func,
    insert,
    inspect,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from botschaft.posts.models import Post, PostRollup
from botschaft.programs.models import ProgramMembership

DIMENSIONS = {"all": None, "platform": Post.platform, "format": Post.format}
# What the rollup sums or groups by; a change to anything else (a note, hashtags) leaves it.
_COUNTED = ("member_id", "published_on", "platform", "format", "impressions", "likes")
_COUNTED += ("comments", "shares")
_CHUNK = 500  # people per statement (bound parameters stay far below every database's limit)


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_of(session: Session, column):
    """The first day of the column's month, as a date, in the session's SQL dialect."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.date_trunc("month", column), Date)
    return type_coerce(func.date(column, "start of month"), Date)


def aggregate(session: Session, dimension: str) -> Select:
    """Posts grouped like the rollup's rows of one dimension, with the rollup's columns;
    callers add the WHERE. Used to fill the rollup and, for the days of a period that do not
    cover a whole month, by the KPIs directly."""
    month = month_of(session, Post.published_on)
    dim = DIMENSIONS[dimension]
    key = literal("") if dim is None else dim
    engaged = Post.likes + Post.comments + Post.shares
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
    ).group_by(Post.member_id, month, Post.program_id, *([] if dim is None else [dim]))


def summed(column):
    """SUM as a whole number on every database (PostgreSQL sums BIGINT as NUMERIC)."""
    return cast(func.coalesce(func.sum(column), 0), BigInteger)


def refresh(session: Session, touched: Iterable[tuple[uuid.UUID, date]]) -> None:
    """Recompute the rollup rows of these (person, day) pairs' months. Call it after the
    posts' changes are flushed, with the old and the new day when a post moved."""
    months_by_member: dict[uuid.UUID, set[date]] = {}
    for member_id, day in touched:
        months_by_member.setdefault(member_id, set()).add(month_start(day))
    members = sorted(months_by_member)
    for start in range(0, len(members), _CHUNK):
        chunk = members[start : start + _CHUNK]
        months = sorted(set().union(*(months_by_member[m] for m in chunk)))
        _recompute(session, chunk, months)


def rebuild(session: Session, program_id: uuid.UUID | None = None) -> int:
    """Recompute the whole rollup (of one program); returns the number of rows it has now."""
    mine = [] if program_id is None else [PostRollup.program_id == program_id]
    session.execute(delete(PostRollup).where(*mine))
    posts = [] if program_id is None else [Post.program_id == program_id]
    for dimension in DIMENSIONS:
        session.execute(_insert_from(aggregate(session, dimension).where(*posts)))
    return session.scalar(select(func.count()).select_from(PostRollup).where(*mine)) or 0


def _recompute(session: Session, members: list[uuid.UUID], months: list[date]) -> None:
    # Two transactions recomputing one person's month at once would each write the rows they
    # saw; locking the person's membership first makes the second wait and see the first's.
    # (NO KEY UPDATE: the posts' foreign keys hold KEY SHARE on it, which must not deadlock.)
    session.execute(
        select(ProgramMembership.id)
        .where(ProgramMembership.id.in_(members))
        .order_by(ProgramMembership.id)
        .with_for_update(key_share=True)
    ).all()
    session.execute(
        delete(PostRollup).where(PostRollup.member_id.in_(members), PostRollup.month.in_(months))
    )
    month = month_of(session, Post.published_on)
    for dimension in DIMENSIONS:
        query = aggregate(session, dimension).where(
            Post.member_id.in_(members),
            Post.published_on >= months[0],
            month.in_(months),
        )
        session.execute(_insert_from(query))


def _insert_from(query: Select):
    columns = [c.name for c in query.selected_columns]
    return insert(PostRollup).from_select(columns, query)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    touched: set[tuple[uuid.UUID, date]] = set()
    for post in chain(session.new, session.dirty, session.deleted):
        if not isinstance(post, Post):
            continue
        attrs = inspect(post).attrs
        if post in session.dirty and not any(attrs[a].history.has_changes() for a in _COUNTED):
            continue
        touched.add((post.member_id, post.published_on))
        # A post moved to another month (or person) leaves its old month too.
        old_member = attrs.member_id.history.deleted
        old_day = attrs.published_on.history.deleted
        if old_member or old_day:
            touched.add(
                (
                    old_member[0] if old_member else post.member_id,
                    old_day[0] if old_day else post.published_on,
                )
            )
    if touched:
        refresh(session, touched)
