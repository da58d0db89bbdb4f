"""Request-scoped dependencies shared by every domain."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from botschaft.core.settings import Settings


async def get_db(request: Request) -> AsyncIterator[Session]:
    # async: making a session does no I/O, so it takes no hop into the worker-thread pool; the
    # endpoint's thread begins, commits or rolls back its transaction (core.routing).
    session = request.app.state.db.session_factory()
    request.state.db_session = session
    try:
        yield session
    finally:
        if session.in_transaction():  # used after the endpoint's thread (an async endpoint)
            await anyio.to_thread.run_sync(session.close)
        else:
            session.close()


async def get_settings(request: Request) -> Settings:
    # async: no I/O, so no hop into the worker-thread pool (see bench/profile)
    return request.app.state.settings


SessionDep = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def client_address(request: Request) -> str:
    # Decided once per request from BOTSCHAFT_TRUSTED_PROXIES (core.clientaddr).
    return request.client.host if request.client else "unknown"
