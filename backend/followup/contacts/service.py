"""Contacts: interviewers, recruiters and managers, each tied to one application."""

from __future__ import annotations

from collections.abc import Sequence

from followup.contacts.schemas import ContactIn, ContactPatch
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
) -> tuple[Sequence[Contact], str | None]:
    statement = repo.select(Contact)
    if application_id is not None:
        statement = statement.where(Contact.application_id == application_id)
    if role is not None:
        statement = statement.where(Contact.role == role)
    return fetch_page(repo.session, statement, Contact.id, limit=limit, cursor=cursor, key=key)
