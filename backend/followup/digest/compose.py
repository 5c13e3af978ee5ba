"""The morning email's words: every due or overdue action with its why, its draft and links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from zoneinfo import ZoneInfo

from followup.digest.links import SNOOZE_LINK_LIFETIME, SnoozeLink, snooze_token, unsubscribe_token
from followup.models import User
from followup.policy import Action, calendar_for

DEFAULT_HOUR = 8


@dataclass(frozen=True, slots=True)
class Links:
    base_url: str
    secret_key: str


def snooze_until(user: User, local_date: date) -> datetime:
    """The next business day after the email's, at the user's digest hour (else 08:00)."""
    calendar = calendar_for(user.timezone, user.country)
    day = calendar.add_business_days(local_date, 1)
    hour = user.digest_hour if user.digest_hour is not None else DEFAULT_HOUR
    return datetime.combine(day, time(hour), ZoneInfo(user.timezone))


def message(
    user: User, actions: list[Action], *, local_date: date, now: datetime, links: Links, sender: str
) -> EmailMessage:
    """One email, plain text and HTML, with RFC 8058 one-click unsubscribe headers."""
    until = snooze_until(user, local_date)
    snooze_urls = [
        links.base_url
        + "/digest/snooze?t="
        + snooze_token(
            SnoozeLink(
                user_id=user.id, key=a.key, until=until, expires_at=now + SNOOZE_LINK_LIFETIME
            ),
            links.secret_key,
        )
        for a in actions
    ]
    unsubscribe = (
        f"{links.base_url}/digest/unsubscribe?t={unsubscribe_token(user.id, links.secret_key)}"
    )
    count = len(actions)
    email = EmailMessage()
    email["Subject"] = (
        f"{count} follow-up{'s' if count != 1 else ''} today"
        if count
        else "Nothing to follow up on today"
    )
    email["From"] = sender
    email["To"] = user.email
    email["Date"] = format_datetime(now)
    email["List-Unsubscribe"] = f"<{unsubscribe}>"
    email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    day = until.strftime("%A %d %B, %H:%M")
    email.set_content(_plain(actions, snooze_urls, links.base_url, unsubscribe, day))
    email.add_alternative(_html(actions, snooze_urls, links.base_url, unsubscribe, day), "html")
    return email


def day_message_id(user_id: int, local_date: date, sender: str) -> str:
    """The same for every attempt at one day's digest, so a mail client keeps one copy."""
    domain = sender.rsplit("@", 1)[-1].strip("> ") or "localhost"
    return f"<digest.{user_id}.{local_date.isoformat()}@{domain}>"


def _open_url(action: Action, base_url: str) -> str:
    return f"{base_url}/applications/{action.application_id}"


def _plain(
    actions: list[Action], snoozes: list[str], base_url: str, unsubscribe: str, day: str
) -> str:
    parts = ["What to follow up on today:", ""]
    for action, snooze in zip(actions, snoozes, strict=True):
        late = " (overdue)" if action.status == "overdue" else ""
        parts += [f"* {action.title}{late}", f"  Why: {action.why}"]
        if action.draft is not None:
            if action.draft.subject:
                parts.append(f"  Subject: {action.draft.subject}")
            parts += ["", *(f"  > {line}" for line in action.draft.body.splitlines()), ""]
        parts += [f"  Open: {_open_url(action, base_url)}", f"  Snooze to {day}: {snooze}", ""]
    parts += [f"All of today: {base_url}/today", "", f"Stop these emails: {unsubscribe}"]
    return "\n".join(parts) + "\n"


def _html(
    actions: list[Action], snoozes: list[str], base_url: str, unsubscribe: str, day: str
) -> str:
    items = []
    for action, snooze in zip(actions, snoozes, strict=True):
        late = " <em>(overdue)</em>" if action.status == "overdue" else ""
        draft = ""
        if action.draft is not None:
            subject = escape(action.draft.subject or "")
            body = escape(action.draft.body).replace("\n", "<br>")
            draft = f"<blockquote><p><strong>{subject}</strong></p><p>{body}</p></blockquote>"
        items.append(
            f"<li><p><strong>{escape(action.title)}</strong>{late}</p>"
            f"<p>{escape(action.why)}</p>{draft}"
            f'<p><a href="{escape(_open_url(action, base_url))}">Open</a> · '
            f'<a href="{escape(snooze)}">Snooze to {escape(day)}</a></p></li>'
        )
    return (
        "<!doctype html><html><body><h1>What to follow up on today</h1>"
        f"<ul>{''.join(items)}</ul>"
        f'<p><a href="{escape(base_url)}/today">All of today</a></p>'
        f'<p><small><a href="{escape(unsubscribe)}">Stop these emails</a></small></p>'
        "</body></html>\n"
    )
