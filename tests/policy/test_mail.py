"""The pure mail classification: quoted history, what a sent message is, decision days, verdicts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from followup.policy.mail import (
    AddressBook,
    KnownContact,
    MailFacts,
    Person,
    classify,
    decision_day,
    touchpoint_kind,
    without_quoted_history,
)

MONDAY = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("Sounds good.\n\nOn Mon, 2 Nov 2026 at 10:00, Sam <s@x.org> wrote:\n> hi", "Sounds good."),
        (
            "Sounds good.\nOn Mon, 2 Nov 2026 at 10:00, Sam Lee\n<s@x.org> wrote:\n> hi",
            "Sounds good.",
        ),
        ("Yes.\r\n\r\n-----Original Message-----\r\nFrom: Sam", "Yes."),
        ("Yes.\n\nFrom: Sam Lee\nSent: Monday\nTo: Dana\n\nold", "Yes."),
        ("Merci.\n\nLe lun. 2 nov. 2026, Sam a écrit :\n> salut", "Merci."),
        ("Top reply\n> quoted line\nmore of mine", "Top reply\nmore of mine"),
        ("Nothing quoted here.", "Nothing quoted here."),
    ],
)
def test_quoted_history_goes(text: str, own: str) -> None:
    assert without_quoted_history(text) == own


@pytest.mark.parametrize(
    ("subject", "body", "kind"),
    [
        ("Thank you for today", "Hi Dana, it was great.", "thank_you"),
        ("Interview", "Thanks for your time yesterday.", "thank_you"),
        ("Checking in on the Analyst role", "Thank you again for…", "status_check"),
        ("Hello", "I am following up on my application.", "status_check"),
        ("Portfolio link", "Here it is.", "other"),
    ],
)
def test_what_a_sent_message_is(subject: str, body: str, kind: str) -> None:
    assert touchpoint_kind(subject, body) == kind


@pytest.mark.parametrize(
    ("body", "day"),
    [
        ("We will make a decision by December 15.", date(2026, 12, 15)),
        ("We expect to decide by 20 November 2026.", date(2026, 11, 20)),
        ("You will hear from us by 2026-11-27.", date(2026, 11, 27)),
        ("We will get back to you by Friday.", date(2026, 11, 6)),
        ("We will let you know by Monday.", date(2026, 11, 9)),  # a Monday means the next one
        ("Our office is closed on December 24.", None),  # not about deciding
        ("We decided on 1 October to hire more.", None),  # in the past
        ("We will decide by 31 February.", None),  # no such day
    ],
)
def test_decision_days(body: str, day: date | None) -> None:
    assert decision_day(body, MONDAY) == day


def test_a_yearless_date_soon_after_new_year_is_next_years() -> None:
    written = date(2026, 12, 20)
    assert decision_day("We will decide by January 10.", written) == date(2027, 1, 10)


def _mail(sender: str, **fields: object) -> MailFacts:
    base: dict[str, object] = {
        "message_id": "<m@x>",
        "sender": Person(sender),
        "recipients": (Person("sam@example.org"),),
        "subject": "Hello",
        "body": "Hi.",
        "sent_at": datetime(2026, 11, 2, 12, tzinfo=UTC),
        "references": (),
        "invite": None,
        "folder_role": "inbox",
    }
    return MailFacts(**{**base, **fields})  # type: ignore[arg-type]


BOOK = AddressBook(
    own_addresses=frozenset({"sam@example.org"}),
    contacts={"dana@acme.com": KnownContact(contact_id=7, application_id=4)},
    domains={"acme.com": (4,), "gmail.com": (9,)},
    threads={"<ours@example.org>": 4},
)


def test_verdicts() -> None:
    known = classify(_mail("dana@acme.com"), BOOK)
    assert (known.outcome, known.log, known.contact_id, known.kind) == ("logged", True, 7, "reply")
    colleague = classify(_mail("kim@acme.com"), BOOK)
    assert colleague.outcome == "review"
    assert colleague.proposal is not None
    assert colleague.proposal.action == "log_and_add_contact"
    assert not colleague.log
    # A shared personal domain says nothing about the company.
    assert classify(_mail("someone@gmail.com"), BOOK).outcome == "unrelated"
    threaded = classify(_mail("new@partner.net", references=("<ours@example.org>",)), BOOK)
    assert threaded.application_id == 4
    assert threaded.reason.startswith("A reply in one of your threads")
    sent = classify(
        _mail("sam@example.org", recipients=(Person("dana@acme.com"),), folder_role="sent",
              subject="Thank you"),
        BOOK,
    )  # fmt: skip
    assert (sent.direction, sent.kind, sent.log) == ("outbound", "thank_you", True)
    offer = classify(_mail("dana@acme.com", body="We are delighted to offer you the role."), BOOK)
    assert offer.log
    assert offer.proposal is not None
    assert offer.proposal.action == "mark_offer"
