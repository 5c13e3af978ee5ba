"""Recording messages: each one seen once per user, logged when certain, kept for review when not.

`record` runs inside the caller's transaction (an import's unit of work, a sync's batch), so a
batch's messages, their touchpoints and the mailbox's progress commit together or not at all;
the unique (user, message_id) makes a repeat of any of them a no-op.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from followup.mail.parsing import Unreadable, parse
from followup.models import Contact, Mailbox, MailMessage, Touchpoint, User
from followup.policy.mail import AddressBook, KnownContact, MailFacts, Verdict, classify
from followup.repository import Repo

#: A sync or an import reports this many skipped messages by name; the count has them all.
MAX_PROBLEMS = 20


@dataclass(slots=True)
class Tally:
    """What a sync or an import did, message by message."""

    fetched: int = 0
    logged: int = 0
    review: int = 0
    skipped: int = 0
    unrelated: int = 0
    already_seen: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("fetched", "logged", "review", "skipped", "unrelated", "already_seen"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems = (self.problems + other.problems)[:MAX_PROBLEMS]

    def answer(self) -> dict[str, object]:
        return {
            "fetched": self.fetched,
            "logged": self.logged,
            "review": self.review,
            "skipped": self.skipped,
            "unrelated": self.unrelated,
            "already_seen": self.already_seen,
            "problems": self.problems,
        }


def own_addresses(repo: Repo) -> frozenset[str]:
    """The user's own addresses: their login and every mailbox's user name that is an address."""
    user = repo.session.get(User, repo.user_id)
    names = repo.session.scalars(select(Mailbox.username).where(repo.owns(Mailbox)))
    found = {name.lower() for name in names if "@" in name}
    if user is not None:
        found.add(user.email.lower())
    return frozenset(found)


def record(
    repo: Repo,
    raws: Iterable[tuple[bytes, str | None]],
    *,
    mailbox_id: int | None = None,
) -> Tally:
    """Parse, match and keep each (raw message, folder role) not seen before."""
    tally = Tally()
    parsed: list[MailFacts] = []
    for raw, role in raws:
        tally.fetched += 1
        try:
            parsed.append(parse(raw, folder_role=role))
        except Unreadable as problem:
            _skip(repo, tally, problem, mailbox_id)
    fresh = _unseen(repo, parsed, tally)
    if not fresh:
        return tally
    book = address_book(repo, references={r for mail in fresh for r in mail.references})
    unrelated: list[dict[str, Any]] = []
    for mail in fresh:
        verdict = classify(mail, book)
        if verdict.outcome == "unrelated":
            # Most mail is none of ours: one row each, written together, holding only the id.
            unrelated.append(
                {"message_id": mail.message_id, "mailbox_id": mailbox_id, "outcome": "unrelated"}
            )
            tally.unrelated += 1
            continue
        _keep(repo, mail, verdict, mailbox_id, tally)
        if verdict.application_id is not None:  # a later reply in this batch follows it
            book = replace(book, threads={**book.threads, mail.message_id: verdict.application_id})
    repo.insert_many(MailMessage, unrelated)
    return tally


def _skip(repo: Repo, tally: Tally, problem: Unreadable, mailbox_id: int | None) -> None:
    tally.skipped += 1
    if len(tally.problems) < MAX_PROBLEMS:
        tally.problems.append({"message_id": problem.message_id, "reason": problem.reason})
    seen = repo.session.scalar(
        select(MailMessage.id).where(
            repo.owns(MailMessage), MailMessage.message_id == problem.message_id
        )
    )
    if seen is None:
        repo.add(
            MailMessage(
                message_id=problem.message_id,
                mailbox_id=mailbox_id,
                outcome="skipped",
                reason=problem.reason[:300],
            )
        )


def _unseen(repo: Repo, parsed: Sequence[MailFacts], tally: Tally) -> list[MailFacts]:
    ids = {mail.message_id for mail in parsed}
    seen = set(
        repo.session.scalars(
            select(MailMessage.message_id).where(
                repo.owns(MailMessage), MailMessage.message_id.in_(sorted(ids))
            )
        )
    )
    fresh = []
    for mail in parsed:
        if mail.message_id in seen:
            tally.already_seen += 1
            continue
        seen.add(mail.message_id)
        fresh.append(mail)
    return fresh


def address_book(repo: Repo, *, references: set[str]) -> AddressBook:
    """The user's contacts by address, their companies' domains, and the threads referred to."""
    contacts: dict[str, KnownContact] = {}
    domains: dict[str, list[int]] = {}
    rows = repo.session.execute(
        select(Contact.email, Contact.id, Contact.application_id)
        .where(repo.owns(Contact), Contact.email.is_not(None))
        .order_by(Contact.application_id, Contact.id)
    )
    for email, contact_id, application_id in rows:
        address = str(email).lower()
        contacts.setdefault(address, KnownContact(contact_id, application_id))
        apps = domains.setdefault(address.rpartition("@")[2], [])
        if application_id not in apps:
            apps.append(application_id)
    known = repo.session.execute(
        select(MailMessage.message_id, MailMessage.application_id).where(
            repo.owns(MailMessage),
            MailMessage.message_id.in_(sorted(references)),
            MailMessage.application_id.is_not(None),
        )
    )
    threads = {message_id: app for message_id, app in known if app is not None}
    return AddressBook(
        own_addresses=own_addresses(repo),
        contacts=contacts,
        domains={domain: tuple(apps) for domain, apps in domains.items()},
        threads=threads,
    )


def _keep(
    repo: Repo, mail: MailFacts, verdict: Verdict, mailbox_id: int | None, tally: Tally
) -> None:
    touchpoint = None
    if verdict.log and verdict.application_id is not None:
        touchpoint = log_touchpoint(repo, mail_row=None, facts=mail, verdict=verdict)
    sender = mail.sender
    row = MailMessage(
        message_id=mail.message_id,
        mailbox_id=mailbox_id,
        outcome=verdict.outcome,
        reason=verdict.reason[:300],
        direction=verdict.direction,
        from_address=sender.address[:254] if sender else None,
        from_name=(sender.name or "")[:200] or None if sender else None,
        subject=mail.subject or None,
        sent_at=mail.sent_at,
        body=mail.body or None,
        application_id=verdict.application_id,
        contact_id=verdict.contact_id,
        touchpoint_id=touchpoint.id if touchpoint else None,
        proposal=proposal_json(verdict),
    )
    repo.add(row)
    tally.logged += touchpoint is not None
    tally.review += verdict.proposal is not None


def log_touchpoint(
    repo: Repo,
    *,
    mail_row: MailMessage | None,
    facts: MailFacts | None = None,
    verdict: Verdict | None = None,
    contact_id: int | None = None,
) -> Touchpoint:
    """The touchpoint a message is: from a fresh match (facts, verdict) or a kept row."""
    fields: dict[str, Any]
    if facts is not None and verdict is not None:
        assert verdict.application_id is not None
        fields = {
            "application_id": verdict.application_id,
            "contact_id": verdict.contact_id,
            "kind": verdict.kind,
            "direction": verdict.direction,
            "occurred_at": facts.sent_at,
            "subject": facts.subject or None,
            "body": facts.body or None,
        }
    else:
        assert mail_row is not None
        assert mail_row.application_id is not None
        fields = {
            "application_id": mail_row.application_id,
            "contact_id": contact_id or mail_row.contact_id,
            "kind": (mail_row.proposal or {}).get("kind", "reply"),
            "direction": mail_row.direction or "inbound",
            "occurred_at": mail_row.sent_at,
            "subject": mail_row.subject,
            "body": mail_row.body,
        }
    touchpoint = Touchpoint(channel="email", source="mail", **fields)
    repo.add(touchpoint)
    return touchpoint


def proposal_json(verdict: Verdict) -> dict[str, object] | None:
    """The proposal as the review list shows it and `accept` applies it."""
    proposal = verdict.proposal
    if proposal is None:
        return None
    answer: dict[str, object] = {
        "action": proposal.action,
        "application_id": proposal.application_id,
        "text": proposal.text,
        "kind": verdict.kind,
    }
    if proposal.person is not None:
        answer["person"] = {"name": proposal.person.name, "email": proposal.person.address}
    if proposal.invite is not None:
        answer["starts_at"] = _iso(proposal.invite.starts_at)
        answer["ends_at"] = _iso(proposal.invite.ends_at) if proposal.invite.ends_at else None
        answer["summary"] = proposal.invite.summary
        answer["attendees"] = [
            {"name": p.name, "email": p.address} for p in proposal.invite.attendees
        ]
    if proposal.decision_expected_on is not None:
        answer["decision_expected_on"] = proposal.decision_expected_on.isoformat()
    return answer


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
