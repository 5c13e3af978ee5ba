"""HTTP edge for /contacts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from followup.contacts import service
from followup.contacts.schemas import ContactIn, ContactOut, ContactPatch
from followup.deps import CursorKey, IdempotentUnit, UserUnit
from followup.http import no_content, page_response, resource_response
from followup.models import Contact
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page
from followup.policy.vocabulary import ContactRole
from followup.schemas import Id, IdPath
from followup.work import WorkRoute

router = APIRouter(prefix="/contacts", tags=["contacts"], route_class=WorkRoute)


@router.get("", summary="List contacts", response_model=Page[ContactOut])
def list_contacts(
    unit: UserUnit,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    application_id: Annotated[Id | None, Query(description="Only this application's.")] = None,
    role: Annotated[ContactRole | None, Query(description="Only this role.")] = None,
) -> Response:
    rows, next_cursor = service.page(
        unit.repo,
        limit=limit,
        cursor=cursor,
        key=cursor_key,
        application_id=application_id,
        role=role,
    )
    return page_response(rows, next_cursor)


@router.post(
    "",
    status_code=201,
    summary="Add a person to an application",
    response_model=ContactOut,
    responses=problems(404),
)
def create_contact(data: ContactIn, unit: IdempotentUnit) -> Response:
    contact = service.create(unit.repo, data=data)
    return resource_response(ContactOut.model_validate(contact), status_code=201)


@router.get(
    "/{contact_id}",
    summary="Read a contact",
    response_model=ContactOut,
)
def read_contact(contact_id: IdPath, unit: UserUnit) -> Response:
    return resource_response(ContactOut.model_validate(unit.repo.get(Contact, contact_id)))


@router.patch(
    "/{contact_id}",
    summary="Change a contact",
    response_model=ContactOut,
    responses=problems(412),
)
def update_contact(contact_id: IdPath, data: ContactPatch, unit: UserUnit) -> Response:
    contact = unit.current(Contact, contact_id, ContactOut)
    contact = service.update(unit.repo, contact=contact, data=data)
    return resource_response(ContactOut.model_validate(contact))


@router.delete(
    "/{contact_id}",
    status_code=204,
    summary="Delete a contact",
    responses=problems(412),
)
def delete_contact(contact_id: IdPath, unit: UserUnit) -> Response:
    service.delete(unit.repo, contact=unit.current(Contact, contact_id, ContactOut))
    return no_content()
