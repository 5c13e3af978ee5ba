"""Contacts: interviewers, recruiters and managers, each tied to one application."""

from __future__ import annotations

from typing import Any

from followup.contacts.schemas import ContactIn, ContactOut, ContactPatch
from followup.models import Application, Contact
from followup.pagination import fetch_page
from followup.repository import Repo


def create(repo: Repo, *, data: ContactIn) -> Contact:
    repo.get(Application, data.application_id)
    contact = Contact(**data.model_dump())
    repo.add(contact)
    return contact


def update(repo: Repo, *, contact: Contact, data: ContactPatch) -> Contact:
    repo.apply(contact, data.changes())
    return contact


def delete(repo: Repo, *, contact: Contact) -> None:
    repo.delete(contact)


def page(
    repo: Repo,
    *,
    limit: int,
    cursor: str | None,
    key: str,
    application_id: int | None,
    role: str | None,
) -> tuple[list[dict[str, Any]], str | None]:
    return fetch_page(
        repo,
        Contact,
        ContactOut.model_fields,
        equal={"application_id": application_id, "role": role},
        limit=limit,
        cursor=cursor,
        key=key,
    )
