"""Request-scoped dependencies shared by every domain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from botschaft.core.dialect import is_sqlite
from botschaft.core.routing import SAFE_METHODS
from botschaft.core.settings import Settings


def get_db(request: Request) -> Iterator[Session]:
    session = request.app.state.db.session_factory()
    endpoint = request.scope.get("endpoint")
    deferred = request.method in SAFE_METHODS or getattr(endpoint, "botschaft_commits", False)
    if deferred and is_sqlite(session):
        # Reads share SQLite's database instead of queueing for its write lock (see
        # core.database: writes begin IMMEDIATE); their few writes are best-effort. A sync
        # endpoint that writes starts its own IMMEDIATE transaction (core.routing).
        session.connection(execution_options={"sqlite_begin": "DEFERRED"})
    # The route class commits this session before the response is sent (core.routing).
    request.state.db_session = session
    try:
        yield session
    finally:
        session.close()


async def get_settings(request: Request) -> Settings:
    # async: no I/O, so no hop into the worker-thread pool (see bench/profile)
    return request.app.state.settings


SessionDep = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def client_address(request: Request) -> str:
    # Decided once per request from BOTSCHAFT_TRUSTED_PROXIES (core.clientaddr).
    return request.client.host if request.client else "unknown"
