"""Helpers that make the OpenAPI document say how each operation fails."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI

from followup.errors import PROBLEM_JSON, Problem


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
