"""Helpers that make the OpenAPI document say how each operation fails."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

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
