"""Route class that commits the request's unit of work before the response leaves.

FastAPI runs the code after ``yield`` in dependencies only after the response was sent, so a
commit there could fail after the client already saw 200. Committing here means a failed commit
turns into an error response instead.

A sync endpoint commits on its own thread, as soon as it returns. FastAPI validates the
response of a sync endpoint on another threadpool thread; if the transaction were still open
then, a request holding a lock (SQLite's write lock, a PostgreSQL row lock) would wait for a
free thread while every thread waits for that lock. Async endpoints commit on worker threads
of their own limiter for the same reason.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable, Coroutine
from typing import Any

import anyio
from fastapi import APIRouter, Request, Response
from fastapi.routing import APIRoute

from botschaft.core.dialect import is_sqlite

_REQUEST_PARAM = "botschaft_request_"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _commit_on_return(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    hints = typing.get_type_hints(endpoint, include_extras=True)
    signature = inspect.signature(endpoint)
    parameters = [
        p.replace(annotation=hints.get(name, p.annotation))
        for name, p in signature.parameters.items()
    ]
    # FastAPI hands the Request to one parameter only: reuse the endpoint's, else add one.
    own = next((p.name for p in parameters if p.annotation is Request), None)
    if own is None:
        parameters.append(
            inspect.Parameter(_REQUEST_PARAM, inspect.Parameter.KEYWORD_ONLY, annotation=Request)
        )

    always_writes = getattr(endpoint, "botschaft_writes", False)

    @functools.wraps(endpoint)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        request: Request = kwargs[own] if own else kwargs.pop(_REQUEST_PARAM)
        session = getattr(request.state, "db_session", None)
        writes = always_writes or request.method not in SAFE_METHODS
        if session is not None and writes and is_sqlite(session):
            # The dependencies (sign-in, program access) read in a deferred transaction; the
            # write transaction starts here, on this thread, and ends before it returns, so
            # SQLite's write lock is held for the endpoint's own work only.
            session.commit()
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        result = endpoint(*args, **kwargs)
        if session is not None:
            session.commit()
            request.state.db_committed = True
        return result

    wrapper.botschaft_commits = True  # type: ignore[attr-defined]  (see core.deps.get_db)

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=hints.get("return", signature.return_annotation)
    )
    return wrapper


def writes(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """Marks a GET endpoint that writes (e.g. audits a download), so it gets a write
    transaction like the other methods."""
    endpoint.botschaft_writes = True  # type: ignore[attr-defined]
    return endpoint


class AutoCommitRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _commit_on_return(endpoint)
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def commit_then_respond(request: Request) -> Response:
            response = await handler(request)
            session = getattr(request.state, "db_session", None)
            if session is not None and not getattr(request.state, "db_committed", False):
                finish = session.commit if response.status_code < 400 else session.rollback
                await anyio.to_thread.run_sync(finish, limiter=_commit_limiter(request))
            return response

        return commit_then_respond


def _commit_limiter(request: Request) -> anyio.CapacityLimiter:
    limiter = getattr(request.app.state, "commit_limiter", None)
    if limiter is None:
        limiter = request.app.state.commit_limiter = anyio.CapacityLimiter(40)
    return limiter


def api_router(**kwargs: Any) -> APIRouter:
    return APIRouter(route_class=AutoCommitRoute, **kwargs)
