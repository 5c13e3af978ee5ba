"""HTTP edge for /export and /import."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from followup.deps import IdempotentUnit, RawBody, SessionFactory, UserUnit
from followup.errors import Invalid, UnsupportedMediaType
from followup.http import json_response
from followup.transfer import service
from followup.transfer.preview import preview
from followup.transfer.schemas import ExportOut, ImportOut, ImportPreviewOut
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
    description=(
        "With `dry_run=true` nothing is saved: the answer (200) says what the import would "
        "create, which applications you probably have already (same company and role), and "
        "which settings, such as the time zone, it would replace. Its errors are the real "
        "import's."
    ),
    response_model=ImportOut,
    responses={200: {"model": ImportPreviewOut, "description": "The dry run's preview"}},
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
def import_data(
    body: RawBody,
    request: Request,
    unit: IdempotentUnit,
    dry_run: Annotated[
        bool, Query(description="Only say what the import would do; save nothing.")
    ] = False,
) -> Response:
    if not body.strip():
        raise Invalid("The file is empty.", errors=[{"row": 1, "field": None, "msg": "empty"}])
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type == "text/csv":
        run = partial(service.import_csv, unit.repo, body=body, today=unit.today, now=unit.now)
        settings, first_row = None, 2  # the header is row 1
    elif media_type == "application/json":
        document = service.parse_document(body)
        run = partial(service.import_document, unit.repo, unit.user, doc=document, now=unit.now)
        settings, first_row = document.settings, 1
    else:
        raise UnsupportedMediaType("Send the file as application/json or text/csv.")
    if dry_run:
        report = preview(unit.repo, unit.user, run, settings=settings, first_row=first_row)
        return json_response(report)
    return json_response(run(), status_code=201)
