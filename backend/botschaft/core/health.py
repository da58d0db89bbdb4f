from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from botschaft.core.errors import problem_response

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz", operation_id="healthz", include_in_schema=True)
async def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


@router.get(
    "/readyz", operation_id="readyz", responses={503: {"description": "Database unreachable"}}
)
async def readyz(request: Request) -> JSONResponse:
    """The database answers."""
    try:
        await run_in_threadpool(request.app.state.db.ping)
    except Exception:
        log.exception("readiness check failed")
        return problem_response(503, code="not_ready", detail="The database is not reachable.")
    return JSONResponse({"status": "ready"})
