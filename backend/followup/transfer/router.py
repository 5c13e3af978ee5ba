"""HTTP edge for /export and /import."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from followup.deps import IdempotentUnit, RawBody, SessionFactory, UserUnit
from followup.errors import Invalid, UnsupportedMediaType
from followup.http import json_response
from followup.transfer import service
from followup.transfer.schemas import ExportOut, ImportOut
from followup.work import WorkRoute

router = APIRouter(tags=["export and import"], route_class=WorkRoute)


@router.get(
    "/export",
    summary="Download all your data (JSON), or your applications as a spreadsheet (CSV)",
    response_model=ExportOut,
    responses={
        200: {"content": {"text/csv": {}}, "description": "The export"},
    },
)
def export(
    unit: UserUnit,
    factory: SessionFactory,
    format: Annotated[
        Literal["json", "csv"],
        Query(description="`json`: everything, for import; `csv`: applications, UTF-8 with BOM."),
    ] = "json",
) -> Response:
    # The caller is known (the unit authenticated them); the file streams from a snapshot of
    # its own, a chunk of rows per turn in the thread pool, so its size stalls no one.
    stamp = unit.now.date().isoformat()
    if format == "csv":
        return StreamingResponse(
            service.export_csv(factory, user_id=unit.user.id),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="followup-applications-{stamp}.csv"'
            },
        )
    return StreamingResponse(
        service.export_document(factory, user_id=unit.user.id, now=unit.now),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="followup-export-{stamp}.json"'},
    )


@router.post(
    "/import",
    status_code=201,
    summary="Import a JSON export (everything) or a CSV of applications, all or nothing",
    response_model=ImportOut,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ExportOut"}},
                "text/csv": {
                    "schema": {"type": "string"},
                    "example": "company,role_title,status,applied_on\nAcme,Data Engineer,applied,"
                    "2026-11-02\n",
                },
            },
        }
    },
)
def import_data(body: RawBody, request: Request, unit: IdempotentUnit) -> Response:
    if not body.strip():
        raise Invalid("The file is empty.", errors=[{"row": 1, "field": None, "msg": "empty"}])
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type == "text/csv":
        report = service.import_csv(unit.repo, body=body, today=unit.today, now=unit.now)
        return json_response(report, status_code=201)
    if media_type == "application/json":
        document = service.parse_document(body)
        report = service.import_document(unit.repo, unit.user, doc=document, now=unit.now)
        return json_response(report, status_code=201)
    raise UnsupportedMediaType("Send the file as application/json or text/csv.")
