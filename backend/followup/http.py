"""Every JSON answer is built here: fast serialisation, strong ETags, conditional requests.

Endpoints build their Response inside their unit of work (work.py), so serialisation happens in
the worker thread too. Single resources carry an ETag (`resource_response`); a GET whose
If-None-Match names it is answered 304 by the route (work.py), whatever the endpoint.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from fastapi import Response
from pydantic import BaseModel

JSON = "application/json"


def serialised(model: BaseModel) -> bytes:
    """A model's JSON with its public field names, serialised once in pydantic-core."""
    return model.model_dump_json(by_alias=True).encode()


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(header: str | None, etag: str, *, weak: bool = False) -> bool:
    """Whether a conditional header names this ETag; If-None-Match compares weakly (RFC 9110)."""
    if header is None:
        return False
    candidates = {part.strip() for part in header.split(",")}
    if weak:
        candidates = {c.removeprefix("W/") for c in candidates}
    return "*" in candidates or etag in candidates


def not_modified(if_none_match: str | None, etag: str) -> bool:
    """The client's copy, named in If-None-Match, is still current (a 304 will do)."""
    return matches(if_none_match, etag, weak=True)


def resource_response(model: BaseModel, *, status_code: int = 200) -> Response:
    """A single resource, tagged with the strong ETag of its representation."""
    body = serialised(model)
    return Response(
        body, status_code=status_code, media_type=JSON, headers={"ETag": etag_for(body)}
    )


def tagged_response(body: bytes, etag: str) -> Response:
    """A precomputed body with its ETag (next actions: the ETag covers the items only)."""
    return Response(body, media_type=JSON, headers={"ETag": etag})


def json_response(model: BaseModel, *, status_code: int = 200) -> Response:
    """Any other JSON answer (reports, states, checks): no ETag."""
    return Response(serialised(model), status_code=status_code, media_type=JSON)


def page_response(items: list[dict[str, Any]], next_cursor: str | None) -> Response:
    """A page of a list: plain dicts of columns, serialised by orjson (lists are the hot path)."""
    body = orjson.dumps({"items": items, "next_cursor": next_cursor}, option=orjson.OPT_UTC_Z)
    return Response(body, media_type=JSON)


def no_content() -> Response:
    return Response(status_code=204)
