"""Message drafts: plain templates, kept here so wording can change without touching rules.

Every draft greets the person by name, names the role and company, carries one specific topic
from that person's own interview notes (so two interviewers get different notes, G4), restates
interest and closes professionally with the user's signature (G9, G10, G20). Status checks add
something of value and never chase ("I have not heard from you", "still in the running" and
questions about other candidates are banned by a test).
"""

from __future__ import annotations

from .types import ApplicationFacts, ContactFacts, Draft, UserFacts

# -- thank-you --------------------------------------------------------------------------
THANK_YOU_SUBJECT = "Thank you for the interview – {role}"
THANK_YOU_EMAIL = """Dear {name},

Thank you for taking the time to meet with me on {day} about the {role} role at {company}. \
I especially enjoyed our discussion of {topic}{perspective}.

That conversation has only strengthened my interest in the position, and I would welcome \
the chance to bring my experience to your team.

Thank you again for your time and consideration.

Best regards,
{signature}"""
THANK_YOU_ARRANGER_EMAIL = """Dear {name},

Thank you for arranging my {format}interview for the {role} role at {company} on {day}; \
everything ran smoothly thanks to you.

I enjoyed meeting the team and I am even more interested in the position. Please let me know \
if there is anything else you need from me.

Best regards,
{signature}"""
THANK_YOU_CARD = """Dear {name},

Thank you for meeting with me on {day} about the {role} role. Our discussion of {topic} \
stayed with me, and I would be glad to contribute to {company}.

With best regards,
{signature}"""
THANK_YOU_CALL = """Call script for {name}:
- This is {user}; we spoke on {day} about the {role} role at {company}.
- I am calling to thank you for your time; I especially enjoyed our discussion of {topic}.
- I am enthusiastic about the position and look forward to hearing about the next steps.
- Thank you again, and have a good day."""

# -- status check -------------------------------------------------------------------------
STATUS_CHECK_SUBJECT = "Following up on the {role} position – {user}"
STATUS_CHECK_EMAIL = """Dear {name},

I hope you are well. Since our conversation on {day}, I have looked further into {topic} \
and thought you might find this useful: [one new finding, idea or related article].

I remain very interested in the {role} role and in contributing to {company}. Could you \
let me know the next steps and the expected timeline?

Thank you for your time and consideration.

Best regards,
{signature}"""
STATUS_CHECK_CALL = """Call script for {name}:
- This is {user}; we met on {day} about the {role} role at {company}.
- Since then I have looked further into {topic}: [one new finding or idea].
- I remain very interested in the role; could you share the next steps and the timeline?
- Thank you for your time."""

# -- after the decision -------------------------------------------------------------------
HIRED_SUBJECT = "Thank you – {role}"
HIRED_BODY = """Dear {name},

Thank you for choosing me for the {role} position. I am grateful for your confidence and \
look forward to working with you at {company}.

Best regards,
{signature}"""
REJECTED_SUBJECT = "Thank you for the opportunity – {role}"
REJECTED_BODY = """Dear {name},

Thank you for letting me know your decision about the {role} role, and for the opportunity \
to interview with {company}. I enjoyed learning about your team and remain interested in \
{company}; I would be grateful if you kept me in mind for future openings.

Best regards,
{signature}"""

_FILLER_PREFIXES = ("asked me about ", "asked about ", "talked about ", "discussed ",
                    "we discussed ", "we talked about ")


def topic_from_notes(notes: str | None, contact: ContactFacts | None) -> str:
    """The specific topic a note should mention, taken from that person's interview notes."""
    text = (notes or "").strip().rstrip(".")
    if not text:
        first = contact.name.split()[0] if contact is not None and contact.name else "them"
        return f"[one thing you discussed with {first}]"
    lowered = text.lower()
    for prefix in _FILLER_PREFIXES:
        if lowered.startswith(prefix):
            return text[len(prefix):]
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def signature_of(user: UserFacts) -> str:
    """The user's signature, else their name and email (a signature carries contact details)."""
    if user.signature and user.signature.strip():
        return user.signature.strip()
    return f"{user.name}\n{user.email}"


def _greeting_name(contact: ContactFacts | None) -> str:
    return contact.name if contact is not None else "Hiring Team"


def thank_you(
    user: UserFacts, app: ApplicationFacts, contact: ContactFacts, *, channel: str,
    day: str, notes: str | None, interviewed: bool, interview_format: str | None,
) -> Draft:
    """A thank-you after one interview, for one person."""
    subject = THANK_YOU_SUBJECT.format(role=app.role_title)
    topic = topic_from_notes(notes, contact)
    fields = {
        "name": contact.name, "role": app.role_title, "company": app.company, "day": day,
        "topic": topic, "user": user.name, "signature": signature_of(user),
    }
    if channel == "phone":
        return Draft(subject, THANK_YOU_CALL.format(**fields))
    if not interviewed:
        fmt = f"{interview_format} " if interview_format else ""
        return Draft(subject, THANK_YOU_ARRANGER_EMAIL.format(format=fmt, **fields))
    if channel == "card":
        return Draft(subject, THANK_YOU_CARD.format(**fields))
    perspective = f" and hearing your perspective as {contact.title}" if contact.title else ""
    return Draft(subject, THANK_YOU_EMAIL.format(perspective=perspective, **fields))


def status_check(
    user: UserFacts, app: ApplicationFacts, contact: ContactFacts | None, *, channel: str,
    day: str, notes: str | None,
) -> Draft:
    """A status check that adds value and restates interest."""
    fields = {
        "name": _greeting_name(contact), "role": app.role_title, "company": app.company,
        "day": day,
        "topic": topic_from_notes(notes, contact) if notes else "the topics we discussed",
        "user": user.name, "signature": signature_of(user),
    }
    subject = STATUS_CHECK_SUBJECT.format(**fields)
    if channel == "phone":
        return Draft(subject, STATUS_CHECK_CALL.format(**fields))
    return Draft(subject, STATUS_CHECK_EMAIL.format(**fields))


def post_decision(
    user: UserFacts, app: ApplicationFacts, contact: ContactFacts, *, hired: bool,
) -> Draft:
    """Thanks after the decision: gratitude when hired, future openings when rejected."""
    fields = {"name": contact.name, "role": app.role_title, "company": app.company,
              "signature": signature_of(user)}
    if hired:
        return Draft(HIRED_SUBJECT.format(**fields), HIRED_BODY.format(**fields))
    return Draft(REJECTED_SUBJECT.format(**fields), REJECTED_BODY.format(**fields))
