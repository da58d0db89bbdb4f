"""Engine, sessions and the declarative base shared by every domain."""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import DateTime, Executable, MetaData, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    declared_attr,
    mapped_column,
    sessionmaker,
)
from sqlalchemy.types import TypeDecorator

from botschaft.core.ids import uuid7

if TYPE_CHECKING:
    from botschaft.core.settings import Settings

log = logging.getLogger(__name__)

# Stable constraint names keep migrations portable between SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC; always hands back an aware datetime (SQLite forgets the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime}


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class VersionedMixin:
    """Optimistic locking: a stale UPDATE raises StaleDataError (answered 409)."""

    version: Mapped[int] = mapped_column(nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
    # SAVEPOINTs work (see SQLAlchemy's "Serializable isolation / Savepoints" recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


SQLITE_BUSY_SECONDS = 10


def _install_sqlite_transactions(engine: Engine) -> None:
    """Write transactions begin IMMEDIATE, queued in-process first.

    IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes
    fails at once ("database is locked") when another connection wrote in between, whatever the
    busy timeout. SQLite's busy handler polls with growing sleeps (up to 100 ms), so many
    threads waiting for the lock leave it idle most of the time; a lock per process hands it
    over at once instead, and the busy handler only arbitrates between processes. Read-only
    work opts out with execution_options(sqlite_begin="DEFERRED"). PostgreSQL, with row
    locks, is the database for many concurrent writers.
    """
    gate = threading.Lock()

    def begin(connection) -> None:
        if connection.get_execution_options().get("sqlite_begin") == "DEFERRED":
            connection.exec_driver_sql("BEGIN DEFERRED")
            return
        if not gate.acquire(timeout=SQLITE_BUSY_SECONDS):
            raise sqlite3.OperationalError("database is locked (write queue timed out)")
        connection.info["botschaft_write_gate"] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            release(connection)
            raise

    def release(connection) -> None:
        if connection.info.pop("botschaft_write_gate", False):
            gate.release()

    def checkin(_dbapi_connection, record) -> None:  # a connection returned mid-transaction
        if record.info.pop("botschaft_write_gate", False):
            gate.release()

    event.listen(engine, "begin", begin)
    event.listen(engine, "commit", release)
    event.listen(engine, "rollback", release)
    event.listen(engine.pool, "checkin", checkin)


# What the KPIs' sorts and hashes over every person of a large program need: with
# PostgreSQL's default of 4 MB they spill to disk at 43,000 people, a fifth of the request
# (docs/benchmarks.md). Small programs never use it; each sort or hash takes what it needs.
WORK_MEM = "32MB"


def make_engine(url: str, *, work_mem: str | None = WORK_MEM, **kwargs) -> Engine:
    """An engine for the URL; on PostgreSQL its connections get `work_mem` (None: the
    server's or the role's setting)."""
    if url.startswith("sqlite"):
        in_memory = url in ("sqlite://", "sqlite:///:memory:")
        if "poolclass" not in kwargs and not in_memory:
            # A connection for every request thread (anyio's pool has 40), so threads queue
            # for the write lock holding their connection, never for a connection.
            kwargs.setdefault("pool_size", 50)
            kwargs.setdefault("max_overflow", 10)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS},
            **kwargs,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        _install_sqlite_transactions(engine)
        return engine
    if "poolclass" not in kwargs:
        # Room for every request in flight (max_concurrent_requests) plus the job runner.
        kwargs.setdefault("pool_size", 20)
        kwargs.setdefault("max_overflow", 20)
    kwargs.setdefault("pool_pre_ping", True)
    # No server-side prepared statements unless a statement asks (prepared_on_server): after
    # five executions PostgreSQL may switch a prepared statement to a generic plan, made
    # without the parameters' values. One database holds programs of 16 and of 10,000 people,
    # so a plan good for one is bad for the other (a generic plan made the KPI breakdowns 3×
    # and re-imports 10× slower).
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("prepare_threshold", None)
    engine = create_engine(url, connect_args=connect_args, **kwargs)
    event.listen(engine, "connect", _session_settings(work_mem))
    event.listen(engine, "do_execute", _execute_prepared_if_marked)
    return engine


PREPARE_ON_SERVER = "prepare_on_server"
_ASKED_ONLY = 1 << 62  # psycopg's count of executions before it prepares by itself
_S = TypeVar("_S", bound=Executable)


def prepared_on_server(statement: _S) -> _S:
    """The statement, marked to be prepared on PostgreSQL's server (once per connection;
    psycopg keeps up to 100). Only for lookups by a unique key that every request runs (the
    session, the program and the membership): their plan is the same whatever the program's
    size, so PostgreSQL's generic plan after five executions is safe and saves the planning
    (the session lookup on the demo: 0.2 ms instead of 0.6). A rollback of an open transaction
    makes psycopg forget them, to prepare again; requests end in a commit. Nothing else is
    prepared (see make_engine); SQLite ignores the mark."""
    return statement.execution_options(**{PREPARE_ON_SERVER: True})


def _execute_prepared_if_marked(cursor, statement, parameters, context) -> bool:
    if context is None or not context.execution_options.get(PREPARE_ON_SERVER):
        return False
    # psycopg prepares nothing, not even what is asked for, while its threshold is None (as
    # the connections are made): lifted for this one statement, so no other (an executemany
    # would be prepared too) is ever prepared or runs as a prepared one.
    connection = cursor.connection
    connection.prepare_threshold = _ASKED_ONLY
    try:
        cursor.execute(statement, parameters, prepare=True)
    finally:
        connection.prepare_threshold = None
    return True  # executed here: SQLAlchemy does not execute it again


def _session_settings(work_mem: str | None):
    """Set once per connection, not per request (no statement more per request), and
    committed, or the pool's rollback of the first transaction would undo them. JIT off:
    PostgreSQL compiles a statement whose estimated cost passes a threshold, and a join it
    misestimates at 43,000 people spent 600 ms compiling a statement that runs in 250 ms;
    Botschaft's statements are short enough that compiling never pays."""
    settings = {"jit": "off"} | ({"work_mem": work_mem} if work_mem else {})

    def connected(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            for name, value in settings.items():
                cursor.execute("SELECT set_config(%s, %s, false)", (name, value))
        dbapi_connection.commit()

    return connected


@contextmanager
def best_effort_write(session: Session) -> Iterator[None]:
    """A write that may be skipped when the database is busy (a session's last-seen time, the
    clean-up of an expired row). Read requests on SQLite run in deferred transactions, which
    cannot always take the write lock; losing such a write is harmless, failing the read is not."""
    try:
        with session.begin_nested():
            yield
    except OperationalError:
        log.info("skipped a best-effort write: the database is busy")


def end_read(session: Session) -> None:
    """Ends a transaction that has only read, before slow work that needs no database (a
    password hash check), so no lock is held meanwhile. Refuses when anything is pending: a
    write is committed by the unit of work (core/routing.py, Database.session), never here."""
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("end_read() with pending changes")
    session.commit()


class Database:
    """One engine and its session factory; tests bind the factory to a connection."""

    def __init__(self, engine: Engine, session_factory: sessionmaker[Session] | None = None):
        self.engine = engine
        self.session_factory = session_factory or sessionmaker(
            bind=engine, expire_on_commit=False, autoflush=True
        )

    @classmethod
    def from_url(cls, url: str, work_mem: str | None = WORK_MEM) -> Database:
        return cls(make_engine(url, work_mem=work_mem))

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        return cls.from_url(settings.resolved_database_url, settings.database_work_mem or None)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work outside HTTP (CLI, jobs): commits on success."""
        session = self.session_factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ping(self) -> None:
        with self.engine.connect().execution_options(sqlite_begin="DEFERRED") as connection:
            connection.execute(text("SELECT 1"))
