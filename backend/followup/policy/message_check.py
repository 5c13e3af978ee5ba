"""The message check as a pure function: a draft and its context in, findings out.

No database and no clock: the service loads the context (the person, their notes, what was sent
and drafted for the others, the policy's window) and passes `now` in. Spans are character
offsets (Python code points, end exclusive) into the field they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from .business_calendar import BusinessCalendar
from .citations import G000, G001, G002, G003, G004
from .types import Source

Severity = Literal["warning", "error"]
FieldName = Literal["subject", "body"]

#: A thank-you longer than this many words is no longer "short and concise" (000, 001).
MAX_THANK_YOU_WORDS = 200
#: Names masked, a note this similar (0–100) to another interviewer's is a copy (002).
GENERIC_SIMILARITY = 90.0
#: A status-check sentence this similar to one of the thank-you repeats it.
REPEAT_SENTENCE_SIMILARITY = 90.0
#: ... and a status check whose text is at least this share of repeated sentences repeats it.
REPEAT_SHARE = 0.5
#: Channels whose messages have no subject line.
SUBJECTLESS_CHANNELS = frozenset({"card", "letter", "phone", "voicemail", "video", "in_person"})

#: Each finding cites the guide sentence it comes from (checked verbatim by a test).
CHECK_CITATIONS: dict[str, tuple[Source, ...]] = {
    "generic_copy": (
        Source(G000, "Don’t send a generic email."),
        Source(
            G002,
            "If you have to send more than one note, make each of them unique, as it will "
            "show more thought and sincerity.",
        ),
    ),
    "forbidden_opener": (
        Source(G000, "Don’t be a pest and start your email by saying, “I have not heard from you"),
    ),
    "still_in_running": (Source(G003, "don’t ask if you’re still in the running"),),
    "other_candidates": (
        Source(G003, "don’t ask how the interviews with other candidates are going"),
    ),
    "missing_name": (Source(G001, "Greeting: Address the interviewer by name."),),
    "wrong_company": (
        Source(
            G001,
            "Tailor your messages to each company and interviewer, and ensure you don’t mix up "
            "details or send generic messages.",
        ),
    ),
    "too_long": (
        Source(G000, "Keep your correspondance short and consise."),
        Source(
            G001,
            "Your thank-you note should be concise, sincere, and tailored to the specific "
            "interview you had.",
        ),
    ),
    "no_subject": (
        Source(G000, "When crafting your email, make sure your subject line is descriptive."),
    ),
    "repeat_of_thank_you": (
        Source(G002, "For the second follow up, do not just resend the thank you note."),
    ),
    "too_soon": (
        Source(G004, "It is generally advisable to wait at least 2 to 3 days before reaching out."),
        Source(G004, "Avoid calling or emailing the same day as the interview."),
    ),
    "unfilled_placeholder": (Source(G000, "Proofread your note."),),
}

SEVERITY: dict[str, Severity] = {
    "generic_copy": "error",
    "forbidden_opener": "error",
    "still_in_running": "error",
    "other_candidates": "error",
    "wrong_company": "error",
    "missing_name": "warning",
    "too_long": "warning",
    "no_subject": "warning",
    "repeat_of_thank_you": "warning",
    "too_soon": "warning",
    "unfilled_placeholder": "error",
}


@dataclass(frozen=True, slots=True)
class DraftText:
    kind: str  # a touchpoint kind: thank_you, status_check, post_decision, value_add, other
    subject: str
    body: str
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class Peer:
    """A thank-you sent or drafted for another interviewer of the same interview."""

    name: str
    body: str
    origin: Literal["sent", "drafted"]


@dataclass(frozen=True, slots=True)
class DraftContext:
    """What the service knows around the draft; every field is optional."""

    now: datetime
    person_name: str | None = None
    person_notes: str | None = None
    #: Names masked before comparing notes: everyone at the interview.
    names: tuple[str, ...] = ()
    peers: tuple[Peer, ...] = ()
    #: The engine's own drafts for this person: never flagged as generic.
    own_drafts: tuple[str, ...] = ()
    company: str | None = None
    other_companies: tuple[str, ...] = ()
    #: The last thank-you sent to this person (or for this application), for repeat_of_thank_you.
    thank_you_sent: str | None = None
    last_outbound_at: datetime | None = None
    #: When the policy engine opens this application's status check, if it proposes one.
    check_opens_at: datetime | None = None
    calendar: BusinessCalendar | None = None
    gap_business_days: int = 2


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    severity: Severity
    message: str
    field: FieldName
    span: tuple[int, int]
    sources: tuple[Source, ...]


def _issue(code: str, message: str, span: tuple[int, int], field: FieldName = "body") -> Issue:
    return Issue(code, SEVERITY[code], message, field, span, CHECK_CITATIONS[code])


# -- text helpers (1:1 character maps only, so offsets stay valid) ------------------------------
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "\u00a0": " "})

_TITLE = r"(?:\s+(?:mr|mrs|ms|mx|dr|prof)\.)?"
_GREETING = re.compile(
    r"^\s*((?:dear|hi|hello|hey|greetings|good\s+(?:morning|afternoon|evening))\b"
    + _TITLE
    + r"[^\n,:;!.]*)[,:;!]?",
    re.IGNORECASE,
)
#: A […] slot a draft left for the user to fill ("[the skill or quality you bring]"); a
#: Markdown link ("[text](url)") is not one.
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,200}\](?!\()")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n\s*\n")
_WORD = re.compile(r"\S+")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#]*")

_NOT_HEARD = re.compile(
    r"\b(?:"
    r"(?:have|has|had|'ve)\s+(?:still\s+)?(?:not|never)\s+(?:yet\s+)?heard"
    r"|(?:haven|hasn|hadn)'?t\s+(?:yet\s+)?heard"
    r"|(?:have|has|'ve)\s+(?:still\s+)?not\s+(?:yet\s+)?(?:received|gotten|got)\s+"
    r"(?:a|any)\s+(?:response|reply|answer|update|news|word)"
    r"|(?:haven|hasn)'?t\s+(?:yet\s+)?(?:received|gotten|got)\s+"
    r"(?:a|any)\s+(?:response|reply|answer|update|news|word)"
    r"|(?:did\s+not|didn'?t)\s+(?:yet\s+)?hear"
    r"|(?:never|not\s+yet|still\s+not)\s+heard"
    r"|no\s+(?:response|reply|answer|word|news)\s+(?:yet|so\s+far)"
    r")\b",
    re.IGNORECASE,
)
_STILL_IN_RUNNING = re.compile(
    r"\bstill\s+in\s+(?:the\s+)?running\b"
    r"|\bstill\s+(?:being\s+)?considered\b"
    r"|\bstill\s+under\s+consideration\b"
    r"|\bstill\s+a\s+candidate\b",
    re.IGNORECASE,
)
_OTHER_CANDIDATES = re.compile(
    r"\bother\s+(?:candidates?|applicants?|interviewees)\b"
    r"|\brest\s+of\s+the\s+(?:candidates|applicants)\b"
    r"|\bhow\s+many\s+(?:candidates|applicants)\b",
    re.IGNORECASE,
)

#: Words that say nothing specific about one conversation.
_STOPWORDS = frozenset(
    """
    a about after again all also an and any are as asked at be been but by can could did
    discussed do for from had has have he her his how i in interview interviewed interviews into
    is it its job me more my not of on or our position role she so some talked team that the
    their them they this to told us was we went were what when which who why will with work you
    your company experience time
    """.split()
)


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content_stems(text: str) -> set[str]:
    return {
        _stem(token)
        for token in _TOKEN.findall(text)
        if len(token) >= 3 and token.lower() not in _STOPWORDS
    }


def _greeting(text: str) -> tuple[int, int] | None:
    """The span of the greeting ("Dear Dana," / "Dana,") at the start of the text, if any."""
    match = _GREETING.match(text)
    if match is not None:
        return match.start(1), match.end()
    first = re.match(r"\s*([^\n]*)", text)
    if first is not None:
        line = first.group(1).rstrip()
        if line.endswith(",") and len(line.split()) <= 5:
            return first.start(1), first.start(1) + len(line)
    return None


def _first_sentence(text: str, start: int) -> tuple[int, int] | None:
    """The first sentence at or after `start`, skipping blank space and leftover punctuation."""
    match = re.compile(r"[\s,;:!.-]*").match(text, start)
    begin = match.end() if match is not None else start
    if begin >= len(text):
        return None
    end_match = _SENTENCE_END.search(text, begin)
    return begin, end_match.end() if end_match is not None else len(text.rstrip())


def _mask(text: str, names: tuple[str, ...]) -> str:
    parts = {part.strip(".,") for name in names for part in [name, *name.split()]}
    parts = {part for part in parts if len(part) >= 2}
    for part in sorted(parts, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", " ", text, flags=re.IGNORECASE)
    return " ".join(default_process(text).split())


def _sentences(text: str) -> list[str]:
    """Sentences of at least four words: greetings and sign-offs carry no content."""
    out = []
    for piece in re.split(r"(?<=[.!?…])\s+|\n+", text):
        piece = piece.strip()
        if len(piece.split()) >= 4:
            out.append(piece)
    return out


# -- the checks -----------------------------------------------------------------------------
def check(draft: DraftText, ctx: DraftContext) -> list[Issue]:
    """Every finding for a draft, ordered by field, position and code."""
    body = draft.body.translate(_APOSTROPHES)
    subject = draft.subject.translate(_APOSTROPHES)
    issues: list[Issue] = []
    greeting = _greeting(body)
    issues += _opener(body, greeting)
    issues += _phrases(body)
    issues += _missing_name(body, greeting, ctx.person_name)
    issues += _wrong_company(subject, "subject", ctx)
    issues += _wrong_company(body, "body", ctx)
    issues += _placeholders(subject, "subject")
    issues += _placeholders(body, "body")
    if draft.kind == "thank_you":
        issues += _generic_copy(body, ctx)
        issues += _too_long(body)
    if draft.kind == "status_check":
        issues += _repeat_of_thank_you(body, ctx)
        issues += _too_soon(body, ctx)
    if not subject.strip() and draft.channel not in SUBJECTLESS_CHANNELS:
        issues.append(
            _issue(
                "no_subject",
                "Add a descriptive subject line, such as “Thank you for the interview – <role>”.",
                (0, len(draft.subject)),
                "subject",
            )
        )
    issues.sort(key=lambda i: (i.field != "subject", i.span, i.code))
    return issues


def _placeholders(text: str, field: FieldName) -> list[Issue]:
    return [
        _issue(
            "unfilled_placeholder",
            f"Replace “{match[0]}” with your own words, or remove it, before sending.",
            match.span(),
            field,
        )
        for match in _PLACEHOLDER.finditer(text)
    ]


def _opener(body: str, greeting: tuple[int, int] | None) -> list[Issue]:
    sentence = _first_sentence(body, greeting[1] if greeting else 0)
    if sentence is None or not _NOT_HEARD.search(body, sentence[0], sentence[1]):
        return []
    return [
        _issue(
            "forbidden_opener",
            "Don't open by saying you have not heard back; open with something of value, such "
            "as more research on a topic you discussed.",
            sentence,
        )
    ]


def _phrases(body: str) -> list[Issue]:
    issues = [
        _issue(
            "still_in_running",
            "Don't ask whether you are still in the running; restate your interest instead.",
            match.span(),
        )
        for match in _STILL_IN_RUNNING.finditer(body)
    ]
    issues += [
        _issue(
            "other_candidates",
            "Don't ask about the other candidates; keep the message about you and the role.",
            match.span(),
        )
        for match in _OTHER_CANDIDATES.finditer(body)
    ]
    return issues


def _name_parts(name: str) -> list[str]:
    return [part for part in (p.strip(".,") for p in name.split()) if len(part) >= 2]


def _missing_name(body: str, greeting: tuple[int, int] | None, name: str | None) -> list[Issue]:
    if not name or not body.strip():
        return []
    if greeting is not None:
        span = greeting
    else:  # no greeting: the first line must name them (a call script: "Call script for Dana")
        first = re.match(r"\s*([^\n]*)", body)
        span = (first.start(1), first.end(1)) if first is not None else (0, 0)
    where = body[span[0] : span[1]]
    for part in _name_parts(name):
        if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", where, re.IGNORECASE):
            return []
    return [
        _issue(
            "missing_name",
            f"Greet {name} by name (“Dear {name},”).",
            span if greeting is not None else (span[0], span[0]),
        )
    ]


def _wrong_company(text: str, field: FieldName, ctx: DraftContext) -> list[Issue]:
    own = ctx.company or ""
    own_spans = (
        [m.span() for m in re.finditer(rf"(?<!\w){re.escape(own)}(?!\w)", text)] if own else []
    )
    issues = []
    for company in sorted(set(ctx.other_companies), key=len, reverse=True):
        if not company.strip() or company.casefold() == own.casefold():
            continue
        # Case-sensitive on purpose: a company called "Square" must not flag "square footage".
        for match in re.finditer(rf"(?<!\w){re.escape(company)}(?!\w)", text):
            start, end = match.span()
            if any(s <= start and end <= e for s, e in own_spans):
                continue  # "Acme" inside the right company's "Acme Analytics"
            issues.append(
                _issue(
                    "wrong_company",
                    f"“{company}” is another application's company"
                    + (f"; this message is for {own}." if own else "."),
                    (start, end),
                    field,
                )
            )
    return issues


def _mentions_notes(body: str, notes: str | None) -> bool:
    if not notes:
        return False
    return bool(_content_stems(notes) & _content_stems(body))


def _generic_copy(body: str, ctx: DraftContext) -> list[Issue]:
    if not ctx.peers or not body.strip() or _mentions_notes(body, ctx.person_notes):
        return []
    masked = _mask(body, ctx.names)
    if any(_mask(own, ctx.names) == masked for own in ctx.own_drafts):
        return []  # the engine's own draft for this person is never a copy
    best: tuple[float, Peer] | None = None
    for peer in ctx.peers:
        score = fuzz.ratio(masked, _mask(peer.body, ctx.names))
        if score >= GENERIC_SIMILARITY and (best is None or score > best[0]):
            best = (score, peer)
    if best is None:
        return []
    score, peer = best
    verb = "sent to" if peer.origin == "sent" else "drafted for"
    about = "this person's interview notes" if ctx.person_notes else "your conversation"
    return [
        _issue(
            "generic_copy",
            f"This note is {score:.0f}% the same as the one {verb} {peer.name}, names aside, "
            f"and mentions nothing from {about}; make it unique.",
            (0, len(body)),
        )
    ]


def _too_long(body: str) -> list[Issue]:
    words = list(_WORD.finditer(body))
    if len(words) <= MAX_THANK_YOU_WORDS:
        return []
    return [
        _issue(
            "too_long",
            f"This thank-you has {len(words)} words; keep it under about {MAX_THANK_YOU_WORDS}.",
            (words[MAX_THANK_YOU_WORDS].start(), len(body)),
        )
    ]


def _repeat_of_thank_you(body: str, ctx: DraftContext) -> list[Issue]:
    if not ctx.thank_you_sent:
        return []
    thanks = [_mask(s, ctx.names) for s in _sentences(ctx.thank_you_sent.translate(_APOSTROPHES))]
    sentences = _sentences(body)
    if not thanks or not sentences:
        return []
    repeated = total = 0
    for sentence in sentences:
        masked = _mask(sentence, ctx.names)
        total += len(masked)
        if max(fuzz.ratio(masked, t) for t in thanks) >= REPEAT_SENTENCE_SIMILARITY:
            repeated += len(masked)
    if not total or repeated / total < REPEAT_SHARE:
        return []
    return [
        _issue(
            "repeat_of_thank_you",
            f"About {100 * repeated // total}% of this status check repeats your thank-you; "
            "add something new instead, such as research on a topic you discussed.",
            (0, len(body)),
        )
    ]


def _day(day: date) -> str:
    """'Friday 11 December': a date in a sentence, readable in any locale."""
    return f"{day:%A} {day.day} {day:%B}"


def _business_days(count: int) -> str:
    return f"{count} business day" + ("" if count == 1 else "s")


def _too_soon(body: str, ctx: DraftContext) -> list[Issue]:
    calendar = ctx.calendar
    if calendar is None:
        return []
    today = calendar.local_date(ctx.now)
    reasons: list[str] = []
    wait_until: date | None = None
    if ctx.last_outbound_at is not None:
        last_day = calendar.local_date(ctx.last_outbound_at)
        allowed = calendar.add_business_days(last_day, ctx.gap_business_days)
        if today < allowed:
            reasons.append(
                f"your last message went out on {_day(last_day)}, less than "
                f"{_business_days(ctx.gap_business_days)} ago"
            )
            wait_until = allowed
    if ctx.check_opens_at is not None and ctx.now < ctx.check_opens_at:
        opens = calendar.local_date(ctx.check_opens_at)
        reasons.append(f"the policy opens this status check on {_day(opens)}")
        wait_until = max(wait_until, opens) if wait_until else opens
    if not reasons or wait_until is None:
        return []
    return [
        _issue(
            "too_soon",
            f"Too soon: {'; '.join(reasons)}. Wait until {_day(wait_until)}.",
            (0, len(body)),
        )
    ]
