"""The words of every draft. Edit them here; drafts.py only picks and fills them.

Each template is text with {named} slots (the full list is SLOTS; a test renders every template
with every slot, so a misspelt one fails there). A slot the user has not filled shows a visible
[…] placeholder, never a guess. Tuples hold interchangeable variants: co-interviewers get
different ones (by their place in the interview), so their notes differ in build and wording,
not only in the name (002: "make each of them unique"). Paragraphs are separated by blank lines;
an optional sentence slot (…_line) that is empty simply disappears.

The shapes follow the guides: 001's thank-you template (greeting, appreciation, something
specific, interest, the skill or quality you bring, a professional close) and its call script
(introduce, purpose, enthusiasm, thanks); 000's status check that adds value and asks for next
steps; 002's second follow-up that thanks them again and says you are still interested; 003's
notes after the decision.
"""

from __future__ import annotations

#: Every slot a template may use.
SLOTS = frozenset(
    """greeting full_name when role company topic strength motivation title me value since
    thanks_for interviewers format_ on_topic applied deadline signature perspective_line
    role_line concern_line motivation_line strength_line value_line met_line with_interviewers
    name_suffix answer""".split()
)

# -- placeholders: shown where the user has not given what the slot needs -------------------------
TOPIC_PLACEHOLDER = "[something specific you discussed with {first}]"
STRENGTH_PLACEHOLDER = "[the skill or quality you bring]"
VALUE_PLACEHOLDER = "[a finding, an idea or a link{on_topic}]"
ON_TOPIC = " about {topic}"
NAME_PLACEHOLDER = "[Your name]"
OFFER_ANSWER_PLACEHOLDER = (
    "[Your answer: that you accept, that you decline, or what you need to know before you decide]"
)

GREETING = "Dear {greeting},"
NO_CONTACT_GREETING = "Hiring Team"

# -- thank-you after an interview -----------------------------------------------------------------
THANK_YOU_SUBJECTS = (
    "Thank you for the interview – {role}",
    "Thank you for your time – {role} interview",
    "Our conversation about the {role} role",
    "Thank you – {role} interview",
    "Following our {role} interview",
)
# A thank-you email is built from one sentence of each kind below. Each kind has five variants,
# and the person's place in the interview picks a different combination for everyone (any two
# of the first 25 people share at most one of the five choices), so even with the same topics
# two notes differ in most of their sentences.
THANK_YOU_OPENINGS = (
    "Thank you for taking the time to meet with me {when} about the {role} role at {company}.",
    "It was a pleasure to speak with you {when}, and thank you for the opportunity to interview "
    "for the {role} position at {company}.",
    "Thank you for interviewing me {when} for the {role} role at {company}; I appreciated the "
    "time you gave me.",
    "I am grateful for the time you spent with me {when} talking about the {role} position at "
    "{company}.",
    "Thank you for our conversation {when} and for the chance to interview for the {role} role "
    "at {company}.",
)
THANK_YOU_TOPICS = (
    "I especially enjoyed our discussion of {topic}.",
    "Our conversation about {topic} has stayed with me since.",
    "Talking through {topic} with you made the work feel very concrete.",
    "I have been thinking about {topic} since we discussed it.",
    "I particularly valued hearing your thoughts on {topic}.",
)
THANK_YOU_INTEREST = (
    "Our conversation has only heightened my interest in the position, and I would welcome the "
    "chance to bring {strength} to your team.",
    "I am even more enthusiastic about the role now, and I believe I can bring {strength} to it.",
    "I would love to bring {strength} to the team, and I left more excited about the role than "
    "before.",
    "The interview confirmed my interest in joining your team, and I am confident I could bring "
    "{strength} to the work.",
    "I am excited about the opportunity to bring {strength} to {company}.",
)
THANK_YOU_CLOSES = (
    "Thank you again for your time and the opportunity to interview. I look forward to hearing "
    "from you.",
    "Thank you once more, and I hope we will speak again soon.",
    "I look forward to the possibility of working together.",
    "Thank you again for the opportunity to interview.",
    "I look forward to hearing about the next steps.",
)
SIGN_OFFS = ("Best regards,", "Kind regards,", "With thanks,", "Best wishes,", "Warm regards,")
#: How the sentences are arranged into paragraphs, one arrangement per opening variant: the
#: names are the sentence kinds above and the optional lines below.
THANK_YOU_ARRANGEMENTS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("opening", "topic", "perspective_line"), ("role_line", "interest", "motivation_line"),
     ("concern_line", "close")),
    (("opening",), ("topic", "perspective_line", "concern_line"),
     ("interest", "motivation_line", "role_line"), ("close",)),
    (("opening",), ("interest", "topic", "role_line"),
     ("motivation_line", "perspective_line", "concern_line", "close")),
    (("opening",), ("concern_line", "topic", "interest"),
     ("role_line", "motivation_line", "perspective_line", "close")),
    (("opening", "topic"), ("interest", "motivation_line"), ("role_line", "concern_line"),
     ("perspective_line", "close")),
)  # fmt: skip
PERSPECTIVE_LINES = (
    "Hearing your perspective as {title} was especially useful.",
    "It was good to hear how you see the work as {title}.",
    "Your perspective as {title} made the role much clearer to me.",
    "I valued hearing how the work looks from your side as {title}.",
    "It helped to hear the {title}'s view of the team.",
)
#: What they asked shapes the note without being quoted (their concerns stay private).
CONCERN_LINES = (
    "I appreciated your questions, and I would be glad to expand on any of my answers.",
    "If any of your questions deserve a fuller answer than I gave, I would be happy to follow up.",
    "Thank you for your thoughtful questions; I would welcome the chance to say more on any of "
    "them.",
    "Your questions gave me a lot to think about, and I am happy to go into more detail on any "
    "of them.",
    "I enjoyed your questions, and if a longer answer to any of them would help, just let me know.",
)
#: The person's part in the process shapes the note (000: "focus on what the hiring manager is
#: looking for to fill this position").
ROLE_LINES: dict[str, tuple[str, ...]] = {
    "hiring_manager": (
        "Hearing what you are looking for in this role made me even more confident that it is "
        "the right fit.",
        "I understand much better now what you need from this role, and it is work I would enjoy.",
        "Knowing more about what you need from the role, I am sure it is where I can help most.",
    ),
    "supervisor": (
        "I would enjoy working with you and the team.",
        "The chance to work with you directly is a big part of what excites me about the role.",
        "I would be glad to learn from you and your team.",
    ),
    "recruiter": (
        "Thank you also for your help throughout the process.",
        "I appreciate your help with the process so far.",
    ),
}
MOTIVATION_LINES = (
    "What draws me to {company} is {motivation}.",
    "I am also drawn to {company} by {motivation}.",
)
#: A card is short (003: "Keep it simple and to the point"): an opening, the topic, what you
#: would bring; one variant of each, picked as for emails.
THANK_YOU_CARD_OPENINGS = (
    "Thank you for meeting with me {when} and for the opportunity to interview for the {role} "
    "role.",
    "Thank you for your time {when} and for the interview for the {role} position.",
    "It was a pleasure to interview with you {when} for the {role} role.",
    "I am grateful for the time you gave me {when}.",
    "Many thanks for speaking with me {when} about the {role} position.",
)
THANK_YOU_CARD_STRENGTHS = (
    "I would be glad to bring {strength} to {company}.",
    "I hope to bring {strength} to your team.",
    "It would be a pleasure to bring {strength} to the {role} role.",
    "I am confident I could bring {strength} to {company}.",
    "Bringing {strength} to your team is something I would love to do.",
)
CARD_SIGN_OFFS = ("With best regards,", "Warm regards,", "With thanks,", "Kind regards,",
                  "Best wishes,")  # fmt: skip
#: A call script: four steps (001), five ways to say each, picked as for emails.
THANK_YOU_CALL_STEPS: tuple[tuple[str, ...], ...] = (
    (
        'Introduce yourself: "Hello {greeting}, this is {me}. We met {when} about the {role} '
        'role at {company}."',
        'Introduce yourself: "Hello {greeting}, it is {me}; we spoke {when} about the {role} '
        'position."',
        'Introduce yourself: "Hi {greeting}, this is {me}, from the {role} interview {when}."',
        'Introduce yourself: "Good day {greeting}, {me} here. You interviewed me {when} for '
        '{company}."',
        'Introduce yourself: "Hello {greeting}, my name is {me}; I interviewed with you {when}."',
    ),
    (
        'Say why you are calling: "I am calling to thank you for your time. I especially '
        'enjoyed our discussion of {topic}."',
        'Say why you are calling: "I wanted to thank you for the interview. Our conversation '
        'about {topic} has stayed with me."',
        'Say why you are calling: "I just wanted to say thank you; I enjoyed talking through '
        '{topic} with you."',
        'Say why you are calling: "A quick thank-you for your time, and for your thoughts on '
        '{topic}."',
        'Say why you are calling: "Thank you for the conversation; I have been thinking about '
        '{topic} since."',
    ),
    (
        'Show your enthusiasm: "It has made me even more interested in the position, and I '
        'would love to bring {strength} to the team."',
        'Show your enthusiasm: "I would be glad to bring {strength} to {company}."',
        'Show your enthusiasm: "I am excited about the role and about bringing {strength} to it."',
        'Show your enthusiasm: "The role is exactly where I can put {strength} to work."',
        'Show your enthusiasm: "I left keen to bring {strength} to your team."',
    ),
    (
        'Thank them: "Thank you again, and I look forward to hearing about your decision."',
        'Thank them: "Thank you for your time; I hope we will speak again soon."',
        'Thank them: "Thanks again, and have a good day."',
        'Thank them: "I appreciate your time. Goodbye for now."',
        'Thank them: "Thank you, and I look forward to the next steps."',
    ),
)
VOICEMAILS = (
    "If you reach their voicemail, leave the same message in under half a minute, with your "
    "phone number.",
    "On voicemail: the same points, briefly, and your number.",
    "No answer? Leave these points as a short voicemail with your phone number.",
    "If it goes to voicemail, keep it under thirty seconds and say your number slowly.",
    "Voicemail: say your name, thank them, and leave your number.",
)

# -- thank-you to whoever arranged the interview (004): for arranging, not for a discussion -------
ARRANGER_SUBJECT = "Thank you for arranging my interview – {role}"
ARRANGER_EMAIL = (
    "Thank you for arranging my {format_}interview{with_interviewers} {when} for the {role} "
    "role at {company}.",
    "The interview has left me even more interested in the position. If there is anything else "
    "you need from me for the next steps, please let me know.",
    "Best regards,",
)
ARRANGER_CARD = (
    "Thank you for arranging my interview {when} for the {role} role at {company}. I "
    "appreciated your help, and the interview left me even more interested in the position.",
    "With best regards,",
)
ARRANGER_CALL = (
    'Introduce yourself: "Hello {greeting}, this is {me}. I interviewed {when} for the {role} '
    'role at {company}."',
    'Say why you are calling: "I am calling to thank you for arranging the interview'
    '{with_interviewers}."',
    'Show your enthusiasm: "It has left me even more interested in the position."',
    'Thank them: "If you need anything else from me, I am happy to send it. Thank you again."',
)

# -- status checks: each one takes a new angle (001: "Overly Repetitive" is a mistake) ------------
STATUS_CHECK_SUBJECTS = (
    "Following up on the {role} role{name_suffix}",
    "Checking in on the {role} role{name_suffix}",
    "One more note on the {role} role{name_suffix}",
)
STATUS_CHECK_EMAILS: tuple[tuple[str, ...], ...] = (
    # 000: "telling them you have done more research on something discussed during the
    # interview or you can send a link to a related article", then ask for next steps.
    (
        "I hope you are well. Since {since}, {value_line}",
        "I remain very interested in the {role} role and in contributing to {company}. Could "
        "you let me know your plans or the next steps for the position?",
        "Thank you for your time.",
        "Best regards,",
    ),
    # 002: "thank them again for the interview and gently remind them that you are still
    # waiting and interested".
    (
        "Thank you again for {thanks_for}. I know these decisions take time, and I wanted to let "
        "you know that I am still very interested in the position. {strength_line}",
        "{value_line}",
        "If there is any news on your timeline, I would be glad to hear it.",
        "Kind regards,",
    ),
    # A last, brief note: what draws you, an offer to help, no pressure.
    (
        "I wanted to send one brief note about the {role} role at {company}. "
        "{motivation_line} I remain interested, and I am happy to share references or anything "
        "else that would help.",
        "{value_line}",
        "Whenever you are able to share your plans for the position, I would be glad to hear them.",
        "Best wishes,",
    ),
)
#: The first check's value sentence, after "Since …, ".
FIRST_CHECK_VALUE = (
    "I have kept thinking about {topic}, and I came across something you may find useful: {value}"
)
FIRST_CHECK_VALUE_NO_TOPIC = "I came across something you may find useful: {value}"
FIRST_CHECK_NO_VALUE = "I wanted to share {value} that may interest you."
LATER_CHECK_VALUE = "You may also find this useful: {value}"
CHECK_STRENGTH_LINE = "I am confident that I could bring {strength} to {company}."
LAST_CHECK_MOTIVATION_LINE = "What draws me to {company} is {motivation}, and that has not changed."
STATUS_CHECK_CALLS: tuple[tuple[str, ...], ...] = (
    (
        'Introduce yourself: "Hello {greeting}, this is {me}. {since}"',
        'Say why you are calling: "I am calling to follow up on the interview and to share '
        'something you may find useful: {value}"',
        'Show your enthusiasm: "I remain very interested in the role and in contributing to '
        '{company}."',
        'Thank them: "Could you share the next steps and the timeline? Thank you for your time."',
    ),
    (
        'Introduce yourself: "Hello {greeting}, it is {me}. {since}"',
        'Say why you are calling: "I wanted to thank you again for the interview and to say '
        'that I am still very interested in the {role} position."',
        'Show your enthusiasm: "I would be glad to contribute to {company}."',
        'Thank them: "If there is any news on your timeline, I would be glad to hear it. Thank '
        'you."',
    ),
    (
        'Introduce yourself: "Hello {greeting}, this is {me}, about the {role} role."',
        'Say why you are calling: "I wanted to check in one last time and say that I remain '
        'interested."',
        'Show your enthusiasm: "I am happy to share references or anything else that would help."',
        'Thank them: "Thank you for your time and consideration."',
    ),
)
#: What the status check refers back to: a conversation only with someone who took part in it.
SINCE: dict[str, str] = {
    "spoke": "we spoke {when}",
    "interview": "my interview {when}",
    "message": "your message {when}",
}
THANKS_FOR: dict[str, str] = {
    "spoke": "our conversation {when}",
    "interview": "the opportunity to interview {when}",
    "message": "your message {when}",
}
CALL_SINCE: dict[str, str] = {
    "spoke": "We spoke {when} about the {role} role.",
    "interview": "I interviewed {when} for the {role} role.",
    "message": "Thank you for your message {when} about the {role} role.",
}

# -- a check on an application that has had no interview (beyond the guides) ----------------------
APPLICATION_CHECK_SUBJECTS = (
    "My application for the {role} role{name_suffix}",
    "Checking in on my application for the {role} role{name_suffix}",
    "One more note on my application for the {role} role{name_suffix}",
)
APPLICATION_CHECK_EMAILS: tuple[tuple[str, ...], ...] = (
    (
        "I hope you are well. I applied for the {role} role at {company}{applied} and wanted "
        "to follow up on my application.",
        "{strength_line} {motivation_line}",
        "{value_line}",
        "I remain very interested in the position. Could you let me know the next steps in "
        "your process?",
        "Thank you for considering my application.",
        "Best regards,",
    ),
    (
        "I wanted to check in once more about my application for the {role} role at {company}. "
        "I am still very interested in the position. {value_line}",
        "If it would help, I am happy to send anything else you need.",
        "Thank you for your time and consideration.",
        "Kind regards,",
    ),
    (
        "One brief note about my application for the {role} role at {company}: I remain "
        "interested, and I am happy to share anything that would help. {value_line}",
        "Thank you for your time.",
        "Best wishes,",
    ),
)
APPLICATION_CHECK_CALL = (
    'Introduce yourself: "Hello {greeting}, this is {me}. I applied for the {role} role at '
    '{company}{applied}."',
    'Say why you are calling: "I am calling to follow up on my application."',
    'Show your enthusiasm: "I remain very interested in the position."',
    'Thank them: "Could you tell me about the next steps? Thank you for your time."',
)
APPLICATION_STRENGTH_LINE = "I believe I could bring {strength} to the team."

# -- after the decision (003) ---------------------------------------------------------------------
HIRED_SUBJECT = "Thank you – {role}"
HIRED_BODIES: dict[str, str] = {
    "supervisor": (
        "Thank you for choosing me for the {role} position. I am looking forward to working "
        "with you and to learning from the team at {company}."
    ),
    "default": (
        "Thank you for choosing me for the {role} position. I am grateful for your confidence "
        "in me, and I look forward to working with you at {company}."
    ),
}
REJECTED_SUBJECT = "Thank you for the opportunity – {role}"
REJECTED_BODIES = (
    "Thank you for letting me know your decision about the {role} role, and for the "
    "opportunity to interview with {company}. {met_line} I remain interested in {company}, and I "
    "would be grateful if you kept me in mind for future openings.",
    "Thank you for telling me about your decision on the {role} position, and for the chance to "
    "interview with {company}. {met_line} I would welcome being considered for future openings.",
)
#: For the offer: only to someone who took part in an interview.
OFFER_MET = ", and for the time you gave me during the interviews"
MET_LINES = (
    "I enjoyed our conversation about {topic} and learning more about your team.",
    "I enjoyed meeting you and learning more about your team.",
)
NOT_INTERVIEWED_SUBJECT = "Thank you for considering my application – {role}"
NOT_INTERVIEWED_BODY = (
    "Thank you for letting me know, and for considering my application for the {role} role. I "
    "remain interested in {company}, and I would be grateful if you kept me in mind for future "
    "openings."
)
DECISION_CALL_HIRED = (
    'Introduce yourself: "Hello {greeting}, this is {me}."',
    'Say why you are calling: "I am calling to thank you for choosing me for the {role} position."',
    'Show your enthusiasm: "I am looking forward to working with you at {company}."',
    'Thank them: "Thank you again."',
)
DECISION_CALL_REJECTED = (
    'Introduce yourself: "Hello {greeting}, this is {me}, about the {role} role."',
    'Say why you are calling: "I am calling to thank you for letting me know your decision, and '
    'for the opportunity."',
    'Show your interest: "I remain interested in {company}, and I would be grateful if you kept '
    'me in mind for future openings."',
    'Thank them: "Thank you for your time."',
)
DECISION_SIGN_OFF = "Best regards,"
DECISION_CARD_SIGN_OFF = "With best regards,"

# -- an offer (the guides do not cover offers) ----------------------------------------------------
OFFER_SUBJECT = "Your offer for the {role} position{name_suffix}"
OFFER_EMAIL = (
    "Thank you for offering me the {role} position at {company}{met_line}.",
    "{answer}",
    "Best regards,",
)
OFFER_CALL = (
    'Introduce yourself: "Hello {greeting}, this is {me}."',
    'Say why you are calling: "I am calling about your offer for the {role} position. Thank you '
    'for it."',
    "Give your answer: {answer}",
    'Thank them: "Thank you again for your time."',
)

# -- the late thank-you for an interview recorded after its window ------------------------------
# Worded so that it is true whether or not a note went out back then: no "again", no apology,
# and, as time has passed, a gentle word about the next steps. The topic and interest sentences
# are the usual ones.
LATE_THANK_YOU_OPENINGS = (
    "I wanted to thank you for meeting with me {when} about the {role} role at {company}.",
    "I wanted to say thank you for the interview {when} for the {role} position at {company}.",
    "I would like to thank you for the time you gave me {when} for the {role} interview at "
    "{company}.",
    "Thank you for interviewing me {when} for the {role} role at {company}.",
    "I am grateful for our conversation {when} about the {role} position at {company}.",
)
LATE_THANK_YOU_CLOSES = (
    "I would be glad to hear about the next steps whenever there is news.",
    "Whenever there is news on the next steps, I would be glad to hear it.",
    "I look forward to hearing about the next steps when you have them.",
    "If there is news on the next steps, I would be glad to hear it.",
    "I would welcome any word on the next steps when there is some.",
)
