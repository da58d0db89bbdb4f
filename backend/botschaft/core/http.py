"""ASGI middleware: security headers, request-size limit, cross-origin write refusal,
concurrency limit, and the answer to unhandled errors."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from botschaft.core.errors import problem_response

log = logging.getLogger("botschaft.errors")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, hsts: bool):
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CSP)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
                headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
                if scope["path"].startswith("/api/"):
                    headers.setdefault("Cache-Control", "no-store")
                if self.hsts:
                    headers.setdefault(
                        "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)


class UnhandledErrorMiddleware:
    """Answers an unhandled error with a 500 problem and keeps the connection usable.

    Starlette's ServerErrorMiddleware (which runs an app's `Exception` handler) sends its 500
    and then re-raises the error "for the server to log"; uvicorn, seeing an error after the
    response started, closes the connection, so the client's next request on that keep-alive
    connection was reset. Here the error is logged and answered, and ends. An error after the
    response started cannot be answered any more: it is re-raised and uvicorn closes the
    connection, which is then the only honest thing to do with a half-sent response.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            if started:
                raise
            log.exception("unhandled error in %s %s", scope["method"], scope["path"])
            response = problem_response(
                500, code="internal_error", detail="An unexpected error occurred."
            )
            await response(scope, receive, send)


class _BodyTooLarge(StarletteHTTPException):
    """Raised from `receive` while the app reads the body. An HTTPException, because FastAPI
    passes those through to the error handlers and turns any other error while reading a
    body into a bare 400."""

    code = "payload_too_large"

    def __init__(self, limit: int):
        super().__init__(413, detail=f"The request body is larger than {limit} bytes.")


class BodySizeLimitMiddleware:
    """Answers 413 before reading a body larger than the limit (declared or streamed)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, overrides: dict[str, int] | None = None):
        self.app = app
        self.max_bytes = max_bytes
        # Path patterns (regular expressions) with their own limit: file uploads.
        self.overrides = [(re.compile(p), limit) for p, limit in (overrides or {}).items()]

    def _limit_for(self, path: str) -> int:
        for pattern, limit in self.overrides:
            if pattern.match(path):
                return limit
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._reject(scope, receive, send, limit)
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not response_started:
                await self._reject(scope, receive, send, limit)

    @staticmethod
    async def _reject(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = problem_response(
            413, code="payload_too_large", detail=f"The request body is larger than {limit} bytes."
        )
        await response(scope, receive, send)


class SameOriginWritesMiddleware:
    """Refuses state-changing requests from another site (defence in depth to CSRF).

    The browser's `Origin` must be this site's; `null` (sandboxed frames, `data:` pages,
    cross-site redirects) is no site and is refused too. Without `Origin`, a `Referer` must not
    name another site. Requests with neither come from programs, not pages; the CSRF token
    still guards those that carry the session cookie.
    """

    SAFE = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, app: ASGIApp, *, public_url: str):
        self.app = app
        parts = urlsplit(public_url)
        self.public_origin = f"{parts.scheme}://{parts.netloc}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in self.SAFE:
            headers = Headers(scope=scope)
            origin = headers.get("origin")
            if origin is None and "referer" in headers:
                parts = urlsplit(headers["referer"])
                origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else "null"
            if origin is not None and not self._same_origin(origin, headers):
                response = problem_response(
                    403, code="cross_origin", detail="Cross-site requests are refused."
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _same_origin(self, origin: str, headers: Headers) -> bool:
        if origin == self.public_origin:
            return True
        if origin == "null":
            return False
        host = headers.get("host")
        return bool(host) and urlsplit(origin).netloc == host


class ConcurrencyLimitMiddleware:
    """At most `limit` API requests are worked on at once per process; the rest wait here.

    A request's work is Python under one interpreter lock: a few requests at once keep a core
    busy, more only take turns (and each turn costs a thread switch), so throughput falls and
    every request's latency grows. Keeping the in-flight count below the threadpool size (40)
    and the connection pool size also means a request that holds a connection, or a lock,
    always finds a thread to finish on. Waiting here holds nothing (no thread, no connection).
    """

    def __init__(self, app: ASGIApp, *, limit: int, exempt: tuple[str, ...] = ()):
        self.app = app
        self.limit = limit
        # Paths that mostly wait on the network (single sign-on talks to the identity
        # provider): holding a slot meanwhile would keep everyone else waiting.
        self.exempt = exempt
        self._semaphore: anyio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/api/") or path.startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        if self._semaphore is None:  # created inside the event loop
            self._semaphore = anyio.Semaphore(self.limit)
        async with self._semaphore:
            await self.app(scope, receive, send)
