"""Message drafts: the wording lives here, one small f-string template per message.

Templates are plain functions so that a misspelt field fails type checking instead of a
request, and so that rendering stays cheap (str.format re-parses long templates every call).
Every draft greets the person by name, names the role and company, carries one specific topic
from that person's own interview notes (so two interviewers get different notes, G4), restates
interest and closes professionally with the user's signature (G9, G10, G20). Status checks add
something of value and never chase: "I have not heard from you", "still in the running" and
questions about other candidates are banned by a test.
"""

from __future__ import annotations

from functools import lru_cache

from .types import ApplicationFacts, ContactFacts, Draft, UserFacts


# -- templates: edit the wording here ---------------------------------------------------------
def thank_you_subject(role: str) -> str:
    return f"Thank you for the interview – {role}"


def thank_you_email(
    name: str, day: str, role: str, company: str, topic: str, perspective: str, signature: str
) -> str:
    return (
        f"Dear {name},\n\n"
        f"Thank you for taking the time to meet with me on {day} about the {role} role at "
        f"{company}. I especially enjoyed our discussion of {topic}{perspective}.\n\n"
        "That conversation has only strengthened my interest in the position, and I would "
        "welcome the chance to bring my experience to your team.\n\n"
        "Thank you again for your time and consideration.\n\n"
        f"Best regards,\n{signature}"
    )


def thank_you_arranger_email(
    name: str, day: str, role: str, company: str, format_: str, signature: str
) -> str:
    return (
        f"Dear {name},\n\n"
        f"Thank you for arranging my {format_}interview for the {role} role at {company} on "
        f"{day}; everything ran smoothly thanks to you.\n\n"
        "I enjoyed meeting the team and I am even more interested in the position. Please let "
        "me know if there is anything else you need from me.\n\n"
        f"Best regards,\n{signature}"
    )


def thank_you_card(name: str, day: str, role: str, company: str, topic: str, signature: str) -> str:
    return (
        f"Dear {name},\n\n"
        f"Thank you for meeting with me on {day} about the {role} role. Our discussion of "
        f"{topic} stayed with me, and I would be glad to contribute to {company}.\n\n"
        f"With best regards,\n{signature}"
    )


def thank_you_call(name: str, user: str, day: str, role: str, company: str, topic: str) -> str:
    return (
        f"Call script for {name}:\n"
        f"- This is {user}; we spoke on {day} about the {role} role at {company}.\n"
        "- I am calling to thank you for your time; I especially enjoyed our discussion of "
        f"{topic}.\n"
        "- I am enthusiastic about the position and look forward to hearing about the next "
        "steps.\n"
        "- Thank you again, and have a good day."
    )


def status_check_subject(role: str, user: str) -> str:
    return f"Following up on the {role} position – {user}"


def status_check_email(
    name: str, day: str, role: str, company: str, topic: str, signature: str
) -> str:
    return (
        f"Dear {name},\n\n"
        f"I hope you are well. Since our conversation on {day}, I have looked further into "
        f"{topic} and thought you might find this useful: [one new finding, idea or related "
        "article].\n\n"
        f"I remain very interested in the {role} role and in contributing to {company}. Could "
        "you let me know the next steps and the expected timeline?\n\n"
        "Thank you for your time and consideration.\n\n"
        f"Best regards,\n{signature}"
    )


def status_check_call(name: str, user: str, day: str, role: str, company: str, topic: str) -> str:
    return (
        f"Call script for {name}:\n"
        f"- This is {user}; we met on {day} about the {role} role at {company}.\n"
        f"- Since then I have looked further into {topic}: [one new finding or idea].\n"
        "- I remain very interested in the role; could you share the next steps and the "
        "timeline?\n"
        "- Thank you for your time."
    )


def hired_subject(role: str) -> str:
    return f"Thank you – {role}"


def hired_body(name: str, role: str, company: str, signature: str) -> str:
    return (
        f"Dear {name},\n\n"
        f"Thank you for choosing me for the {role} position. I am grateful for your confidence "
        f"and look forward to working with you at {company}.\n\n"
        f"Best regards,\n{signature}"
    )


def rejected_subject(role: str) -> str:
    return f"Thank you for the opportunity – {role}"


def rejected_body(name: str, role: str, company: str, signature: str) -> str:
    return (
        f"Dear {name},\n\n"
        f"Thank you for letting me know your decision about the {role} role, and for the "
        f"opportunity to interview with {company}. I enjoyed learning about your team and "
        f"remain interested in {company}; I would be grateful if you kept me in mind for "
        "future openings.\n\n"
        f"Best regards,\n{signature}"
    )


# -- assembly -----------------------------------------------------------------------------
_FILLER_PREFIXES = (
    "asked me about ",
    "asked about ",
    "talked about ",
    "discussed ",
    "we discussed ",
    "we talked about ",
)


def topic_from_notes(notes: str | None, contact: ContactFacts | None) -> str:
    """The specific topic a note should mention, taken from that person's interview notes."""
    topic = _topic(notes) if notes else None
    if topic is None:
        first = contact.name.split()[0] if contact is not None and contact.name else "them"
        return f"[one thing you discussed with {first}]"
    return topic


_SUBJECTS = frozenset({"we", "i", "you", "they", "he", "she"})
_IRREGULAR_VERBS = frozenset(
    {"went", "spoke", "built", "ran", "did", "got", "had", "took", "dug", "made", "wrote", "drew"}
)
_PARTICLES = frozenset({"over", "about", "at", "into", "through", "on", "up", "me", "us", "him"})


@lru_cache(maxsize=4096)
def _topic(notes: str) -> str | None:
    """A noun phrase for "our discussion of …" / "looked further into …", from a note as typed.

    Notes are often clauses ("we whiteboarded a dbt model"); their subject and verb are
    dropped so the sentence around them stays grammatical ("a dbt model").
    """
    text = notes.strip().rstrip(".")
    if not text:
        return None
    lowered = text.lower()
    for prefix in _FILLER_PREFIXES:
        if (lowered + " ").startswith(prefix):
            return text[len(prefix) :].strip() or None
    words = text.split()
    if len(words) > 2 and words[0].lower() in _SUBJECTS:
        verb = words[1].lower()
        if verb.endswith("ed") or verb in _IRREGULAR_VERBS:
            rest = words[2:]
            while rest and rest[0].lower() in _PARTICLES:
                rest = rest[1:]
            return " ".join(rest) or None
    return text  # kept as written: lowercasing would mangle names ("Kafka", "SQL")


def signature_of(user: UserFacts) -> str:
    """The user's signature, else their name and email (a signature carries contact details)."""
    if user.signature and user.signature.strip():
        return user.signature.strip()
    return f"{user.name}\n{user.email}"


def thank_you(
    user: UserFacts,
    app: ApplicationFacts,
    contact: ContactFacts,
    channel: str,
    day: str,
    notes: str | None,
    interviewed: bool,
    interview_format: str | None,
    signature: str | None = None,
) -> Draft:
    """A thank-you after one interview, for one person (positional: it is called per action)."""
    role, company = app.role_title, app.company
    signature = signature or signature_of(user)
    subject = thank_you_subject(role)
    if not interviewed and channel != "phone":
        fmt = f"{interview_format} " if interview_format else ""
        return Draft(
            subject,
            thank_you_arranger_email(contact.name, day, role, company, fmt, signature),
        )
    topic = topic_from_notes(notes, contact)
    if channel == "phone":
        return Draft(subject, thank_you_call(contact.name, user.name, day, role, company, topic))
    if channel == "card":
        return Draft(subject, thank_you_card(contact.name, day, role, company, topic, signature))
    perspective = f" and hearing your perspective as {contact.title}" if contact.title else ""
    return Draft(
        subject,
        thank_you_email(contact.name, day, role, company, topic, perspective, signature),
    )


def status_check(
    user: UserFacts,
    app: ApplicationFacts,
    contact: ContactFacts | None,
    *,
    channel: str,
    day: str,
    notes: str | None,
    signature: str | None = None,
) -> Draft:
    """A status check that adds value and restates interest."""
    name = contact.name if contact is not None else "Hiring Team"
    signature = signature or signature_of(user)
    topic = topic_from_notes(notes, contact) if notes else "the topics we discussed"
    subject = status_check_subject(app.role_title, user.name)
    if channel == "phone":
        return Draft(
            subject, status_check_call(name, user.name, day, app.role_title, app.company, topic)
        )
    return Draft(
        subject,
        status_check_email(name, day, app.role_title, app.company, topic, signature),
    )


def post_decision(
    user: UserFacts,
    app: ApplicationFacts,
    contact: ContactFacts,
    *,
    hired: bool,
    signature: str | None = None,
) -> Draft:
    """Thanks after the decision: gratitude when hired, future openings when rejected."""
    role, company = app.role_title, app.company
    signature = signature or signature_of(user)
    if hired:
        return Draft(hired_subject(role), hired_body(contact.name, role, company, signature))
    return Draft(rejected_subject(role), rejected_body(contact.name, role, company, signature))
