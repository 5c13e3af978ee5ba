"""Every action key, built in one place and parsed in one place.

A key is dot-separated: the rule's name, then the rows the action is about, each a one-letter
prefix and an id (`a` application, `c` contact, `i` interview, `r` a reply touchpoint), and
fixed words that are not ids (`n2`, a channel, an outcome, `applied`). Keys are stable and
URL-safe, and name their anchor, so a new situation (a check after a reply) gets a new key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: What each id prefix names.
ID_PREFIXES: dict[str, str] = {
    "a": "application",
    "c": "contact",
    "i": "interview",
    "r": "touchpoint",
}
#: The anchor of an application's checks while no interview exists.
APPLIED_ANCHOR = "applied"

_ID_PART = re.compile(r"^([acir])(\d+)$")


def interview_anchor(interview_id: int) -> str:
    return f"i{interview_id}"


def reply_anchor(touchpoint_id: int) -> str:
    return f"r{touchpoint_id}"


def prepare(interview_id: int) -> str:
    return f"prepare.i{interview_id}"


def notes(interview_id: int) -> str:
    return f"notes.i{interview_id}"


def thank_you(interview_id: int, contact_id: int) -> str:
    return f"thank_you.i{interview_id}.c{contact_id}"


def status_check(application_id: int, number: int, anchor: str) -> str:
    return f"status_check.a{application_id}.n{number}.{anchor}"


def move_on(application_id: int, anchor: str) -> str:
    return f"move_on.a{application_id}.{anchor}"


def post_decision(application_id: int, contact_id: int, outcome: str) -> str:
    """One key per outcome: thanks for a rejection do not stand in for thanks for a hire."""
    return f"post_decision.a{application_id}.c{contact_id}.{outcome}"


def collect_contact(contact_id: int, channel: str) -> str:
    return f"contact.c{contact_id}.{channel}"


def answer_offer(application_id: int) -> str:
    return f"offer.a{application_id}"


def remap(key: str, ids: Mapping[str, Mapping[int, int]]) -> str | None:
    """The key with every id replaced through `ids` (by prefix); None when one is unknown."""
    head, *parts = key.split(".")
    out = [head]
    for part in parts:
        match = _ID_PART.match(part)
        if match is None:
            out.append(part)  # n2, a channel, an outcome …: not an id
            continue
        new = ids.get(match[1], {}).get(int(match[2]))
        if new is None:
            return None
        out.append(f"{match[1]}{new}")
    return ".".join(out)
