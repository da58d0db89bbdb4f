"""Route class that commits the request's unit of work before the response leaves.

FastAPI runs the code after ``yield`` in dependencies only after the response was sent, so a
commit there could fail after the client already saw 200. Committing here means a failed commit
turns into an error response instead.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool


class AutoCommitRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def commit_then_respond(request: Request) -> Response:
            response = await handler(request)
            session = getattr(request.state, "db_session", None)
            if session is not None:
                if response.status_code < 400:
                    await run_in_threadpool(session.commit)
                else:
                    await run_in_threadpool(session.rollback)
            return response

        return commit_then_respond


def api_router(**kwargs: Any) -> APIRouter:
    return APIRouter(route_class=AutoCommitRoute, **kwargs)
