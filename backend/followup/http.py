"""Response helpers: fast JSON, strong ETags and conditional requests, in one place."""

from __future__ import annotations

import hashlib

from fastapi import Request, Response
from pydantic import BaseModel

from followup.errors import PreconditionFailed

JSON = "application/json"


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(header: str | None, etag: str, *, weak: bool = False) -> bool:
    """Whether a conditional header names this ETag; If-None-Match compares weakly (RFC 9110)."""
    if header is None:
        return False
    candidates = {part.strip() for part in header.split(",")}
    if weak:
        candidates = {c.removeprefix("W/") for c in candidates}
    return "*" in candidates or etag in candidates


def not_modified(request: Request, etag: str) -> bool:
    """The client's copy, named in If-None-Match, is still current (a 304 will do)."""
    return _matches(request.headers.get("if-none-match"), etag, weak=True)


def json_response(
    model: BaseModel,
    *,
    status_code: int = 200,
    request: Request | None = None,
    tagged: bool = True,
) -> Response:
    """Serialise once (in pydantic-core); tag single resources and answer If-None-Match with 304."""
    body = model.model_dump_json().encode()
    if not tagged:
        return Response(body, status_code=status_code, media_type=JSON)
    etag = etag_for(body)
    headers = {"ETag": etag}
    if request is not None and status_code == 200 and not_modified(request, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, status_code=status_code, media_type=JSON, headers=headers)


def require_current(request: Request, current: BaseModel) -> None:
    """Lost-update protection: a write with a stale If-Match changes nothing (412)."""
    if_match = request.headers.get("if-match")
    if if_match is None:
        return
    etag = etag_for(current.model_dump_json().encode())
    if not _matches(if_match, etag):
        raise PreconditionFailed(
            "This resource changed since you read it; fetch it again and retry."
        )
