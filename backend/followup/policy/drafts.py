"""Message drafts: picks the templates (templates.py holds every word) and fills their slots.

Only what the user gave is used, and only after text.py has made it clean English: topics per
person and interview, the skill or quality they bring, what draws them, a finding to share.
Private notes and a person's concerns never reach a draft; concerns only choose a sentence.
A slot nobody filled shows a visible […] placeholder. Dates are relative ("yesterday", "on
Monday") only where that stays true over the whole window in which the draft may be sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from . import templates as t
from . import text
from .types import ApplicationFacts, ContactFacts, Draft, UserFacts

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
#: Countries that write the month first ("November 16").
_MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW"})
#: A thank-you over this many words loses optional sentences (the message check warns at 200).
_THANK_YOU_WORD_BUDGET = 170

Since = Literal["spoke", "interview", "message"]


@dataclass(frozen=True, slots=True)
class Author:
    """Who signs: the name (or a placeholder), the signature, how dates are written."""

    me: str
    signature: str
    card_signature: str
    name_suffix: str  # " – Ana Silva" for subjects, or nothing when the name is unknown
    month_first: bool


def author_of(user: UserFacts) -> Author:
    """The signature carries contact details (001: "Include your contact information")."""
    name = user.name.strip()
    me = name or t.NAME_PLACEHOLDER
    signature = (user.signature or "").strip() or f"{me}\n{user.email}".strip()
    card = name or signature.split("\n", 1)[0]
    return Author(
        me,
        signature,
        card,
        f" – {name}" if name else "",
        (user.country or "").upper() in _MONTH_FIRST,
    )


@dataclass(frozen=True, slots=True)
class Person:
    """The addressee of a thank-you and what the user gave about them for this interview."""

    contact: ContactFacts
    topics: tuple[str, ...]  # already clean (text.topics)
    asked: bool  # they had questions or concerns (never quoted)
    index: int  # their place among the interview's people: picks the variant


@dataclass(frozen=True, slots=True)
class Window:
    """The local dates on which a draft may go out, first and last."""

    first: date
    last: date


# -- small helpers --------------------------------------------------------------------------------
def greeting_of(contact: ContactFacts | None) -> str:
    """Their salutation if one is given ("Dr. Reyes"), else their first name."""
    if contact is None:
        return t.NO_CONTACT_GREETING
    return text.salutation(contact.salutation) or text.first_name(contact.name)


def format_date(day: date, *, month_first: bool, with_year: bool = False) -> str:
    month = _MONTHS[day.month - 1]
    if month_first:
        return f"{month} {day.day}, {day.year}" if with_year else f"{month} {day.day}"
    return f"{day.day} {month} {day.year}" if with_year else f"{day.day} {month}"


def when(day: date, window: Window, author: Author, *, relative: bool = True) -> str:
    """'today', 'yesterday' or 'on Monday' when true on every day of the window, else the date.

    A weekday stays clear for six days after it; past that it could mean the next one.
    """
    first, last = window.first, window.last
    if relative:
        if first == last == day:
            return "today"
        if first == last == day + timedelta(days=1):
            return "yesterday"
        if day + timedelta(days=1) <= first and last <= day + timedelta(days=6):
            return f"on {_WEEKDAYS[day.weekday()]}"
    return "on " + format_date(day, month_first=author.month_first, with_year=day.year != last.year)


def _pick(options: tuple[str, ...], index: int) -> str:
    return options[index % len(options)]


def _tidy(paragraph: str) -> str:
    """One paragraph without the gaps an empty optional sentence leaves."""
    if "  " in paragraph or paragraph[:1] == " " or paragraph[-1:] == " ":
        return " ".join(paragraph.split())
    return paragraph


def _fill(parts: tuple[str, ...], slots: dict[str, str]) -> list[str]:
    return [p for p in (_tidy(part.format_map(slots)) for part in parts) if p]


def _sentence(value: str) -> str:
    """A user's finding as the end of a sentence: a full stop, unless it ends with a link."""
    if text.ends_with_link(value):
        return value
    return value + "."


def _letter(greeting: str, parts: tuple[str, ...], slots: dict[str, str], signature: str) -> str:
    *paragraphs, sign_off = _fill(parts, slots)
    return "\n\n".join(
        [t.GREETING.format(greeting=greeting), *paragraphs, f"{sign_off}\n{signature}"]
    )


def _call(full_name: str, steps: tuple[str, ...], slots: dict[str, str], variant: int = 0) -> str:
    lines = [f"{n}. {step}" for n, step in enumerate(_fill(steps, slots), start=1)]
    return "\n".join([f"Call script for {full_name}:", *lines, _pick(t.VOICEMAILS, variant)])


class _Slots(dict[str, str]):
    """A slot nobody set is empty: optional sentences simply disappear. (A misspelt slot
    would too, which is why a test checks every template's slots against templates.SLOTS.)"""

    def __missing__(self, key: str) -> str:
        return ""


def _base_slots(
    author: Author, app: ApplicationFacts, contact: ContactFacts | None
) -> dict[str, str]:
    return _Slots(
        greeting=greeting_of(contact),
        full_name=contact.name if contact is not None else app.company,
        role=app.role_title.strip() or "open",
        company=app.company,
        me=author.me,
        name_suffix=author.name_suffix,
    )


def _strength(app: ApplicationFacts) -> str | None:
    return text.phrase(app.strength) if app.strength else None


def _motivation(app: ApplicationFacts) -> str | None:
    return text.phrase(app.motivation) if app.motivation else None


def _topic_slot(person_topics: tuple[str, ...], contact: ContactFacts) -> str:
    quoted = person_topics[: text.MAX_QUOTED_TOPICS]
    if quoted:
        return text.join_phrases(quoted)
    return t.TOPIC_PLACEHOLDER.format(first=text.first_name(contact.name))


def _words(body: str) -> int:
    return body.count(" ") + body.count("\n") + 1  # templates use single spaces


# -- thank-you ------------------------------------------------------------------------------------
def variant_digits(index: int, count: int, base: int = 5) -> list[int]:
    """Which variant of each of `count` sentence kinds the person at `index` gets.

    (a, a+b, a+2b, …) mod base, for index = a + base·b: with base prime and count <= base,
    two of the first base² people agree in at most one choice (two lines cross once).
    """
    a, b = index % base, (index // base) % base
    return [(a + k * b) % base for k in range(count)]


def thank_you(
    author: Author,
    app: ApplicationFacts,
    person: Person,
    *,
    channel: str,
    when_: str,
    late: bool = False,
) -> Draft:
    """A thank-you after one interview, for one person who took part (001's template)."""
    contact = person.contact
    slots = _base_slots(author, app, contact)
    motivation = _motivation(app)
    slots.update(
        when=when_,
        topic=_topic_slot(person.topics, contact),
        strength=_strength(app) or t.STRENGTH_PLACEHOLDER,
        title=(contact.title or "").strip(),
        motivation=motivation or "",
    )
    d = variant_digits(person.index, 5)
    subject = t.THANK_YOU_SUBJECTS[d[0]].format_map(slots)
    if channel == "phone":
        steps = tuple(options[d[k]] for k, options in enumerate(t.THANK_YOU_CALL_STEPS))
        return Draft(subject, _call(contact.name, steps, slots, d[4]))
    if channel == "card":
        card = (t.THANK_YOU_CARD_OPENINGS[d[0]], t.THANK_YOU_TOPICS[d[1]])
        parts = (" ".join((*card, t.THANK_YOU_CARD_STRENGTHS[d[2]])), t.CARD_SIGN_OFFS[d[3]])
        return Draft(subject, _letter(slots["greeting"], parts, slots, author.card_signature))
    sentences = {
        "opening": (t.LATE_THANK_YOU_OPENINGS if late else t.THANK_YOU_OPENINGS)[d[0]],
        "topic": t.THANK_YOU_TOPICS[d[1]],
        "interest": t.THANK_YOU_INTEREST[d[2]],
        "close": (t.LATE_THANK_YOU_CLOSES if late else t.THANK_YOU_CLOSES)[d[3]],
        **_thank_you_lines(person, d, slots, has_motivation=motivation is not None),
    }
    body = ""
    # Optional sentences go, least needed first, until the note is short enough (000: "short").
    for drop in ((), ("motivation_line",), ("motivation_line", "perspective_line")):
        kept = sentences | dict.fromkeys(drop, "")
        paragraphs = tuple(
            " ".join([kept[name] for name in paragraph if kept[name]])
            for paragraph in t.THANK_YOU_ARRANGEMENTS[d[0]]
        )
        body = _letter(slots["greeting"], (*paragraphs, t.SIGN_OFFS[d[4]]), slots, author.signature)
        if _words(body) <= _THANK_YOU_WORD_BUDGET:
            break
    return Draft(subject, body)


def _thank_you_lines(
    person: Person, d: list[int], slots: dict[str, str], *, has_motivation: bool
) -> dict[str, str]:
    """The optional sentences (templates, filled later): their title, what they asked, their
    part in the process, what draws you to the company."""
    role = person.contact.role
    lines = {
        "perspective_line": "",
        "concern_line": _pick(t.CONCERN_LINES, d[2]) if person.asked else "",
        "role_line": _pick(t.ROLE_LINES[role], d[4]) if role in t.ROLE_LINES else "",
        "motivation_line": _pick(t.MOTIVATION_LINES, d[0]) if has_motivation else "",
    }
    # A hiring manager's note speaks to what they need instead (000), not to their title.
    if slots["title"] and role in ("interviewer", "supervisor"):
        lines["perspective_line"] = _pick(t.PERSPECTIVE_LINES, d[3])
    return lines


def arranger_thanks(
    author: Author,
    app: ApplicationFacts,
    contact: ContactFacts,
    *,
    channel: str,
    when_: str,
    interview_format: str | None,
    interviewers: tuple[str, ...],
) -> Draft:
    """Thanks for arranging an interview, to someone who did not take part in it (004)."""
    slots = _base_slots(author, app, contact)
    names = text.join_phrases(interviewers)
    slots.update(
        when=when_,
        format_={"video": "video ", "phone": "phone ", "onsite": ""}.get(
            interview_format or "", ""
        ),
        with_interviewers=f" with {names}" if names else "",
    )
    subject = t.ARRANGER_SUBJECT.format_map(slots)
    if channel == "phone":
        return Draft(subject, _call(contact.name, t.ARRANGER_CALL, slots))
    if channel == "card":
        return Draft(
            subject, _letter(slots["greeting"], t.ARRANGER_CARD, slots, author.card_signature)
        )
    return Draft(subject, _letter(slots["greeting"], t.ARRANGER_EMAIL, slots, author.signature))


# -- status checks --------------------------------------------------------------------------------
def status_check(
    author: Author,
    app: ApplicationFacts,
    contact: ContactFacts | None,
    *,
    number: int,
    channel: str,
    since: Since,
    when_: str,
    topics: tuple[str, ...],
    value: str | None,
) -> Draft:
    """The number-th status check after an interview; each takes its own angle."""
    slots = _base_slots(author, app, contact)
    index = min(number, len(t.STATUS_CHECK_EMAILS)) - 1
    topic = text.join_phrases(topics[: text.MAX_QUOTED_TOPICS])
    slots.update(
        when=when_,
        topic=topic,
        since=t.SINCE[since].format(when=when_),
        thanks_for=t.THANKS_FOR[since].format(when=when_),
        value=_sentence(value) if value else "",
    )
    strength, motivation = _strength(app), _motivation(app)
    slots["strength_line"] = (
        t.CHECK_STRENGTH_LINE.format_map(slots | {"strength": strength}) if strength else ""
    )
    slots["motivation_line"] = (
        t.LAST_CHECK_MOTIVATION_LINE.format_map(slots | {"motivation": motivation})
        if motivation
        else ""
    )
    slots["value_line"] = _check_value_line(index, slots, value, topic)
    subject = t.STATUS_CHECK_SUBJECTS[index].format_map(slots)
    if channel == "phone":
        slots["since"] = t.CALL_SINCE[since].format_map(slots)
        if not value:
            slots["value"] = _value_placeholder(topic) + "."
        return Draft(subject, _call(slots["full_name"], t.STATUS_CHECK_CALLS[index], slots))
    return Draft(
        subject, _letter(slots["greeting"], t.STATUS_CHECK_EMAILS[index], slots, author.signature)
    )


def _value_placeholder(topic: str) -> str:
    return t.VALUE_PLACEHOLDER.format(on_topic=t.ON_TOPIC.format(topic=topic) if topic else "")


def _check_value_line(index: int, slots: dict[str, str], value: str | None, topic: str) -> str:
    """The first check must add something (000); later ones add it when the user gave it."""
    if index == 0:
        if not value:
            return t.FIRST_CHECK_NO_VALUE.format(value=_value_placeholder(topic))
        template = t.FIRST_CHECK_VALUE if topic else t.FIRST_CHECK_VALUE_NO_TOPIC
        return template.format_map(slots)
    return t.LATER_CHECK_VALUE.format_map(slots) if value else ""


def application_check(
    author: Author,
    app: ApplicationFacts,
    contact: ContactFacts | None,
    *,
    number: int,
    channel: str,
    applied_on: date | None,
    value: str | None,
) -> Draft:
    """A check on an application that has had no interview (the guides do not cover it)."""
    slots = _base_slots(author, app, contact)
    index = min(number, len(t.APPLICATION_CHECK_EMAILS)) - 1
    strength, motivation = _strength(app), _motivation(app)
    slots.update(
        applied=(" " + when(applied_on, Window(applied_on, applied_on), author, relative=False))
        if applied_on
        else "",
        value=_sentence(value) if value else "",
    )
    slots["strength_line"] = (
        t.APPLICATION_STRENGTH_LINE.format(strength=strength) if strength else ""
    )
    slots["motivation_line"] = (
        _pick(t.MOTIVATION_LINES, 0).format_map(slots | {"motivation": motivation})
        if motivation
        else ""
    )
    slots["value_line"] = t.LATER_CHECK_VALUE.format_map(slots) if value else ""
    subject = t.APPLICATION_CHECK_SUBJECTS[index].format_map(slots)
    if channel == "phone":
        return Draft(subject, _call(slots["full_name"], t.APPLICATION_CHECK_CALL, slots))
    return Draft(
        subject,
        _letter(slots["greeting"], t.APPLICATION_CHECK_EMAILS[index], slots, author.signature),
    )


# -- after the decision, and offers ---------------------------------------------------------------
def post_decision(
    author: Author,
    app: ApplicationFacts,
    contact: ContactFacts,
    *,
    hired: bool,
    channel: str,
    interviewed: bool,
    met: tuple[str, ...] | None,
    index: int,
) -> Draft:
    """003: thanks for choosing you; or, rejected, thanks and a word about future openings.

    `met` is None when this person took part in no interview, else the topics you discussed.
    """
    slots = _base_slots(author, app, contact)
    if met is not None:
        line = t.MET_LINES[0] if met else t.MET_LINES[1]
        slots["met_line"] = line.format(topic=text.join_phrases(met[: text.MAX_QUOTED_TOPICS]))
    if hired:
        subject = t.HIRED_SUBJECT.format_map(slots)
        body = t.HIRED_BODIES.get(contact.role, t.HIRED_BODIES["default"])
        steps = t.DECISION_CALL_HIRED
    elif interviewed:
        subject, body = t.REJECTED_SUBJECT.format_map(slots), _pick(t.REJECTED_BODIES, index)
        steps = t.DECISION_CALL_REJECTED
    else:
        subject, body = t.NOT_INTERVIEWED_SUBJECT.format_map(slots), t.NOT_INTERVIEWED_BODY
        steps = t.DECISION_CALL_REJECTED
    if channel == "phone":
        return Draft(subject, _call(contact.name, steps, slots))
    card = channel == "card"
    parts = (body, t.DECISION_CARD_SIGN_OFF if card else t.DECISION_SIGN_OFF)
    signature = author.card_signature if card else author.signature
    return Draft(subject, _letter(slots["greeting"], parts, slots, signature))


def offer_answer(
    author: Author,
    app: ApplicationFacts,
    contact: ContactFacts | None,
    *,
    channel: str,
    met: bool,
) -> Draft:
    """The answer to an offer: thanks, and the user's own decision where the placeholder is.

    `met`: the addressee took part in an interview (only then are they thanked for their time).
    """
    slots = _base_slots(author, app, contact)
    slots["answer"] = t.OFFER_ANSWER_PLACEHOLDER
    slots["met_line"] = t.OFFER_MET if met else ""
    subject = t.OFFER_SUBJECT.format_map(slots)
    if channel == "phone":
        return Draft(subject, _call(slots["full_name"], t.OFFER_CALL, slots))
    return Draft(subject, _letter(slots["greeting"], t.OFFER_EMAIL, slots, author.signature))
