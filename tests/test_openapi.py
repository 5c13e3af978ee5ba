"""The committed OpenAPI document is the app's own, and it documents every operation."""

from __future__ import annotations

import json
from pathlib import Path

from followup.cli import render_openapi

COMMITTED = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"


def test_committed_openapi_matches_the_app() -> None:
    assert COMMITTED.exists(), "run `make openapi` and commit openapi/openapi.json"
    assert COMMITTED.read_text() == render_openapi(), (
        "openapi/openapi.json is out of date: run `make openapi` and commit it"
    )


def test_every_operation_has_summary_tags_and_problem_responses() -> None:
    document = json.loads(render_openapi())
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary"), f"{where} has no summary"
            assert operation.get("tags"), f"{where} has no tags"
            if path.startswith("/api/v1"):
                errors = [code for code in operation["responses"] if code.startswith(("4", "5"))]
                assert errors, f"{where} documents no error responses"
                for code in errors:
                    content = operation["responses"][code].get("content", {})
                    assert "application/problem+json" in content, (
                        f"{where} {code} is not problem+json"
                    )
