"""Schemathesis drives every operation of the committed OpenAPI document on both databases.

Requests the schema calls valid and requests it calls invalid are both generated; none may cause
a 5xx, and every answer must match the documented status codes, content types and response
schemas. Generation is derandomized and bounded, so a red run always means a change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import Account

OPENAPI = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schemathesis.serializer("message/rfc822", "application/mbox")
def _mail_file(_context: Any, value: Any) -> bytes:
    """A mail file (POST /mail/import) goes as generated: bytes, or text as UTF-8."""
    return value if isinstance(value, bytes) else str(value).encode()


def test_every_operation_answers_as_documented(app: Any, user: Account) -> None:
    schema = schemathesis.openapi.from_path(OPENAPI)
    schema.app = app  # requests go straight to the ASGI app, on this test's database
    headers = {"Authorization": f"Bearer {user.token}"}
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    # Testing and syncing a mailbox connect to the host it names: generated hosts would send
    # traffic off this machine (tests/api/test_mailboxes.py runs them against Dovecot).
    operations = [o for o in operations if not o.path.endswith(("/test", "/sync"))]
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    for operation, mode in ((o, m) for o in operations for m in modes):

        @settings(
            max_examples=15,
            derandomize=True,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def answers_as_documented(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            answers_as_documented()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE  # nothing to get wrong: it takes no input
        except BaseException as failure:  # noqa: B036 (one report for every failed operation)
            if isinstance(failure, KeyboardInterrupt):
                raise
            failures[f"{operation.label} ({mode.value})"] = _summary(failure)
    assert len(operations) > 40
    assert not failures, "\n".join(f"{label}: {why}" for label, why in failures.items())


def _summary(failure: BaseException) -> str:
    """The check that failed and what the server answered, in a few lines."""
    lines = [line.strip() for line in str(failure).splitlines() if line.strip()]
    wanted = [line for line in lines if line.startswith(("- ", "[", "`", "curl"))]
    return " | ".join(wanted or lines)[:600]
