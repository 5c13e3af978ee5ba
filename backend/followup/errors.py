"""Typed domain errors and the one place that renders every error as RFC 9457 problem details."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("followup.errors")


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    row: int | None = Field(default=None, description="Imports: the line in the file (header = 1).")
    field: str | None = Field(default=None, description="Imports: the column or field at fault.")


class Problem(BaseModel):
    """RFC 9457 problem details, as every error of this API is answered."""

    type: str = Field(examples=["/problems/not-found"])
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None
    request_id: str | None = None


class DomainError(Exception):
    """An error the client can act on; its class decides the status and the problem type."""

    status = HTTPStatus.BAD_REQUEST
    slug = "bad-request"

    def __init__(self, detail: str, *, errors: Sequence[dict[str, Any]] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors) if errors is not None else None


class BadRequest(DomainError):
    status = HTTPStatus.BAD_REQUEST
    slug = "bad-request"


class Unauthorized(DomainError):
    status = HTTPStatus.UNAUTHORIZED
    slug = "unauthorized"


class Forbidden(DomainError):
    status = HTTPStatus.FORBIDDEN
    slug = "forbidden"


class NotFound(DomainError):
    status = HTTPStatus.NOT_FOUND
    slug = "not-found"


class Conflict(DomainError):
    status = HTTPStatus.CONFLICT
    slug = "conflict"


class PreconditionFailed(DomainError):
    status = HTTPStatus.PRECONDITION_FAILED
    slug = "precondition-failed"


class PayloadTooLarge(DomainError):
    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    slug = "payload-too-large"


class UnsupportedMediaType(DomainError):
    status = HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    slug = "unsupported-media-type"


class Invalid(DomainError):
    """A request that parsed but says something impossible (422), with the fields at fault."""

    status = HTTPStatus.UNPROCESSABLE_ENTITY
    slug = "validation-error"


class ServiceUnavailable(DomainError):
    status = HTTPStatus.SERVICE_UNAVAILABLE
    slug = "service-unavailable"


class TooManyRequests(DomainError):
    status = HTTPStatus.TOO_MANY_REQUESTS
    slug = "too-many-requests"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


_SLUG_BY_STATUS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    408: "request-timeout",
    409: "conflict",
    412: "precondition-failed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "too-many-requests",
    503: "service-unavailable",
}


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: Sequence[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    phrase = HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": f"/problems/{slug or _SLUG_BY_STATUS.get(status, 'error')}",
        "title": phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors is not None:
        body["errors"] = list(errors)
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    return Response(
        orjson.dumps(body), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


def _plain(error: Mapping[str, Any]) -> str:
    """Pydantic's message in words a person can act on (no 'Value error,' or regexes)."""
    message = str(error.get("msg", ""))
    if error.get("type") == "string_pattern_mismatch":
        return "is not in the expected format"
    return message.removeprefix("Value error, ")


def _field_errors(exc: RequestValidationError) -> tuple[int, str, list[dict[str, Any]]]:
    errors = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            return 400, "The request body is not valid JSON.", []
        errors.append({"loc": list(error.get("loc", ())), "msg": _plain(error)})
    names = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors)
    return 422, f"Some fields are not valid: {names}.", errors


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        headers = None
        if isinstance(exc, TooManyRequests):
            headers = {"Retry-After": str(exc.retry_after)}
        return problem_response(
            request, int(exc.status), exc.detail, slug=exc.slug, errors=exc.errors, headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        status, detail, errors = _field_errors(exc)
        return problem_response(request, status, detail, errors=errors if status == 422 else None)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        client_route = getattr(request.app.state, "client_route", None)
        if exc.status_code == 404 and client_route is not None:
            page: Response | None = client_route(request)
            if page is not None:
                return page
        detail = {
            404: "Nothing exists at this address.",
            405: f"{request.method} is not allowed here.",
        }.get(exc.status_code, HTTPStatus(exc.status_code).description)
        headers = exc.headers
        if exc.status_code == 405:
            # Starlette names the methods of the first route that matched the path; the path
            # usually has several (GET, PATCH and DELETE are separate routes).
            headers = {"Allow": ", ".join(allowed_methods(request))}
        return problem_response(request, exc.status_code, detail, headers=headers)

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    @app.exception_handler(PoolTimeout)
    async def _database_unavailable(request: Request, exc: Exception) -> Response:
        # The database is down, unreachable, or too busy to hand out a connection in time.
        log.warning("database unavailable", exc_info=exc)
        return problem_response(
            request,
            503,
            "The database is not available right now; nothing was saved. Try again shortly.",
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(IntegrityError)
    async def _constraint(request: Request, exc: IntegrityError) -> Response:
        # Validation runs before writing, so a constraint that still fails means another
        # request wrote the same thing at the same moment (e.g. two `done` on one action).
        log.info("constraint violated", exc_info=exc)
        return problem_response(
            request, 409, "Another request changed the same data at the same moment; retry."
        )


def allowed_methods(request: Request) -> list[str]:
    """Every method some operation answers at this request's path (HEAD wherever GET is)."""
    methods = {
        method.upper()
        for template, operations in request.app.openapi()["paths"].items()
        if _template(template).match(request.url.path)
        for method in operations
    }
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


@lru_cache(maxsize=256)
def _template(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")
