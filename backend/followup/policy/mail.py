"""What a message means for the user's applications: logged for certain, or proposed for review.

Pure: it gets a parsed message and what the user's data says about addresses and threads, and
returns a verdict. Certain is narrow on purpose: only a message from or to the address of one
of the user's contacts is logged by itself. Everything that is only probably related (the
company's domain but an unknown person, a reply in a thread of ours from a new address, an
invitation, a rejection or an offer, a decision date) waits for the user's accept, because
a wrong status or a phantom interview would change what the engine advises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

from .vocabulary import Direction, TouchpointKind

ProposalAction = Literal[
    "log_and_add_contact", "create_interview", "mark_rejected", "mark_offer", "set_decision_date"
]

#: Addresses at these domains belong to people, not to a company: a shared domain says nothing.
PERSONAL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "yahoo.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
        "protonmail.com", "fastmail.com", "gmx.de", "gmx.net", "web.de", "mail.com",
        "yandex.ru", "zoho.com",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Person:
    address: str  # lower case
    name: str | None = None

    @property
    def domain(self) -> str:
        return self.address.rpartition("@")[2]


@dataclass(frozen=True, slots=True)
class Invite:
    """An interview invitation (text/calendar, METHOD:REQUEST)."""

    summary: str | None
    starts_at: datetime
    ends_at: datetime | None
    attendees: tuple[Person, ...]


@dataclass(frozen=True, slots=True)
class MailFacts:
    message_id: str
    sender: Person | None
    recipients: tuple[Person, ...]
    subject: str
    body: str  # the text without quoted history
    sent_at: datetime
    references: tuple[str, ...]  # In-Reply-To first, then References, newest first
    invite: Invite | None
    folder_role: str | None  # "inbox", "sent", or None for an imported file


@dataclass(frozen=True, slots=True)
class KnownContact:
    contact_id: int
    application_id: int


@dataclass(frozen=True, slots=True)
class AddressBook:
    """What the user's data says about addresses and threads."""

    own_addresses: frozenset[str]
    contacts: Mapping[str, KnownContact]
    #: A company's domain (from its contacts' addresses) → its applications, newest last.
    domains: Mapping[str, tuple[int, ...]]
    #: A message already matched → its application: replies in that thread belong to it too.
    threads: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Proposal:
    action: ProposalAction
    application_id: int
    text: str
    person: Person | None = None
    invite: Invite | None = None
    decision_expected_on: date | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    direction: Direction
    kind: TouchpointKind
    application_id: int | None
    contact_id: int | None
    log: bool  # log a touchpoint now
    proposal: Proposal | None  # and/or ask the user
    reason: str

    @property
    def outcome(self) -> Literal["logged", "review", "unrelated"]:
        if self.proposal is not None:
            return "review"
        return "logged" if self.log else "unrelated"


def classify(mail: MailFacts, book: AddressBook) -> Verdict:
    """Log what is certain, propose what is probable, leave the rest alone."""
    direction = _direction(mail, book)
    kind = touchpoint_kind(mail.subject, mail.body) if direction == "outbound" else "reply"
    people = _counterparts(mail, book, direction)
    known = next((book.contacts[p.address] for p in people if p.address in book.contacts), None)
    application_id = known.application_id if known else _probable_application(mail, people, book)

    def verdict(log: bool, proposal: Proposal | None, reason: str) -> Verdict:
        return Verdict(
            direction=direction,
            kind=kind,
            application_id=application_id,
            contact_id=known.contact_id if known else None,
            log=log,
            proposal=proposal,
            reason=reason,
        )

    if application_id is None:
        return verdict(False, None, "No address or thread of this message is one of yours.")
    if mail.invite is not None:
        others = tuple(p for p in mail.invite.attendees if p.address not in book.own_addresses)
        text = f"Create the interview on {mail.invite.starts_at:%Y-%m-%d %H:%M} UTC"
        text += " with its attendees."
        return verdict(
            known is not None,
            Proposal(
                "create_interview",
                application_id,
                text,
                invite=replace(mail.invite, attendees=others),
            ),
            "A calendar invitation.",
        )
    if known is None:
        stranger = next((p for p in people if p.address not in book.own_addresses), None)
        name = (stranger.name or stranger.address) if stranger else "the sender"
        proposal = Proposal(
            "log_and_add_contact",
            application_id,
            f"Log this message and add {name} as a contact of the application.",
            person=stranger,
        )
        reason = "A reply in one of your threads from a new address."
        if not set(mail.references) & set(book.threads):
            reason = "From the company's domain, by someone who is not one of your contacts."
        return verdict(False, proposal, reason)
    decision = _decision_proposal(mail, application_id) if direction == "inbound" else None
    return verdict(True, decision, "From or to one of your contacts.")


def _direction(mail: MailFacts, book: AddressBook) -> Direction:
    if mail.folder_role == "sent":
        return "outbound"
    if mail.sender is not None and mail.sender.address in book.own_addresses:
        return "outbound"
    return "inbound"


def _counterparts(mail: MailFacts, book: AddressBook, direction: Direction) -> tuple[Person, ...]:
    """The other side: whom the user wrote to, or who wrote (and who was invited)."""
    people: tuple[Person, ...] = mail.recipients if direction == "outbound" else ()
    if direction == "inbound" and mail.sender is not None:
        people = (mail.sender,)
    if mail.invite is not None:
        people += mail.invite.attendees
    return tuple(p for p in people if p.address not in book.own_addresses)


def _probable_application(
    mail: MailFacts, people: tuple[Person, ...], book: AddressBook
) -> int | None:
    for reference in mail.references:
        if reference in book.threads:
            return book.threads[reference]
    for person in people:
        if person.domain not in PERSONAL_DOMAINS and person.domain in book.domains:
            return book.domains[person.domain][-1]
    return None


_REJECTION = re.compile(
    r"unfortunately|regret to inform|not (?:to )?(?:be )?mov(?:e|ing) forward"
    r"|decided to (?:move forward|proceed|go ahead) with (?:other|another)"
    r"|pursue other candidates|position has been filled|will not be proceeding"
    r"|not (?:be )?(?:offering|extending)",
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"(?:pleased|happy|delighted|excited) to (?:offer|extend)|offer letter|offer of employment"
    r"|extend (?:you )?an offer",
    re.IGNORECASE,
)


def _decision_proposal(mail: MailFacts, application_id: int) -> Proposal | None:
    text = f"{mail.subject}\n{mail.body}"
    if _REJECTION.search(text):
        return Proposal(
            "mark_rejected", application_id, "Mark the application rejected (it reads so)."
        )
    if _OFFER.search(text):
        return Proposal("mark_offer", application_id, "Mark the application as an offer.")
    day = decision_day(mail.body, mail.sent_at.date())
    if day is not None:
        return Proposal(
            "set_decision_date",
            application_id,
            f"They expect to decide by {day.isoformat()}: note it on this reply.",
            decision_expected_on=day,
        )
    return None


_THANKS = re.compile(r"\bthank(?:s| you)\b", re.IGNORECASE)
_CHECK = re.compile(
    r"\b(?:status|update on|checking in|check in|following up|follow(?:ing)?[- ]up|next steps)\b",
    re.IGNORECASE,
)


def touchpoint_kind(subject: str, body: str) -> TouchpointKind:
    """What a message the user sent is, by its words: thanks, a status check, or other."""
    opening = f"{subject}\n{body[:400]}"
    if _CHECK.search(subject):
        return "status_check"
    if _THANKS.search(opening):
        return "thank_you"
    if _CHECK.search(opening):
        return "status_check"
    return "other"


MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
#: A date without a year that has passed this year is next year's only this soon after.
ROLLOVER_DAYS = 120
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(m[:3] + r"[a-z]*" for m in MONTHS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DATE = re.compile(
    r"(?P<iso>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2}))"
    rf"|{_MONTH}\.? {_DAY}(?:,? (?P<year>\d{{4}}))?"
    r"|(?P<day2>[0-3]?\d)(?:st|nd|rd|th)? (?P<month2>"
    + "|".join(m[:3] + r"[a-z]*" for m in MONTHS)
    + r")(?: (?P<year2>\d{4}))?"
    r"|(?P<weekday>" + "|".join(WEEKDAYS) + r")",
    re.IGNORECASE,
)
_ABOUT_DECIDING = re.compile(
    r"decid|decision|get back to you|hear (?:back )?from us|let you know|next steps",
    re.IGNORECASE,
)


def decision_day(body: str, sent_on: date) -> date | None:
    """The day a reply says they will decide by, in a sentence about deciding; else None."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n{2,}", body):
        if not _ABOUT_DECIDING.search(sentence):
            continue
        for match in _DATE.finditer(sentence):
            day = _as_day(match, sent_on)
            if day is not None and day >= sent_on:
                return day
    return None


def _as_day(match: re.Match[str], sent_on: date) -> date | None:
    groups = match.groupdict()
    try:
        if groups["iso"]:
            return date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        if groups["weekday"]:
            ahead = (WEEKDAYS.index(groups["weekday"].lower()) - sent_on.weekday()) % 7
            return sent_on + timedelta(days=ahead or 7)
        month_name = (groups["month"] or groups["month2"]).lower()
        month = next(i for i, m in enumerate(MONTHS, 1) if month_name.startswith(m[:3]))
        day = int(groups["day"] or groups["day2"])
        year = groups["year"] or groups["year2"]
        found = date(int(year) if year else sent_on.year, month, day)
        if not year and found < sent_on:
            # "by 10 January" written in December means next year's; "on 1 October" written
            # in November is past, not a decision eleven months away.
            found = found.replace(year=sent_on.year + 1)
            if (found - sent_on).days > ROLLOVER_DAYS:
                return None
        return found
    except ValueError:  # 31 February and the like: not a date
        return None


_QUOTE_HEADERS = re.compile(
    r"^(?:On .{0,200}(?:\n.{0,200})?wrote:\s*$"
    r"|-{2,}\s*Original Message\s*-{2,}"
    r"|_{10,}\s*$"
    r"|From: .+\n(?:Sent|Date): "
    r"|Le .{0,200} a écrit\s*:\s*$"
    r"|Am .{0,200} schrieb .{0,200}:\s*$)",
    re.MULTILINE | re.IGNORECASE,
)


def without_quoted_history(text: str) -> str:
    """The message's own words: quoted replies (`>` lines, "On … wrote:" and what follows) go."""
    text = text.replace("\r\n", "\n")
    match = _QUOTE_HEADERS.search(text)
    if match is not None:
        text = text[: match.start()]
    own = [line for line in text.split("\n") if not line.lstrip().startswith(">")]
    return "\n".join(own).strip()
