"""Raw RFC 5322 bytes → the facts the matching reads, with the standard library's `email`.

A message that cannot be read (no sender, no date, text in a charset no one knows) raises
Unreadable with a reason a person understands; the caller counts it as skipped and goes on.
"""

from __future__ import annotations

import hashlib
import mailbox
import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

import icalendar

from followup.policy.mail import Invite, MailFacts, Person, without_quoted_history

_PARSER = BytesParser(policy=policy.default)
#: Longer than any column keeps: an id past it is kept as its digest, still unique.
MAX_MESSAGE_ID = 255
MAX_BODY = 20_000
_CALENDAR = re.compile(rb"text/calendar", re.IGNORECASE)


class Unreadable(ValueError):
    """A message the matching cannot read; `reason` says why, in words."""

    def __init__(self, reason: str, message_id: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.message_id = message_id


def parse(raw: bytes, *, folder_role: str | None) -> MailFacts:
    message = _PARSER.parsebytes(raw)
    assert isinstance(message, EmailMessage)  # policy.default builds EmailMessage
    headers = _headers(message)
    message_id = _message_id(headers, raw)
    try:
        sender = _people(headers, "from")
        sent_at = _sent_at(headers)
        body = _text(message)
        invite = _invite(message, raw)
    except Unreadable as exc:
        raise Unreadable(exc.reason, message_id) from exc
    except (ValueError, LookupError, TypeError, UnicodeError, IndexError, AttributeError) as exc:
        # The email package raises these for broken headers and bodies; never a crash.
        raise Unreadable(
            f"The message could not be read ({type(exc).__name__}).", message_id
        ) from exc
    if not sender:
        raise Unreadable("The message names no sender.", message_id)
    if sent_at is None:
        raise Unreadable("The message has no readable Date.", message_id)
    return MailFacts(
        message_id=message_id,
        sender=sender[0],
        recipients=_people(headers, "to", "cc"),
        subject=_decoded(headers.get("subject", ""))[:500],
        body=body[:MAX_BODY],
        sent_at=sent_at,
        references=_references(headers),
        invite=invite,
        folder_role=folder_role,
    )


def _headers(message: EmailMessage) -> dict[str, str]:
    """The first value of each header as sent, unfolded: read once, as the matching needs only
    a few (the header registry would parse every one on every access)."""
    headers: dict[str, str] = {}
    for name, value in message.raw_items():
        # Undeclared 8-bit bytes arrive as surrogates: kept as text, never as a crash.
        text = str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        headers.setdefault(name.lower(), " ".join(text.split()))
    return headers


def _decoded(value: str) -> str:
    """RFC 2047 encoded words (=?utf-8?q?…?=) as text; as sent when they cannot be decoded."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, UnicodeError, ValueError, HeaderParseError):
        return value


def _message_id(headers: dict[str, str], raw: bytes) -> str:
    found = _ids(headers.get("message-id", ""))
    if found and len(found[0]) <= MAX_MESSAGE_ID:
        return found[0]
    # No id, or one too long to keep: the digest of what identifies it stays the same on
    # every re-sync and import of the same message.
    basis = found[0].encode() if found else raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return "sha256:" + hashlib.sha256(basis).hexdigest()


def _ids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value)


def _references(headers: dict[str, str]) -> tuple[str, ...]:
    replying_to = _ids(headers.get("in-reply-to", ""))
    earlier = list(reversed(_ids(headers.get("references", ""))))
    return tuple(dict.fromkeys(replying_to + earlier))


def _people(headers: dict[str, str], *names: str) -> tuple[Person, ...]:
    values = [headers.get(name, "") for name in names]
    people = []
    for name, address in getaddresses([v for v in values if v]):
        if "@" in address and " " not in address:
            shown = _decoded(name).strip()[:200]
            people.append(Person(address=address.lower(), name=shown or None))
    return tuple(dict.fromkeys(people))


def _sent_at(headers: dict[str, str]) -> datetime | None:
    value = headers.get("date", "")
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (ValueError, TypeError):
        return None
    if moment.tzinfo is None:  # "-0000": the time is UTC, the sender's zone unknown
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _text(message: EmailMessage) -> str:
    # Most mail is one text part: read it directly (each look at Content-Type parses it anew).
    part = message.get_body(("plain", "html")) if message.is_multipart() else message
    if part is None:
        return ""
    content_type = part.get_content_type()
    if content_type not in ("text/plain", "text/html"):
        return ""
    charset = part.get_content_charset() or "us-ascii"
    payload = part.get_payload(decode=True)
    try:
        content = payload.decode(charset, "replace") if isinstance(payload, bytes) else ""
    except LookupError as exc:
        raise Unreadable(
            f"The text is in a charset that cannot be read ('{charset}').", ""
        ) from exc
    if content_type == "text/html":
        content = _html_to_text(content)
    return without_quoted_history(content)


def _html_to_text(html: str) -> str:
    html = re.sub(r"(?is)<(script|style|blockquote)\b.*?</\1>", " ", html)
    html = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", html)
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"[ \t]+", " ", text).replace("&nbsp;", " ").replace("&amp;", "&")


def _invite(message: EmailMessage, raw: bytes) -> Invite | None:
    if _CALENDAR.search(raw) is None:  # the cheap test first: most mail has no calendar part
        return None
    for part in message.walk():
        if part.get_content_type() != "text/calendar":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        calendar = icalendar.Calendar.from_ical(payload)
        if str(calendar.get("method", "REQUEST")).upper() != "REQUEST":
            continue
        for event in calendar.walk("VEVENT"):
            return _event(event)
    return None


def _event(event: icalendar.cal.Component) -> Invite | None:
    start = event.decoded("dtstart", None)
    if not isinstance(start, datetime):
        return None  # an all-day event is not an interview slot
    end = event.decoded("dtend", None)
    attendees = event.get("attendee", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    people = []
    for attendee in [event.get("organizer"), *attendees]:
        if attendee is None:
            continue
        address = str(attendee).removeprefix("mailto:").removeprefix("MAILTO:").lower()
        name = attendee.params.get("CN") if hasattr(attendee, "params") else None
        if "@" in address:
            people.append(Person(address=address, name=str(name) if name else None))
    summary = event.get("summary")
    return Invite(
        summary=str(summary) if summary else None,
        starts_at=_aware(start),
        ends_at=_aware(end) if isinstance(end, datetime) else None,
        attendees=tuple(dict.fromkeys(people)),
    )


def _aware(moment: datetime) -> datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def mbox_messages(data: bytes) -> Iterator[bytes]:
    """Each message of an mbox file, as its bytes (the `From ` separator lines removed)."""
    with tempfile.NamedTemporaryFile(suffix=".mbox") as file:
        file.write(data)
        file.flush()
        box = mailbox.mbox(file.name, create=False)
        try:
            for key in box.iterkeys():
                yield box.get_bytes(key)
        finally:
            box.close()
