"""Every rule's guide citations, in one table: guide file name and a verbatim quote.

A test checks each quote against the guide texts (after normalising whitespace and typographic
quotes), so edit a quote only by copying it again from the guide.
"""

from __future__ import annotations

from .types import Source

G000 = "000_d21c3dc7081f5c4a.txt"
G001 = "001_e3f61a7b0845897b.txt"
G002 = "002_5e4fded903e1e3ef.txt"
G003 = "003_46cf52b05a51c7e6.txt"
G004 = "004_8709e850da0ff4bd.txt"


def _s(guide: str, quote: str) -> Source:
    return Source(guide, quote)


#: Keyed by rule name; "rule.variant" entries are added to a rule's sources when they apply.
CITATIONS: dict[str, tuple[Source, ...]] = {
    "prepare_questions": (
        _s(G000, "ask them when they plan on making their final decision"),
        _s(
            G000,
            "Ask if you may follow up with them in a week. Do they prefer a phone call or email?",
        ),
        _s(G000, "Make sure to collect business cards from everyone that interviews you."),
    ),
    "write_notes": (
        _s(
            G002,
            "When your interview is done, the first thing you should do is to write down "
            "all the relevant information, including what went well and what went wrong.",
        ),
        _s(
            G002,
            "You should also write down the name of the interviewers, as well as what "
            "questions and concerns each of them had",
        ),
    ),
    "collect_contact": (
        _s(G000, "Make sure to collect business cards from everyone that interviews you."),
        _s(
            G000,
            "You will have the correct spelling of their name, accurate email address, "
            "position, etc.",
        ),
    ),
    "send_thank_you": (
        _s(G002, "send a thank you note to each person you met during the interview"),
        _s(G000, "send a strong well-written email within 12-24 hours of your interview"),
        _s(
            G001,
            "avoid sending it immediately after the interview as you might come off as too eager",
        ),
    ),
    "send_thank_you.email": (
        _s(
            G002,
            "If it is a technology related job, by all means use email to avoid looking "
            "like a dinosaur!",
        ),
    ),
    "send_thank_you.card": (
        _s(
            G002,
            "If the work environment is in a more traditional setting, then you may write "
            "your thank you note on blank note cards.",
        ),
        _s(
            G003,
            "handwritten, and yes, it must go snail mail, not email — two or three days "
            "after the interview",
        ),
        _s(G004, "sending a thank you card instead of an email shows extra effort"),
    ),
    "send_thank_you.arranged_by": (
        _s(
            G004,
            "If your interview was conducted online, send an email to the recruiter or HR "
            "team handling the meeting arrangements",
        ),
    ),
    "channel.preferred": (
        _s(
            G001,
            "If the interviewer specified how they prefer to be contacted, follow those "
            "instructions.",
        ),
    ),
    "send_status_check": (
        _s(G004, "Avoid calling or emailing the same day as the interview."),
        _s(G004, "It is generally advisable to wait at least 2 to 3 days before reaching out."),
    ),
    "send_status_check.no_date": (
        _s(G000, "If you have not heard back within in a week or ten days, you can send another."),
        _s(
            G002,
            "If you don’t have an exact date, do your second follow up around 10 days "
            "after your interview.",
        ),
        _s(G001, "or two weeks if no timeframe was given"),
    ),
    "send_status_check.decision_date": (
        _s(
            G003,
            "If you haven’t heard back within a few days past that timeline, send a short "
            "email or make a call",
        ),
        _s(
            G002,
            "do a second follow up if you haven’t heard back from the company after the "
            "date that they were supposed to contact you",
        ),
    ),
    "send_status_check.content": (
        _s(
            G000,
            "You can start by telling them you have done more research on something "
            "discussed during the interview",
        ),
        _s(
            G003,
            "don’t ask if you’re still in the running, and don’t ask how the interviews "
            "with other candidates are going",
        ),
        _s(G002, "For the second follow up, do not just resend the thank you note."),
    ),
    "move_on": (
        _s(G000, "after three attempts, stop following up"),
        _s(
            G002,
            "If you have followed up twice and still haven’t heard back from the company, "
            "put it out of your mind and move on",
        ),
        _s(G000, "Always keep many irons in the fire and keep trying."),
    ),
    "send_post_decision_thanks.hired": (
        _s(
            G003,
            "send a card thanking the hiring manager and your direct supervisor for "
            "choosing you for the position",
        ),
    ),
    "send_post_decision_thanks.rejected": (
        _s(
            G001,
            "Send a thank-you note expressing gratitude for the opportunity to interview "
            "and your interest in future openings.",
        ),
        _s(
            G003,
            "it’s still good business to send a thank you card or letter expressing your "
            "gratitude for being given the opportunity to interview",
        ),
    ),
    "drafts": (
        _s(
            G001,
            "Mention something specific you discussed during the interview to show that "
            "you were engaged and attentive.",
        ),
        _s(
            G002,
            "If you have to send more than one note, make each of them unique, as it will "
            "show more thought and sincerity.",
        ),
        _s(G000, "Always be professional. Always be courteous."),
    ),
}


def sources(*names: str) -> tuple[Source, ...]:
    """The concatenated citations of the named table entries (a KeyError names a typo)."""
    return tuple(source for name in names for source in CITATIONS[name])
