"""Named timing presets: the policy's numbers are data, chosen per user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class Profile:
    """Every timing the rules use; one instance per named preset."""

    name: str
    #: Thank-you by email/phone/LinkedIn: window in exact hours after the interview ends.
    thank_you_opens_after: timedelta
    thank_you_due_after: timedelta
    #: First status check when no decision date is known: days after the last interview.
    first_check_opens_days: int
    first_check_due_days: int
    #: First status check with a decision date: business days after that date.
    after_decision_business_days: int
    #: Later checks open this many days after the previous unanswered one.
    spacing_days: int
    #: Unanswered status checks (the thank-you does not count) before move_on.
    unanswered_before_move_on: int
    #: Mailed cards: open this many days after the interview, due at card_due_days.
    card_opens_days: int = 1
    card_due_days: int = 3
    #: A later check (and move_on) is due this many days after it opens.
    later_check_due_days: int = 3
    #: The decision-date window stays open this many business days.
    decision_window_business_days: int = 2
    #: No status check within this many business days of any outbound message (004).
    gap_business_days: int = 2
    #: prepare_questions opens this many days before the interview.
    prepare_opens_days: int = 3
    #: write_notes is due this long after the interview ends, and is not asked for at all
    #: when the interview is entered later than notes_stale_after.
    notes_due_after: timedelta = timedelta(hours=3)
    notes_stale_after: timedelta = timedelta(days=1)
    #: Post-decision thanks: due this many business days after they open.
    post_decision_due_business_days: int = 2
    #: Beyond the guides: an application with no interview gets a check this many days after
    #: it was sent, due at the second figure.
    application_check_opens_days: int = 10
    application_check_due_days: int = 14
    #: Beyond the guides: an offer without a deadline is answered within this many business days.
    offer_answer_business_days: int = 3
    #: One plain sentence for the settings screen.
    description: str = ""


PROMPT = Profile(
    name="prompt",
    thank_you_opens_after=timedelta(hours=2),
    thank_you_due_after=timedelta(hours=12),
    first_check_opens_days=5,
    first_check_due_days=7,
    after_decision_business_days=1,
    spacing_days=7,
    unanswered_before_move_on=2,
    application_check_opens_days=7,
    application_check_due_days=10,
    description=(
        "Thank-yous within 12 hours; the first status check 5–7 days after the interview, or 1 "
        "business day after their stated decision date; stop after 2 unanswered checks. With "
        "no interview yet, a check on the application after 7–10 days."
    ),
)
BALANCED = Profile(
    name="balanced",
    thank_you_opens_after=timedelta(hours=2),
    thank_you_due_after=timedelta(hours=24),
    first_check_opens_days=7,
    first_check_due_days=10,
    after_decision_business_days=2,
    spacing_days=7,
    unanswered_before_move_on=2,
    description=(
        "Thank-yous within a day; the first status check 7–10 days after the interview, or 2 "
        "business days after their decision date; stop after 2 unanswered checks. With no "
        "interview yet, a check on the application after 10–14 days."
    ),
)
PATIENT = Profile(
    name="patient",
    thank_you_opens_after=timedelta(hours=2),
    thank_you_due_after=timedelta(hours=24),
    first_check_opens_days=10,
    first_check_due_days=14,
    after_decision_business_days=3,
    spacing_days=10,
    unanswered_before_move_on=2,
    application_check_opens_days=14,
    application_check_due_days=21,
    description=(
        "Thank-yous within a day; the first status check 10–14 days after the interview, or 3 "
        "business days after their decision date, checks 10 days apart; stop after 2 unanswered "
        "checks. With no interview yet, a check on the application after 14–21 days."
    ),
)
PERSISTENT = Profile(
    name="persistent",
    thank_you_opens_after=timedelta(hours=2),
    thank_you_due_after=timedelta(hours=24),
    first_check_opens_days=7,
    first_check_due_days=10,
    after_decision_business_days=2,
    spacing_days=7,
    unanswered_before_move_on=3,
    description=(
        "Thank-yous within a day; the first status check 7–10 days after the interview, or 2 "
        "business days after their decision date; stop after 3 unanswered checks. With no "
        "interview yet, a check on the application after 10–14 days."
    ),
)

PROFILES: dict[str, Profile] = {p.name: p for p in (PROMPT, BALANCED, PATIENT, PERSISTENT)}
DEFAULT_PROFILE = BALANCED


def get_profile(name: str | None) -> Profile:
    """The named profile; None means the default (balanced). Unknown names raise KeyError."""
    if name is None:
        return DEFAULT_PROFILE
    return PROFILES[name]
