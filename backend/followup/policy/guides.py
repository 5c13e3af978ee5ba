"""The guides' titles, and the whole sentence around each quote that cites only part of one.

The policy cites the words a rule rests on; a reader wants the sentence they come from. A test
checks every sentence here against the guide texts, so copy a sentence again from the guide
rather than edit it.
"""

from __future__ import annotations

TITLES: dict[str, str] = {
    "000_d21c3dc7081f5c4a.txt": "Job Interview Follow Up Tips",
    "001_e3f61a7b0845897b.txt": (
        "How to Follow Up After an Interview: The Ultimate Guide for Success"
    ),
    "002_5e4fded903e1e3ef.txt": "How to Follow Up After a Job Interview",
    "003_46cf52b05a51c7e6.txt": "How and When to Follow Up After an Interview",
    "004_8709e850da0ff4bd.txt": (
        "Effective Follow-Up Etiquette After a Job Interview: Tips and Etiquette"
    ),
}

#: Keyed by the quote as the citations give it; a quote that is a whole sentence is not here.
SENTENCES: dict[str, str] = {
    "Don’t be a pest and start your email by saying, “I have not heard from you": (
        "Don’t be a pest and start your email by saying, “I have not heard from you …..”."
    ),
    "If the interviewer specified how they prefer to be contacted, follow those instructions.": (
        "Ignoring Instructions: If the interviewer specified how they prefer to be contacted, "
        "follow those instructions."
    ),
    (
        "If you have followed up twice and still haven’t heard back from the company, put it out "
        "of your mind and move on"
    ): (
        "If you have followed up twice and still haven’t heard back from the company, put it out "
        "of your mind and move on, as it is likely that you have not been successful at this "
        "point."
    ),
    (
        "If you haven’t heard back within a few days past that timeline, send a short email or "
        "make a call"
    ): (
        "If you haven’t heard back within a few days past that timeline, send a short email or "
        "make a call letting the manager or recruiter know that you’re still interested in the "
        "job."
    ),
    (
        "If your interview was conducted online, send an email to the recruiter or HR team "
        "handling the meeting arrangements"
    ): (
        "If your interview was conducted online, send an email to the recruiter or HR team "
        "handling the meeting arrangements with the hiring manager and other teams."
    ),
    (
        "Mention something specific you discussed during the interview to show that you were "
        "engaged and attentive."
    ): (
        "Highlight Key Points: Mention something specific you discussed during the interview to "
        "show that you were engaged and attentive."
    ),
    (
        "You can start by telling them you have done more research on something discussed during "
        "the interview"
    ): (
        "You can start by telling them you have done more research on something discussed during "
        "the interview or you can send a link to a related article or something that might be of "
        "interest to them."
    ),
    (
        "You should also write down the name of the interviewers, as well as what questions and "
        "concerns each of them had"
    ): (
        "You should also write down the name of the interviewers, as well as what questions and "
        "concerns each of them had and any important issues that were discussed."
    ),
    "after three attempts, stop following up": (
        "You may also leave a voice mail, but after three attempts, stop following up."
    ),
    "ask them when they plan on making their final decision": (
        "Toward the end of the interview, express your interest, tell them again why you are the "
        "perfect candidate for the job, and ask them when they plan on making their final "
        "decision."
    ),
    "avoid sending it immediately after the interview as you might come off as too eager": (
        "However, avoid sending it immediately after the interview as you might come off as too "
        "eager."
    ),
    (
        "do a second follow up if you haven’t heard back from the company after the date that "
        "they were supposed to contact you"
    ): (
        "In this case, do a second follow up if you haven’t heard back from the company after the"
        " date that they were supposed to contact you."
    ),
    "don’t ask how the interviews with other candidates are going": (
        "That’s it — don’t ask if you’re still in the running, and don’t ask how the interviews "
        "with other candidates are going."
    ),
    "don’t ask if you’re still in the running": (
        "That’s it — don’t ask if you’re still in the running, and don’t ask how the interviews "
        "with other candidates are going."
    ),
    (
        "don’t ask if you’re still in the running, and don’t ask how the interviews with other "
        "candidates are going"
    ): (
        "That’s it — don’t ask if you’re still in the running, and don’t ask how the interviews "
        "with other candidates are going."
    ),
    (
        "handwritten, and yes, it must go snail mail, not email — two or three days after the "
        "interview"
    ): (
        "Send a card or short letter — handwritten, and yes, it must go snail mail, not email — "
        "two or three days after the interview."
    ),
    (
        "it’s still good business to send a thank you card or letter expressing your gratitude "
        "for being given the opportunity to interview"
    ): (
        "However, if you get the dreaded letter or email letting you know someone else has been "
        "chosen, it’s still good business to send a thank you card or letter expressing your "
        "gratitude for being given the opportunity to interview."
    ),
    "or two weeks if no timeframe was given": (
        "If you haven’t heard back within the timeframe the interviewer mentioned (or two weeks "
        "if no timeframe was given), it’s appropriate to send a polite follow-up email."
    ),
    (
        "send a card thanking the hiring manager and your direct supervisor for choosing you for "
        "the position"
    ): (
        "If you’ve been lucky enough to get the job, send a card thanking the hiring manager and "
        "your direct supervisor for choosing you for the position."
    ),
    "send a strong well-written email within 12-24 hours of your interview": (
        "For starters you need to send a strong well-written email within 12-24 hours of your "
        "interview."
    ),
    "send a thank you note to each person you met during the interview": (
        "Either way, send a thank you note to each person you met during the interview."
    ),
    "sending a thank you card instead of an email shows extra effort": (
        "Additionally, sending a thank you card instead of an email shows extra effort."
    ),
}


def title_of(guide: str) -> str:
    return TITLES.get(guide, guide)


def sentence_of(quote: str) -> str:
    return SENTENCES.get(quote, quote)
