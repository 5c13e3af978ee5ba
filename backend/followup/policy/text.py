"""Text from users made fit for a draft: clean English phrases, or nothing.

Users type topics, strengths and findings as they come: bullets, markup, emoji, clauses
("we whiteboarded a dbt model"), notes about the person ("she was worried I …"), another
language. A draft quotes only what survives these functions; anything else is left out, and
the draft shows a visible placeholder instead. Rejecting is always safe; quoting a worry back
to the person who had it is not (002 asks to note each interviewer's "questions and concerns";
they are for the user, not for the note).
"""

from __future__ import annotations

import html
import re
import unicodedata

#: A topic longer than this is a note, not something to quote.
MAX_TOPIC_WORDS = 10
MAX_TOPIC_CHARS = 70
#: The skill or quality and the motivation are one phrase each.
MAX_PHRASE_WORDS = 16
MAX_PHRASE_CHARS = 110
#: Something of value for a status check: a finding, an idea, a link.
MAX_VALUE_CHARS = 300
#: At most this many topics are named in one draft, so it stays short (000: "short and consise").
MAX_QUOTED_TOPICS = 2

_TAG = re.compile(r"<[^>]{0,200}>")
_MD_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|~~|`+)")
_MD_SINGLE = re.compile(r"(?<![\w*])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?![\w*])")
_BULLET = re.compile(r"^\s*(?:[-*+•·◦▪–—>#]+|\d{1,2}[.)]|[a-z][.)](?=\s)|\[[ xX]\])\s*")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " \t.,;:!?…-–—·•*\"'“”‘’`"
_SENTENCE_BREAK = re.compile(r"[.!?;](?:\s|$)|\s[-–—]\s")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)

# Symbols, private-use and unassigned characters, enclosing marks and format characters such
# as the zero-width joiner: emoji and decoration, never words.
_DROP_CATEGORIES = frozenset({"So", "Sk", "Cs", "Co", "Cn", "Me", "Cf"})
_VARIATION_SELECTORS = range(0xFE00, 0xFE10)

_SUBJECTS = frozenset(
    "i i'm i've i'd we we're we've you you're they they're he she it it's there".split()
)
#: Pronouns about a third person: in a note to that person they would be about them.
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|his|her|hers|him|himself|herself|he's|she's|he'd|she'd)\b", re.IGNORECASE
)
#: A worry or weakness typed as a topic is a concern: never quoted back.
_CONCERN = re.compile(
    r"\b(?:worr(?:y|ied|ies)|concern(?:s|ed)?|doubt(?:s|ful)?|lack(?:s|ing)?|weak(?:ness|nesses)?"
    r"|unsure|s[ck]eptical|hesita(?:nt|tion)|red flags?|(?:no|not enough|little|limited)\s+"
    r"(?:experience|exposure|background))\b",
    re.IGNORECASE,
)
#: What the message check refuses in any draft (000, 003): never let a user's phrase bring it in.
_CHASING = re.compile(
    r"\b(?:heard\s+back|not\s+heard|haven'?t\s+heard|still\s+in\s+(?:the\s+)?running"
    r"|still\s+(?:being\s+)?considered|under\s+consideration|other\s+(?:candidates?|applicants?))\b",
    re.IGNORECASE,
)
# Words that occur in German, French, Spanish, Dutch or Portuguese but not in English text; one
# is enough. The weak ones are also English words or names, so two of them are needed.
_FOREIGN_STRONG = frozenset(
    """und oder nicht ist ich wir dass für über eine einen keine kein habe haben wurde auch
    nous vous avec pour dans pas êtes sont très muy para pero también niet voor zijn ook
    não uma você""".split()
)
_FOREIGN_WEAK = frozenset(
    "der das den dem des die ein sie mit le les et est une que qui el y".split()
)
#: Leading words a topic can do without: how the user introduced it.
_TOPIC_LEAD_IN = re.compile(
    r"^(?:(?:we|i|they)\s+)?(?:(?:also|briefly|mostly|mainly|then)\s+)?"
    r"(?:discussed|talked(?:\s+(?:about|through|over))?|went\s+(?:over|through)|covered"
    r"|chatted\s+about|spoke\s+about|asked(?:\s+me)?(?:\s+(?:about|on))?|dug\s+into"
    r"|looked\s+at|walked\s+(?:me\s+)?through|whiteboarded|reviewed|explored|touched\s+on)\s+"
    r"|^(?:(?:our|the)\s+)?(?:discussion|conversation|chat|talk)\s+(?:of|about|on)\s+"
    r"|^(?:topics?|re|about)\s*[:\s]\s*",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(r"^[a-z]+ed$|^(?:went|spoke|built|ran|did|got|had|took|dug|made|drew)$")
_DETERMINERS = frozenset(
    """the a an our your their its this that these those my some any each every all how why
    what whether when where which who more most""".split()
)
_PARTICLES = frozenset("over about at into through on up me us".split())
_PHRASE_LEAD_IN = re.compile(
    r"^(?:i\s+(?:can\s+|could\s+|would\s+|'d\s+|will\s+)?(?:bring|offer|have|love|like|admire"
    r"|appreciate|enjoy)|i'?ve\s+got|i'?m\s+drawn\s+to|drawn\s+to|because\s+of|bringing)\s+",
    re.IGNORECASE,
)
_HONORIFICS = frozenset("dr dr. prof prof. mr mr. mrs mrs. ms ms. mx mx.".split())


def _keep(char: str) -> bool:
    if ord(char) in _VARIATION_SELECTORS:
        return False
    category = unicodedata.category(char)
    if category in _DROP_CATEGORIES:
        return False
    return not (category == "Sm" and ord(char) > 0x7F)  # arrows and the like, not + or =


def plain_lines(raw: str, *, keep_links: bool = True) -> list[str]:
    """The text's lines without markup, bullets, emoji or edge punctuation; empty ones dropped.

    A Markdown link keeps its address after its text, unless keep_links is false.
    """
    text = html.unescape(_TAG.sub(" ", raw))
    text = _MD_IMAGE_OR_LINK.sub(lambda m: f"{m[1]} {m[2]}" if m[2] and keep_links else m[1], text)
    text = _MD_SINGLE.sub(r"\1", _MD_EMPHASIS.sub("", text))
    text = "".join(char if _keep(char) else " " for char in text)
    lines = []
    for line in text.replace("\r", "\n").split("\n"):
        line = _strip_edges(_SPACES.sub(" ", _BULLET.sub("", line)))
        if line:
            lines.append(line)
    return lines


def _strip_edges(text: str) -> str:
    """Edge punctuation off; a pair of brackets around the whole text too, a closing one
    that ends a parenthesis ("the pipeline (v2)") stays."""
    text = text.strip(_EDGE_PUNCT)
    while len(text) > 1 and text[0] + text[-1] in ("()", "[]", "{}"):
        text = text[1:-1].strip(_EDGE_PUNCT)
    return text


def _one_line(raw: str | None, *, keep_links: bool = True) -> str | None:
    """The text as one clean line, or None when it is empty or spans several lines."""
    if raw is None:
        return None
    lines = plain_lines(raw, keep_links=keep_links)
    return lines[0] if len(lines) == 1 else None


def _is_english_enough(text: str) -> bool:
    for char in text:
        if char.isalpha() and "LATIN" not in unicodedata.name(char, ""):
            return False  # another script
    words = [w.strip("'’").lower() for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text)]
    if any(w in _FOREIGN_STRONG for w in words):
        return False
    return sum(w in _FOREIGN_WEAK for w in words) < 2


def _safe(text: str) -> bool:
    """Nothing about a third person, no worry, no chasing, in English."""
    return not (
        _THIRD_PERSON.search(text) or _CONCERN.search(text) or _CHASING.search(text)
    ) and _is_english_enough(text)


def _lower_first(text: str) -> str:
    """'The billing redesign' becomes 'the billing redesign'; 'Kafka lag' stays as typed."""
    first, _, rest = text.partition(" ")
    if first.lower() in _DETERMINERS and first[:1].isupper() and first[1:].islower():
        return f"{first.lower()} {rest}".strip()
    return text


def _without_clause_start(text: str) -> str | None:
    """'we whiteboarded a dbt model' -> 'a dbt model'; None when it still starts a clause."""
    text = _TOPIC_LEAD_IN.sub("", text, count=1).strip()
    words = text.split()
    if len(words) > 2 and words[0].lower() in _SUBJECTS and _PAST_VERB.match(words[1].lower()):
        rest = words[2:]
        while rest and rest[0].lower() in _PARTICLES:
            rest = rest[1:]
        text = " ".join(rest)
        words = rest
    if not words or words[0].lower() in _SUBJECTS:
        return None
    # A leading past-tense verb followed by its object is a clause too ("covered the roadmap").
    if len(words) > 1 and _PAST_VERB.match(words[0].lower()) and words[1].lower() in _DETERMINERS:
        text = " ".join(words[1:])
    return text or None


def _has_content(text: str) -> bool:
    return any(len(w) > 2 and w.lower() not in _DETERMINERS for w in re.findall(r"\w+", text))


def topic(raw: str) -> str | None:
    """A short noun phrase to quote ("our discussion of …"), or None when the text is not one."""
    text = _one_line(raw, keep_links=False)
    if text is None or "?" in raw or not _safe(text):
        return None  # a question is not a topic, and rarely becomes one by dropping its "?"
    text = _without_clause_start(text)
    if text is None or ":" in text or _SENTENCE_BREAK.search(text):
        return None
    text = _strip_edges(text)
    if len(text) > MAX_TOPIC_CHARS or len(text.split()) > MAX_TOPIC_WORDS:
        return None
    if not _has_content(text) or not _safe(text) or _URL.search(text):
        return None
    return _lower_first(text)


def topics(raw_topics: tuple[str, ...], companies: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The usable topics, in order and without repeats; an entry typed as a list is split."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in raw_topics:
        for line in plain_lines(raw, keep_links=False) if "\n" in raw else [raw]:
            phrase = topic(line)
            if phrase is None or phrase.casefold() in seen or names_company(phrase, companies):
                continue
            seen.add(phrase.casefold())
            out.append(phrase)
    return tuple(out)


def names_company(text: str, companies: tuple[str, ...]) -> bool:
    """True when the text names one of the companies (as the message check reads it)."""
    return any(
        company.strip() and re.search(rf"(?<!\w){re.escape(company.strip())}(?!\w)", text)
        for company in companies
    )


def phrase(raw: str) -> str | None:
    """The skill or quality the user brings, or what draws them, as a noun phrase."""
    text = _one_line(raw)
    if text is None or "?" in text or _SENTENCE_BREAK.search(text):
        return None
    text = _strip_edges(_PHRASE_LEAD_IN.sub("", text, count=1))
    words = text.split()
    if not words or words[0].lower() in _SUBJECTS or words[0].lower() == "because":
        return None
    if len(text) > MAX_PHRASE_CHARS or len(words) > MAX_PHRASE_WORDS:
        return None
    if not _has_content(text) or not _safe(raw):
        return None
    return _lower_first(text)


def value_add(raw: str) -> str | None:
    """A finding, idea or link to share, as one line that can follow a colon."""
    text = _one_line(raw)
    if text is None or len(text) > MAX_VALUE_CHARS or not _has_content(text):
        return None
    if not _safe(_URL.sub(" ", text)):
        return None
    return text


def ends_with_link(value: str) -> bool:
    """True when the text ends with a web address (a full stop after it would break the link)."""
    last = value.rsplit(None, 1)[-1] if value.strip() else ""
    return bool(_URL.fullmatch(last))


def salutation(raw: str | None) -> str | None:
    """How to greet someone ("Dr. Reyes"), as typed, without a greeting word or comma."""
    text = _one_line(raw)
    if text is None:
        return None
    text = re.sub(r"^(?:dear|hi|hello)\s+", "", text, flags=re.IGNORECASE).rstrip(",")
    if not text or len(text) > 60 or len(text.split()) > 5:
        return None
    return text


def first_name(name: str) -> str:
    """What to greet someone by: their first name, or title and surname if they gave a title."""
    base = name.split(",")[0].strip()
    words = base.split()
    if not words:
        return name.strip()
    if words[0].lower() in _HONORIFICS:
        return f"{words[0]} {words[-1]}" if len(words) > 1 else words[0]
    return words[0]


def join_phrases(items: tuple[str, ...]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
