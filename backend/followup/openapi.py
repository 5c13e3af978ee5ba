"""How each operation fails, derived for the OpenAPI document from what it depends on.

A dependency declares the error classes it raises (`raises`); an operation's problems are
those of its dependencies, plus what its shape implies (a body can be broken JSON, too large or
of another type; a path id can name nothing; any parameter can be invalid), plus the few an
endpoint declares itself with `responses=problems(...)`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from fastapi import FastAPI, Request, Response, params
from pydantic import BaseModel

from followup.errors import (
    PROBLEM_JSON,
    BadRequest,
    DomainError,
    Invalid,
    NotFound,
    PayloadTooLarge,
    Problem,
    UnsupportedMediaType,
)

Dependency = TypeVar("Dependency", bound=Callable[..., Any])
_RAISES = "__followup_raises__"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def raises(
    *errors: type[DomainError], on_writes: tuple[type[DomainError], ...] = ()
) -> Callable[[Dependency], Dependency]:
    """Marks a dependency with the errors it can raise (`on_writes`: only for unsafe methods)."""

    def mark(dependency: Dependency) -> Dependency:
        setattr(dependency, _RAISES, (errors, on_writes))
        return dependency

    return mark


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for the problem-details errors an operation can answer."""
    return {
        status: {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def derived_problems(
    endpoint: Callable[..., Any], path: str, methods: set[str]
) -> dict[int | str, dict[str, Any]]:
    """The problems an operation can answer, from its dependencies and its shape."""
    writes = not methods <= SAFE_METHODS
    errors: set[type[DomainError]] = set()
    has_parameters = "{" in path
    if has_parameters:
        errors.add(NotFound)
    hints = get_type_hints(inspect.unwrap(endpoint), include_extras=True)
    for name, hint in hints.items():
        if name == "return" or hint in (Request, Response):
            continue
        dependencies = [m.dependency for m in _metadata(hint) if isinstance(m, params.Depends)]
        for dependency in dependencies:
            always, on_writes = getattr(dependency, _RAISES, ((), ()))
            errors.update(always)
            if writes:
                errors.update(on_writes)
        if not dependencies:
            has_parameters = True
            if _is_body(hint):
                errors.update({BadRequest, PayloadTooLarge, UnsupportedMediaType})
    if has_parameters:
        errors.add(Invalid)
    return problems(*sorted({int(error.status) for error in errors}))


def _metadata(hint: Any) -> tuple[Any, ...]:
    return get_args(hint)[1:] if hasattr(hint, "__metadata__") else ()


def _is_body(hint: Any) -> bool:
    base = get_args(hint)[0] if hasattr(hint, "__metadata__") else hint
    candidates = get_args(base) if get_origin(base) is not None else (base,)
    return any(inspect.isclass(c) and issubclass(c, BaseModel) for c in candidates)


def problem_only_openapi(app: FastAPI) -> None:
    """Errors are documented as problem+json only (FastAPI adds a plain JSON twin by default)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    for code, response in operation.get("responses", {}).items():
                        content = response.get("content", {})
                        if code[0] in "45" and PROBLEM_JSON in content:
                            content.pop("application/json", None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
