"""A program's data version: a number that grows, in the same transaction, with every change
to the rows its figures are computed from. A cache of figures keyed by it (kpis/cache.py)
never serves figures older than the data, on every worker process, whatever wrote the rows.

It is kept by session events rather than by each writer, so a new write path cannot forget
it. The events see:
- rows changed through the ORM: the program is the row's own `program_id`, or found through
  its `member_id` (or a person's memberships for `users`) in one statement at commit;
- bulk statements (`session.execute(update(...))`, imports, erasure): which programs they
  touch is not known, so every program's version grows (they are rare).
Before the commit, one UPDATE raises the versions. Writes of a rolled-back transaction raise
nothing.

Connection-level statements (`session.connection().execute`) are not seen: no writer of the
tables below uses them.
"""

from __future__ import annotations

import uuid

from sqlalchemy import event, inspect, or_, select
from sqlalchemy.orm import ORMExecuteState, Session

from botschaft.core.database import Base

# The tables the program's figures (kpis/) are computed from. The architecture test checks
# that every model kpis/ reads is named here or in DERIVED.
FIGURE_INPUTS = frozenset({
    "programs", "program_memberships", "cohorts", "teams", "group_periods", "group_edges",
    "posts", "outcomes", "follower_readings", "applicant_questions", "question_topics",
    "learning_modules", "learning_progress", "meetings", "meeting_invitations", "users",
})  # fmt: skip
# Tables computed from the inputs: they change only when posts do (posts/rollup.py).
DERIVED = frozenset({"post_rollups", "program_post_rollups", "program_post_rollup_changes"})
# A person's row matters to the figures by their name only (tables and top posts show it);
# a sign-in writes `last_login_at` and changes no figure.
_USER_COLUMNS = frozenset({"name"})

# session.info: the programs changed (ids, or ALL), and the memberships and people whose
# programs are looked up at commit.
_CHANGED = "botschaft_changed_programs"
ALL = "all"


def _pending(session: Session) -> dict:
    return session.info.setdefault(_CHANGED, {"programs": set(), "members": set(), "users": set()})


def has_changes(session: Session) -> bool:
    """Whether the session holds changes to figure inputs not committed yet: figures read now
    belong to no committed version."""
    pending = session.info.get(_CHANGED)
    if pending and any(pending.values()):
        return True
    rows = (*session.new, *session.deleted, *session.dirty)
    return any(getattr(row, "__tablename__", None) in FIGURE_INPUTS for row in rows)


def _note_row(pending: dict, row: object, deleted: bool = False, new: bool = False) -> None:
    table = getattr(row, "__tablename__", None)
    if table not in FIGURE_INPUTS:
        return
    state = inspect(row)
    loaded = state.dict  # what is loaded: reading an expired attribute would query again
    if table == "users":
        # A new person belongs to no program yet (a membership made with them counts itself).
        if new:
            return
        if deleted or any(state.attrs[c].history.has_changes() for c in _USER_COLUMNS):
            pending["users"].add(loaded.get("id") or ALL)
    elif table == "programs":
        pending["programs"].add(loaded.get("id") or ALL)
    elif loaded.get("program_id") is not None:
        pending["programs"].add(loaded["program_id"])
    elif loaded.get("member_id") is not None:
        pending["members"].add(loaded["member_id"])
    else:  # not known without a query: every program
        pending["programs"].add(ALL)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    # After the flush, new/dirty/deleted still show what it wrote, with attribute history.
    pending = _pending(session)
    for row in session.new:
        _note_row(pending, row, new=True)
    for row in session.deleted:
        _note_row(pending, row, deleted=True)
    for row in session.dirty:
        if session.is_modified(row, include_collections=False):
            _note_row(pending, row)


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name not in FIGURE_INPUTS:
        return
    # SET parameters carry the column's name; WHERE parameters get a suffix ("id_1").
    if (
        name == "users"
        and state.is_update
        and not _USER_COLUMNS & set(state.statement.compile().params)
    ):
        return
    _pending(state.session)["programs"].add(ALL)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if not session.in_transaction():
        return
    session.flush()  # the commit's own flush comes after this event; its changes count too
    pending = session.info.pop(_CHANGED, None)
    if not pending or not any(pending.values()):
        return
    _raise_versions(session, _programs_of(session, pending))


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous) -> None:
    if previous.parent is None:  # the whole transaction, not a savepoint within it
        session.info.pop(_CHANGED, None)


def _programs_of(session: Session, pending: dict) -> set | str:
    programs = set(pending["programs"])
    if ALL in programs or ALL in pending["users"]:
        return ALL
    members = set(pending["members"])
    for row in list(session.identity_map.values()):  # memberships at hand need no query
        if getattr(row, "__tablename__", None) != "program_memberships":
            continue
        loaded = inspect(row).dict
        if loaded.get("id") in members and loaded.get("program_id") is not None:
            programs.add(loaded["program_id"])
            members.discard(loaded["id"])
    if members or pending["users"]:
        memberships = Base.metadata.tables["program_memberships"]
        found = session.connection().execute(
            select(memberships.c.program_id).where(
                or_(
                    memberships.c.id.in_(members),
                    memberships.c.user_id.in_(pending["users"]),
                )
            )
        )
        programs.update(found.scalars())
    return programs


def _raise_versions(session: Session, programs: set[uuid.UUID] | str) -> None:
    table = Base.metadata.tables["programs"]
    statement = table.update().values(
        data_version=table.c.data_version + 1,
        # Not an edit of the program: keep its `updated_at` (the column's onupdate would set it).
        updated_at=table.c.updated_at,
    )
    if programs != ALL:
        if not programs:
            return
        statement = statement.where(table.c.id.in_(programs))
    # On the connection, not session.execute: the bulk-statement event above must not see it.
    session.connection().execute(statement)
