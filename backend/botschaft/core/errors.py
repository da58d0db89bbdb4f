"""RFC 9457 problem details: typed errors and the handlers that render them."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    field: str
    message: str
    type: str


class Problem(BaseModel):
    """An error response (RFC 9457)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] | None = None
    existing: dict[str, Any] | None = Field(
        default=None, description="On a 409 for a duplicate: the object that already exists"
    )
    params: dict[str, Any] | None = Field(
        default=None,
        description="The values the detail names (e.g. the columns a file lacks), for clients "
        "that word the problem in their own language",
    )


class AppError(Exception):
    """Base of the errors services raise; routers never build error responses themselves."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        code: str | None = None,
        existing: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ):
        super().__init__(detail or self.code)
        self.detail = detail
        self.errors = errors
        self.headers = headers
        self.existing = existing
        self.params = params
        if code:
            self.code = code

    @classmethod
    def for_field(cls, field: str, message: str, type_: str = "invalid") -> AppError:
        return cls(message, errors=[FieldError(field=field, message=message, type=type_)])


class BadRequest(AppError):
    status, code = 400, "bad_request"


class Unauthorized(AppError):
    status, code = 401, "unauthorized"


class Forbidden(AppError):
    status, code = 403, "forbidden"


class NotFound(AppError):
    status, code = 404, "not_found"


class Conflict(AppError):
    status, code = 409, "conflict"


class Gone(AppError):
    status, code = 410, "gone"


class Unprocessable(AppError):
    status, code = 422, "validation_error"


class PayloadTooLarge(AppError):
    status, code = 413, "payload_too_large"


class TooManyRequests(AppError):
    status, code = 429, "rate_limited"


def problem_response(
    status: int,
    *,
    code: str | None = None,
    detail: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    existing: dict[str, Any] | None = None,
    params: dict[str, Any] | None = None,
) -> JSONResponse:
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body: dict[str, Any] = {
        "type": f"https://botschaft.dev/problems/{code}" if code else "about:blank",
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = [e.model_dump() for e in errors]
    if existing is not None:
        body["existing"] = existing
    if params is not None:
        body["params"] = params
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_name(loc: tuple | list) -> str:
    # ("body", "answers", 0, "value") -> "answers[0].value"; query/path keep their name.
    parts = (
        list(loc[1:])
        if loc and loc[0] in ("body", "query", "path", "header", "cookie")
        else list(loc)
    )
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or (str(loc[0]) if loc else "body")


def validation_field_errors(exc: RequestValidationError) -> list[FieldError]:
    errors = []
    for err in exc.errors():
        message = err.get("msg", "invalid")
        if err.get("type") == "extra_forbidden":
            message = "Unknown field"
        loc = err.get("loc", ())
        if err.get("type") == "json_invalid":
            # FastAPI puts the character position where a field name belongs.
            loc, message = ("body",), f"Not valid JSON: {err.get('ctx', {}).get('error', message)}"
        errors.append(
            FieldError(
                field=_field_name(loc),
                message=message,
                type=err.get("type", "invalid"),
            )
        )
    return errors


# Problem codes for the framework's own HTTP errors (unknown path, wrong method, ...), so no
# answer is typed "about:blank".
HTTP_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


def _unreadable_body(exc: StarletteHTTPException) -> JSONResponse | None:
    """FastAPI answers any failure to decode a JSON body, except a syntax error, with a bare
    400 raised from the cause; the cause says what was wrong with the body."""
    cause = exc.__cause__
    if exc.status_code != 400 or cause is None:
        return None
    if isinstance(cause, RecursionError):
        # The standard decoder stops at the interpreter's recursion limit (about 1,000 levels).
        code, message = "json_too_deep", "The JSON document is nested too deeply."
    elif isinstance(cause, ValueError):  # UnicodeDecodeError among them
        code, message = "invalid_json", "The body is not valid JSON in UTF-8."
    else:
        return None
    return problem_response(
        422,
        code=code,
        detail=message,
        errors=[FieldError(field="body", message=message, type=code)],
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return problem_response(
            exc.status,
            code=exc.code,
            detail=exc.detail,
            errors=exc.errors,
            headers=exc.headers,
            existing=exc.existing,
            params=exc.params,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(
            422,
            code="validation_error",
            detail="The request contains invalid fields.",
            errors=validation_field_errors(exc),
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        unreadable = _unreadable_body(exc)
        if unreadable is not None:
            return unreadable
        detail = exc.detail if isinstance(exc.detail, str) else None
        return problem_response(
            exc.status_code,
            code=getattr(exc, "code", None) or HTTP_STATUS_CODES.get(exc.status_code),
            detail=detail,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(StaleDataError)
    async def _stale(_: Request, exc: StaleDataError) -> JSONResponse:
        return problem_response(
            409,
            code="version_conflict",
            detail="Someone else changed this record; reload and try again.",
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(_: Request, exc: IntegrityError) -> JSONResponse:
        log.info("integrity error: %s", exc.orig)
        return problem_response(
            409, code="conflict", detail="The change conflicts with existing data."
        )

    @app.exception_handler(DataError)
    async def _data(_: Request, exc: DataError) -> JSONResponse:
        # The database refused a value the schemas let through (core.text should make this
        # impossible for text): the request was wrong, not the server, and nothing was stored.
        log.warning("data error: %s", exc.orig)
        return problem_response(
            422, code="invalid_value", detail="A value in the request cannot be stored."
        )

    # Last resort for errors outside core.http.UnhandledErrorMiddleware (which answers every
    # error of the app itself without re-raising, so keep-alive connections stay usable).
    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem_response(500, code="internal_error", detail="An unexpected error occurred.")


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries; the app's schema hook types them problem+json."""
    return {
        status: {"model": Problem, "description": HTTPStatus(status).phrase} for status in statuses
    }
