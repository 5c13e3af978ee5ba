"""HTTP edge for /contacts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from followup.contacts import service
from followup.contacts.schemas import ContactIn, ContactOut, ContactPatch
from followup.deps import CursorKey, RepoDep
from followup.http import json_response, require_current
from followup.idempotency.route import Idempotent, IdempotentRoute
from followup.models import Contact
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page, page_response
from followup.policy.vocabulary import ContactRole
from followup.schemas import Id, IdPath

router = APIRouter(prefix="/contacts", tags=["contacts"], route_class=IdempotentRoute)


@router.get(
    "", summary="List contacts", response_model=Page[ContactOut], responses=problems(401, 422)
)
async def list_contacts(
    repo: RepoDep,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    application_id: Annotated[Id | None, Query(description="Only this application's.")] = None,
    role: Annotated[ContactRole | None, Query(description="Only this role.")] = None,
) -> Response:
    rows, next_cursor = service.page(
        repo,
        limit=limit,
        cursor=cursor,
        key=cursor_key,
        application_id=application_id,
        role=role,
    )
    return page_response(rows, next_cursor)


@router.post(
    "",
    dependencies=[Idempotent],
    status_code=201,
    summary="Add a person to an application",
    response_model=ContactOut,
    responses=problems(401, 403, 404, 415, 422),
)
async def create_contact(data: ContactIn, repo: RepoDep) -> Response:
    contact = service.create(repo, data=data)
    return json_response(ContactOut.model_validate(contact), status_code=201)


@router.get(
    "/{contact_id}",
    summary="Read a contact",
    response_model=ContactOut,
    responses=problems(401, 404, 422),
)
async def read_contact(contact_id: IdPath, repo: RepoDep, request: Request) -> Response:
    return json_response(ContactOut.model_validate(repo.get(Contact, contact_id)), request=request)


@router.patch(
    "/{contact_id}",
    summary="Change a contact",
    response_model=ContactOut,
    responses=problems(401, 403, 404, 412, 415, 422),
)
async def update_contact(
    contact_id: IdPath, data: ContactPatch, repo: RepoDep, request: Request
) -> Response:
    contact = repo.get(Contact, contact_id)
    require_current(request, ContactOut.model_validate(contact))
    contact = service.update(repo, contact=contact, data=data)
    return json_response(ContactOut.model_validate(contact))


@router.delete(
    "/{contact_id}",
    status_code=204,
    summary="Delete a contact",
    responses=problems(401, 403, 404, 412, 422),
)
async def delete_contact(contact_id: IdPath, repo: RepoDep, request: Request) -> Response:
    contact = repo.get(Contact, contact_id)
    require_current(request, ContactOut.model_validate(contact))
    service.delete(repo, contact=contact)
    return Response(status_code=204)
