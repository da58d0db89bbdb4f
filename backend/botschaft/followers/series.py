"""The links of each follower series: every reading holds the day of its series' next reading
and of the one before (models.FollowerReading). With them, the count of every person on a day
is found by each row's own columns, not by ordering each person's readings (kpis/followers.py):
at 10,000 people with a year of monthly counts, a period's figures keep the few rows per series
that count by a filter instead of sorting all 240,000 readings by person, platform and day.

The links are derived data, kept by a session event rather than by each writer, so a new write
path (or a test that adds readings) cannot leave them stale: after a flush that added, removed
or moved readings, one statement relinks the series of the people concerned. Writers with Core
statements must set them too (the benchmarks' bulk copy computes them as it generates).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import Update, event, func, inspect, or_, select, update
from sqlalchemy.orm import Session

from botschaft.core import dialect as sql
from botschaft.followers.models import FollowerReading
from botschaft.tenancy.models import ProgramMembership

# session.info: the people whose series the flush changed
_CHANGED = "botschaft_follower_series"
# Members per statement: SQLite takes at most 32,766 parameters.
_CHUNK = 1000
# What places a reading in its series (its count does not).
_PLACE = ("member_id", "platform", "counted_on")


def _relink_statement(members: list[uuid.UUID]) -> Update:
    readings = FollowerReading.__table__
    series = {
        "partition_by": (readings.c.member_id, readings.c.platform),
        "order_by": readings.c.counted_on,
    }
    links = (
        select(
            readings.c.id,
            func.lead(readings.c.counted_on).over(**series).label("next_on"),
            func.lag(readings.c.counted_on).over(**series).label("previous_on"),
        )
        .where(readings.c.member_id.in_(members))
        .subquery()
    )
    return (
        update(readings)
        .where(
            readings.c.id == links.c.id,
            or_(
                readings.c.next_counted_on.is_distinct_from(links.c.next_on),
                readings.c.previous_counted_on.is_distinct_from(links.c.previous_on),
            ),
        )
        .values(next_counted_on=links.c.next_on, previous_counted_on=links.c.previous_on)
    )


def relink(session: Session, members: Iterable[uuid.UUID]) -> None:
    """Sets the links of every series of `members`; only rows whose links change are
    written. Two writers of one person's counts at once would each link the rows they see;
    the lock on the person's membership makes the second wait for the first to commit, and
    its relink then sees both (NO KEY UPDATE: the readings' foreign keys hold KEY SHARE on the
    membership, which must not wait for it). SQLite lets one writer in at a time anyway."""
    people = sorted(set(members))
    # On the session's connection: a statement through the session would count as a bulk
    # change of every program's data (tenancy/data_version.py); the flush noted the program.
    connection = session.connection()
    for start in range(0, len(people), _CHUNK):
        chunk = people[start : start + _CHUNK]
        lock = sql.row_lock(
            sql.name(session),
            select(ProgramMembership.id)
            .where(ProgramMembership.id.in_(chunk))
            .order_by(ProgramMembership.id)
            .with_for_update(key_share=True),
        )
        if lock is not None:
            connection.execute(lock)
        connection.execute(_relink_statement(chunk))


def _moved(row: FollowerReading) -> set[uuid.UUID]:
    """The people whose series a changed reading left or joined (none if only its count
    changed)."""
    state = inspect(row)
    if not any(state.attrs[name].history.has_changes() for name in _PLACE):
        return set()
    return {row.member_id, *(m for m in state.attrs["member_id"].history.deleted if m)}


@event.listens_for(Session, "after_flush")
def _note(session: Session, _context) -> None:
    people = {
        r.member_id for r in (*session.new, *session.deleted) if isinstance(r, FollowerReading)
    }
    for row in session.dirty:
        if isinstance(row, FollowerReading):
            people |= _moved(row)
    if people:  # most flushes touch no follower count
        session.info.setdefault(_CHANGED, set()).update(people)


@event.listens_for(Session, "after_flush_postexec")
def _relink(session: Session, _context) -> None:
    people = session.info.pop(_CHANGED, None)
    if not people:
        return
    relink(session, people)
    # The rows in the session do not know their new links: read them again when asked.
    for row in list(session.identity_map.values()):
        if isinstance(row, FollowerReading) and inspect(row).dict.get("member_id") in people:
            session.expire(row, ["next_counted_on", "previous_counted_on"])
