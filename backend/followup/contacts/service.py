"""Contacts: interviewers, recruiters and managers, each tied to one application."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from followup.contacts.schemas import ContactIn, ContactOut, ContactPatch
from followup.errors import refuse_nulls
from followup.models import Application, Contact
from followup.pagination import fetch_page
from followup.repository import Repo


def create(repo: Repo, *, data: ContactIn) -> Contact:
    repo.get(Application, data.application_id)
    contact = Contact(**data.model_dump())
    repo.add(contact)
    return contact


def update(repo: Repo, *, contact: Contact, data: ContactPatch) -> Contact:
    changes = data.model_dump(exclude_unset=True)
    refuse_nulls(changes, ("name", "role"))
    for name, value in changes.items():
        setattr(contact, name, value)
    repo.session.flush()
    return contact


def delete(repo: Repo, *, contact: Contact) -> None:
    repo.session.delete(contact)
    repo.session.flush()


def page(
    repo: Repo,
    *,
    limit: int,
    cursor: str | None,
    key: str,
    application_id: int | None,
    role: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    where: list[ColumnElement[bool]] = []
    if application_id is not None:
        where.append(Contact.application_id == application_id)
    if role is not None:
        where.append(Contact.role == role)
    return fetch_page(
        repo,
        Contact,
        ContactOut.model_fields,
        filters=where,
        limit=limit,
        cursor=cursor,
        key=key,
    )
