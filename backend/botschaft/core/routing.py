"""Route class: one worker-thread call per request, and the unit of work committed before the
response leaves.

A sync endpoint runs on a worker thread, together with the dependencies that do I/O (the
sign-in and the program access check, marked with `on_endpoint_thread`): FastAPI would give
each of them a thread hop of its own, and under load the hops queue behind each other. The
endpoint commits on that thread as soon as it returns, so a failed commit turns into an error
response instead of following a 200 (FastAPI runs the code after ``yield`` in dependencies only
after the response was sent), and no lock (SQLite's write lock, a PostgreSQL row lock) is held
while the response is validated on the event loop. Async endpoints commit on worker threads of
their own limiter.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable, Coroutine
from typing import Any

import anyio
from fastapi import APIRouter, Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from botschaft.core.dialect import is_sqlite

_REQUEST_PARAM = "botschaft_request_"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Deferred:
    """What a dependency computes, computed later: on the endpoint's worker thread, right
    before the endpoint, at most once per request (FastAPI hands the same object to every
    parameter that depends on it)."""

    __slots__ = ("_call", "_kwargs", "_value", "_done")

    def __init__(self, call: Callable[..., Any], kwargs: dict[str, Any]) -> None:
        self._call, self._kwargs, self._done = call, kwargs, False

    def resolve(self) -> Any:
        if not self._done:
            self._value = self._call(**resolved(self._kwargs))
            self._done = True
        return self._value


def resolved(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.resolve() if isinstance(v, Deferred) else v for k, v in values.items()}


def _typed_parameters(call: Callable[..., Any]) -> tuple[inspect.Signature, list, dict]:
    # Annotations resolved here: FastAPI would look names up in this module's globals.
    hints = typing.get_type_hints(call, include_extras=True)
    signature = inspect.signature(call)
    parameters = [
        p.replace(annotation=hints.get(name, p.annotation))
        for name, p in signature.parameters.items()
    ]
    return signature, parameters, hints


def on_endpoint_thread(call: Callable[..., Any]) -> Callable[..., Any]:
    """A sync dependency that does I/O, run on the endpoint's worker thread instead of a hop
    of its own. Its errors are raised there, before the endpoint runs, as before (and before a
    422: see _checks_first). A dependency that takes its value must be marked too
    (AutoCommitRoute checks)."""
    signature, parameters, hints = _typed_parameters(call)
    own = next((p.name for p in parameters if p.annotation is Request), None)
    if own is None:
        parameters.append(
            inspect.Parameter(_REQUEST_PARAM, inspect.Parameter.KEYWORD_ONLY, annotation=Request)
        )

    async def dependency(**kwargs: Any) -> Deferred:
        request: Request = kwargs[own] if own else kwargs.pop(_REQUEST_PARAM)
        deferred = Deferred(call, kwargs)
        # Kept for a request that fails validation: its checks still come first.
        request.state.botschaft_deferred = [*_deferred_of(request), deferred]
        return deferred

    dependency.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=hints.get("return", signature.return_annotation)
    )
    dependency.__name__ = dependency.__qualname__ = call.__name__
    dependency.__module__ = call.__module__
    dependency.__doc__ = call.__doc__
    dependency.botschaft_deferred = True  # type: ignore[attr-defined]
    return dependency


def _on_one_thread(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """The sync endpoint as a coroutine that makes one worker-thread call: the deferred
    dependencies, the endpoint and its commit. FastAPI then validates the response on the
    event loop (for a sync endpoint it would take another hop)."""
    signature, parameters, hints = _typed_parameters(endpoint)
    # FastAPI hands the Request to one parameter only: reuse the endpoint's, else add one.
    own = next((p.name for p in parameters if p.annotation is Request), None)
    if own is None:
        parameters.append(
            inspect.Parameter(_REQUEST_PARAM, inspect.Parameter.KEYWORD_ONLY, annotation=Request)
        )

    always_writes = getattr(endpoint, "botschaft_writes", False)

    def run(kwargs: dict[str, Any]) -> Any:
        request: Request = kwargs[own] if own else kwargs.pop(_REQUEST_PARAM)
        session = getattr(request.state, "db_session", None)
        try:
            writes = always_writes or request.method not in SAFE_METHODS
            if session is not None and (not writes or _deferred_of(request)):
                _begin_reading(session)
            kwargs = resolved(kwargs)
            if session is not None and writes and is_sqlite(session):
                # A write's dependencies (sign-in, program access) read in a deferred
                # transaction; its own begins here and ends before this thread returns, so
                # SQLite's write lock is held for the endpoint's own work only.
                session.commit()
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            result = endpoint(**kwargs)
            if session is not None:
                session.commit()
                request.state.db_committed = True
            return result
        except BaseException:
            if session is not None:
                session.rollback()  # here, so the connection goes back without another hop
            raise

    run.botschaft_endpoint = endpoint  # type: ignore[attr-defined]  (named in bench/requests)

    @functools.wraps(endpoint)
    async def wrapper(**kwargs: Any) -> Any:
        return await anyio.to_thread.run_sync(run, kwargs)

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=hints.get("return", signature.return_annotation)
    )
    return wrapper


def writes(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """Marks a GET endpoint that writes (e.g. audits a download), so it gets a write
    transaction like the other methods."""
    endpoint.botschaft_writes = True  # type: ignore[attr-defined]
    return endpoint


def _resolving_first(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """An async endpoint: its deferred dependencies in one worker-thread call first."""

    @functools.wraps(endpoint)
    async def wrapper(**kwargs: Any) -> Any:
        if any(isinstance(v, Deferred) for v in kwargs.values()):
            kwargs = await anyio.to_thread.run_sync(resolved, kwargs)
        return await endpoint(**kwargs)

    return wrapper


def _check_deferred(dependant: Dependant) -> None:
    """A dependency that is not deferred would get a Deferred instead of its value."""
    for sub in dependant.dependencies:
        _check_deferred(sub)
        if getattr(sub.call, "botschaft_deferred", False):
            continue
        for inner in sub.dependencies:
            if getattr(inner.call, "botschaft_deferred", False):
                raise TypeError(
                    f"{getattr(sub.call, '__name__', sub.call)} depends on "
                    f"{getattr(inner.call, '__name__', inner.call)}, which runs on the "
                    "endpoint's thread: mark it with on_endpoint_thread too"
                )


class AutoCommitRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if inspect.iscoroutinefunction(endpoint):
            endpoint = _resolving_first(endpoint)
        else:
            endpoint = _on_one_thread(endpoint)
        super().__init__(path, endpoint, **kwargs)
        _check_deferred(self.dependant)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def commit_then_respond(request: Request) -> Response:
            try:
                response = await handler(request)
            except RequestValidationError:
                await _checks_first(request)
                raise
            session = getattr(request.state, "db_session", None)
            if session is not None and not getattr(request.state, "db_committed", False):
                finish = session.commit if response.status_code < 400 else session.rollback
                await anyio.to_thread.run_sync(finish, limiter=_commit_limiter(request))
            return response

        return commit_then_respond


async def _checks_first(request: Request) -> None:
    """Who may call comes before what they sent, as when every check was a dependency of its
    own: a request that fails validation runs its deferred checks (sign-in, program access)
    first, so a stranger gets 401, 403 or 404, never the list of fields they got wrong."""
    pending = _deferred_of(request)
    if not pending:
        return
    session = getattr(request.state, "db_session", None)

    def check() -> None:
        try:
            if session is not None:
                _begin_reading(session)
            for deferred in pending:
                deferred.resolve()
        finally:
            if session is not None:
                session.rollback()

    await anyio.to_thread.run_sync(check)


def _deferred_of(request: Request) -> list[Deferred]:
    """The request's deferred dependencies, in the order FastAPI made them."""
    return getattr(request.state, "botschaft_deferred", [])


def _begin_reading(session: Any) -> None:
    # Reads share SQLite's database instead of queueing for its write lock (core.database:
    # writes begin IMMEDIATE); their few writes are best-effort.
    if is_sqlite(session):
        session.connection(execution_options={"sqlite_begin": "DEFERRED"})


def _commit_limiter(request: Request) -> anyio.CapacityLimiter:
    limiter = getattr(request.app.state, "commit_limiter", None)
    if limiter is None:
        limiter = request.app.state.commit_limiter = anyio.CapacityLimiter(40)
    return limiter


def api_router(**kwargs: Any) -> APIRouter:
    return APIRouter(route_class=AutoCommitRoute, **kwargs)
