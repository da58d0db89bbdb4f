"""Application factory: one process serves the API under /api/v1 and the SPA at /."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from starlette.middleware.sessions import SessionMiddleware

import botschaft.all_jobs  # noqa: F401  (job handlers and email templates: requests enqueue them)
from botschaft import __version__
from botschaft.accounts.router import router as accounts_router
from botschaft.audit.router import router as audit_router
from botschaft.auth.oidc import build_oauth
from botschaft.auth.password_router import router as password_router
from botschaft.auth.router import router as auth_router
from botschaft.briefings.router import router as briefings_router
from botschaft.calls.public_router import router as applying_router
from botschaft.calls.router import router as calls_router
from botschaft.core.clientaddr import ClientAddressMiddleware, TrustedProxies
from botschaft.core.database import Database
from botschaft.core.errors import install_error_handlers
from botschaft.core.health import router as health_router
from botschaft.core.http import (
    BodySizeLimitMiddleware,
    ConcurrencyLimitMiddleware,
    SameOriginWritesMiddleware,
    SecurityHeadersMiddleware,
    UnhandledErrorMiddleware,
)
from botschaft.core.memory import return_large_blocks
from botschaft.core.openapi import install_openapi
from botschaft.core.ratelimit import RateLimiter
from botschaft.core.settings import Settings
from botschaft.core.spa import mount_spa
from botschaft.erasure.router import router as erasure_router
from botschaft.files.router import router as files_router
from botschaft.followers.router import router as followers_router
from botschaft.home.router import router as home_router
from botschaft.inbox.router import router as inbox_router
from botschaft.influencers.router import router as influencers_router
from botschaft.jobs.router import router as jobs_router
from botschaft.jobs.runner import JobRunner
from botschaft.kpis.cache import FigureCache
from botschaft.kpis.router import router as kpis_router
from botschaft.learning.router import router as learning_router
from botschaft.meetings.router import calendar_router
from botschaft.meetings.router import router as meetings_router
from botschaft.mydata.router import router as mydata_router
from botschaft.notifications.router import router as notifications_router
from botschaft.nudges.router import router as nudges_router
from botschaft.posts.router import router as posts_router
from botschaft.programs.cohorts_router import router as cohorts_router
from botschaft.programs.router import router as programs_router
from botschaft.questions.router import router as questions_router
from botschaft.reports.router import router as reports_router
from botschaft.selection.router import router as selection_router
from botschaft.teams.router import router as teams_router
from botschaft.today.router import router as today_router
from botschaft.transparency.router import router as transparency_router

API_PREFIX = "/api/v1"
UPLOAD_PATHS = rf"^{API_PREFIX}/programs/[^/]+/(files|posts/imports)"
ARCHIVE_PATH = rf"^{API_PREFIX}/programs/[^/]+/posts/archive/preview$"

DESCRIPTION = """Botschaft runs a corporate-influencer (employee ambassador) program: application
call, cohort selection, learning journey, check-ins, post logging and KPI controlling.

Conventions: JSON; timestamps ISO 8601 with offset (stored in UTC); lists are paginated
(`page`, `per_page`, `total`); errors are RFC 9457 `application/problem+json` with field-level
`errors`; unknown fields are rejected; updates carry a `version` and a stale one is answered 409.
State-changing requests made with the session cookie must send the `X-CSRF-Token` header."""


def api_routers() -> list[APIRouter]:
    return [
        auth_router,
        password_router,
        accounts_router,
        programs_router,
        cohorts_router,
        teams_router,
        learning_router,
        meetings_router,
        calendar_router,
        briefings_router,
        files_router,
        home_router,
        posts_router,
        kpis_router,
        reports_router,
        mydata_router,
        erasure_router,
        influencers_router,
        followers_router,
        inbox_router,
        questions_router,
        today_router,
        nudges_router,
        transparency_router,
        calls_router,
        applying_router,
        selection_router,
        audit_router,
        jobs_router,
        notifications_router,
    ]


def create_app(
    settings: Settings | None = None, db: Database | None = None, *, serve_spa: bool = True
) -> FastAPI:
    settings = settings or Settings()
    logging.basicConfig(level=settings.log_level)
    return_large_blocks()  # password checks' 19 MiB blocks go back to the system when freed
    db = db or Database.from_settings(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        runner = JobRunner(db, settings) if settings.jobs_in_process else None
        if runner is not None:
            runner.start()
        try:
            yield
        finally:
            if runner is not None:
                runner.stop()

    app = FastAPI(
        lifespan=lifespan,
        title="Botschaft API",
        version=__version__,
        description=DESCRIPTION,
        # Swagger UI would load its scripts from a CDN, which the CSP (and offline sites) refuse.
        docs_url=None,
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json",
        separate_input_output_schemas=False,
    )
    app.state.settings = settings
    app.state.db = db
    app.state.limiter = RateLimiter(settings.rate_limit_storage)
    app.state.oauth = build_oauth(settings, db)
    app.state.figure_cache = FigureCache(settings.figure_cache_entries)

    install_error_handlers(app)
    install_openapi(app)

    # Outermost last. The SSO cookie only carries the round trip to the identity provider.
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.resolved_secret_key,
        session_cookie=settings.sso_cookie,
        max_age=600,
        same_site="lax",
        https_only=settings.https,
    )
    app.add_middleware(SameOriginWritesMiddleware, public_url=settings.public_url)
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_request_bytes,
        # Uploads (files, figure imports) may be larger; the multipart framing adds a little.
        overrides={
            UPLOAD_PATHS: settings.max_upload_bytes + 64 * 1024,
            ARCHIVE_PATH: settings.max_archive_bytes + 64 * 1024,
        },
    )
    # Inside the security headers (the 500 gets them), outside the body limit (which answers
    # its own error).
    app.add_middleware(UnhandledErrorMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.https)
    # Waiting requests hold nothing (no thread, no connection).
    app.add_middleware(
        ConcurrencyLimitMiddleware,
        limit=settings.max_concurrent_requests,
        exempt=(f"{API_PREFIX}/auth/oidc/",),
    )
    # Outermost: every layer and route sees the client address decided here.
    app.add_middleware(ClientAddressMiddleware, trusted=TrustedProxies(settings.trusted_proxies))

    app.include_router(health_router)
    for router in api_routers():
        app.include_router(router, prefix=API_PREFIX)
    if serve_spa:
        mount_spa(app, settings.resolved_static_dir)
    return app
