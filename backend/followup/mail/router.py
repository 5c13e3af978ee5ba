"""HTTP edge for /mailboxes, /mail/import and the review list.

Testing and syncing a mailbox talk to its server, which may take seconds: those two routes
check the caller and read the mailbox in a short unit of work, then talk to the server in a
worker thread holding no transaction, so no write lock waits on a mail server.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

import anyio
from fastapi import APIRouter, Depends, Query, Request, Response

from followup.deps import (
    CursorKey,
    IdempotentUnit,
    RawBody,
    SessionFactory,
    UserUnit,
)
from followup.errors import DomainError, Invalid, UnsupportedMediaType
from followup.http import json_response, no_content, page_response, resource_response
from followup.mail import mailboxes, review
from followup.mail.imap import Account, MailboxProblem
from followup.mail.matching import record
from followup.mail.parsing import mbox_messages
from followup.mail.schemas import (
    MailboxCheck,
    MailboxIn,
    MailboxOut,
    MailboxPatch,
    MailTally,
    ReviewCount,
    ReviewItemOut,
)
from followup.mail.sync import MailAccess, account_of, check_mailbox, sync_mailbox
from followup.models import Mailbox
from followup.openapi import problems
from followup.pagination import CursorQuery, LimitQuery, Page
from followup.schemas import IdPath
from followup.work import UnitOfWork, WorkRoute

router = APIRouter(tags=["mail"], route_class=WorkRoute)
MAIL_FILE_TYPES = frozenset({"message/rfc822", "application/mbox"})


class MailboxRefused(DomainError):
    """The mail server refused or could not be reached; `type` names the kind of problem."""

    status = 502  # type: ignore[assignment]
    slug = "mailbox-problem"

    def __init__(self, problem: MailboxProblem) -> None:
        super().__init__(problem.message)
        self.slug = f"mailbox-{problem.kind.replace('_', '-')}"


async def get_mail_access(request: Request) -> MailAccess:
    access: MailAccess = request.app.state.mail_access
    return access


Access = Annotated[MailAccess, Depends(get_mail_access)]


@router.get("/mailboxes", summary="List connected mailboxes", response_model=Page[MailboxOut])
def list_mailboxes(
    unit: UserUnit, cursor_key: CursorKey, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Response:
    rows, next_cursor = mailboxes.page(unit.repo, limit=limit, cursor=cursor, key=cursor_key)
    return page_response(rows, next_cursor)


@router.post(
    "/mailboxes", status_code=201, summary="Connect a mailbox over IMAP", response_model=MailboxOut
)
def create_mailbox(data: MailboxIn, unit: IdempotentUnit, access: Access) -> Response:
    mailbox = mailboxes.create(unit.repo, data=data, passwords=access.passwords)
    return resource_response(MailboxOut.model_validate(mailbox), status_code=201)


@router.get("/mailboxes/{mailbox_id}", summary="Read a mailbox", response_model=MailboxOut)
def read_mailbox(mailbox_id: IdPath, unit: UserUnit) -> Response:
    return resource_response(MailboxOut.model_validate(unit.repo.get(Mailbox, mailbox_id)))


@router.patch(
    "/mailboxes/{mailbox_id}",
    summary="Change a mailbox (a new password, other folders)",
    response_model=MailboxOut,
    responses=problems(412),
)
def update_mailbox(
    mailbox_id: IdPath, data: MailboxPatch, unit: UserUnit, access: Access
) -> Response:
    mailbox = unit.current(Mailbox, mailbox_id, MailboxOut)
    mailbox = mailboxes.update(unit.repo, mailbox=mailbox, data=data, passwords=access.passwords)
    return resource_response(MailboxOut.model_validate(mailbox))


@router.delete(
    "/mailboxes/{mailbox_id}",
    status_code=204,
    summary="Disconnect a mailbox (what it logged stays)",
    responses=problems(412),
)
def delete_mailbox(mailbox_id: IdPath, unit: UserUnit) -> Response:
    mailboxes.delete(unit.repo, mailbox=unit.current(Mailbox, mailbox_id, MailboxOut))
    return no_content()


def _account(unit: UnitOfWork, mailbox_id: int, access: MailAccess) -> Account:
    with unit.opened():
        mailbox = unit.repo.get(Mailbox, mailbox_id)
        try:
            return account_of(mailbox, access)
        except MailboxProblem as problem:
            raise MailboxRefused(problem) from problem


@router.post(
    "/mailboxes/{mailbox_id}/test",
    summary="Check the login and the folders",
    response_model=MailboxCheck,
    responses=problems(502),
)
async def test_mailbox(mailbox_id: IdPath, unit: UserUnit, access: Access) -> Response:
    account = await anyio.to_thread.run_sync(_account, unit, mailbox_id, access)
    folders = await anyio.to_thread.run_sync(_folders, unit, mailbox_id, account)
    return json_response(MailboxCheck(ok=True, folders=folders))


def _folders(unit: UnitOfWork, mailbox_id: int, account: Account) -> dict[str, str]:
    with unit.opened():
        given = dict(unit.repo.get(Mailbox, mailbox_id).folders)
    try:
        return check_mailbox(account, given)
    except MailboxProblem as problem:
        raise MailboxRefused(problem) from problem


@router.post(
    "/mailboxes/{mailbox_id}/sync",
    summary="Sync a mailbox now",
    response_model=MailTally,
    responses=problems(502),
)
async def sync_now(
    mailbox_id: IdPath,
    unit: UserUnit,
    access: Access,
    factory: SessionFactory,
) -> Response:
    await anyio.to_thread.run_sync(_account, unit, mailbox_id, access)
    sync = partial(
        sync_mailbox,
        factory,
        mailbox_id,
        now=unit.now,
        access=access,
    )
    result = await anyio.to_thread.run_sync(sync)
    if result.problem is not None:
        raise MailboxRefused(result.problem)
    return json_response(MailTally.model_validate(result.tally.answer()))


@router.post(
    "/mail/import",
    summary="Import mail from a file: one message (.eml) or many (.mbox)",
    response_model=MailTally,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "message/rfc822": {"schema": {"type": "string", "format": "binary"}},
                "application/mbox": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
def import_mail(body: RawBody, request: Request, unit: IdempotentUnit) -> Response:
    if not body.strip():
        raise Invalid("The file is empty.", errors=[{"loc": ["body"], "msg": "empty"}])
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type == "message/rfc822":
        raws = [body]
    elif media_type == "application/mbox":
        raws = list(mbox_messages(body))
    else:
        raise UnsupportedMediaType("Send the file as message/rfc822 or application/mbox.")
    tally = record(unit.repo, ((raw, None) for raw in raws))
    return json_response(MailTally.model_validate(tally.answer()))


ReviewStatus = Literal["review", "accepted", "ignored"]


@router.get(
    "/mail/review",
    summary="Messages that are only probably yours, each with what Followup proposes",
    response_model=Page[ReviewItemOut],
)
def list_review(
    unit: UserUnit,
    cursor_key: CursorKey,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    status: Annotated[
        ReviewStatus, Query(description="`review` (default): still waiting for you.")
    ] = "review",
) -> Response:
    rows, next_cursor = review.page(
        unit.repo, limit=limit, cursor=cursor, key=cursor_key, status=status
    )
    return page_response(rows, next_cursor)


@router.get(
    "/mail/review/count",
    summary="How many messages wait for review (the navigation's badge)",
    response_model=ReviewCount,
)
def count_review(unit: UserUnit) -> Response:
    return json_response(ReviewCount(pending=review.pending_count(unit.repo)))


@router.post(
    "/mail/review/{item_id}/accept",
    summary="Do what the item proposes (log it, add the person, create the interview…)",
    response_model=ReviewItemOut,
    responses=problems(409),
)
def accept_review(item_id: IdPath, unit: UserUnit) -> Response:
    row = review.accept(unit.repo, review.item(unit.repo, item_id), timezone=unit.user.timezone)
    return resource_response(review.representation(row))


@router.post(
    "/mail/review/{item_id}/ignore",
    summary="Leave the message alone",
    response_model=ReviewItemOut,
    responses=problems(409),
)
def ignore_review(item_id: IdPath, unit: UserUnit) -> Response:
    row = review.ignore(unit.repo, review.item(unit.repo, item_id))
    return resource_response(review.representation(row))
