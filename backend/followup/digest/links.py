"""Signed links in the morning email: they act without a login, so the signature is the login."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime, timedelta

import orjson

from followup.security import sign, signature_matches

#: A snooze link works for a week; an unsubscribe link as long as the key signs.
SNOOZE_LINK_LIFETIME = timedelta(days=7)


class BadLink(ValueError):
    """The link was not signed by this server, is for something else, or has expired."""


@dataclass(frozen=True, slots=True)
class SnoozeLink:
    user_id: int
    key: str
    until: datetime
    expires_at: datetime


def _encode(payload: dict[str, object], secret_key: str) -> str:
    data = orjson.dumps(payload)
    return base64.urlsafe_b64encode(data).decode().rstrip("=") + "." + sign(data, secret_key)


def _decode(token: str, secret_key: str, purpose: str) -> dict[str, object]:
    try:
        encoded, signature = token.split(".", 1)
        data = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except ValueError as exc:
        raise BadLink("This link is not one Followup sent.") from exc
    if not signature_matches(data, secret_key, signature):
        raise BadLink("This link is not one Followup sent.")
    payload = orjson.loads(data)
    if not isinstance(payload, dict) or payload.get("for") != purpose:
        raise BadLink("This link is not one Followup sent.")
    return payload


def snooze_token(link: SnoozeLink, secret_key: str) -> str:
    return _encode(
        {
            "for": "snooze",
            "user": link.user_id,
            "key": link.key,
            "until": link.until.isoformat(),
            "expires": link.expires_at.isoformat(),
        },
        secret_key,
    )


def read_snooze_token(token: str, secret_key: str, *, now: datetime) -> SnoozeLink:
    payload = _decode(token, secret_key, "snooze")
    try:
        link = SnoozeLink(
            user_id=int(str(payload["user"])),
            key=str(payload["key"]),
            until=datetime.fromisoformat(str(payload["until"])),
            expires_at=datetime.fromisoformat(str(payload["expires"])),
        )
    except (KeyError, ValueError) as exc:
        raise BadLink("This link is not one Followup sent.") from exc
    if link.expires_at <= now:
        raise BadLink("This snooze link has expired; open the app to snooze.")
    return link


def unsubscribe_token(user_id: int, secret_key: str) -> str:
    return _encode({"for": "unsubscribe", "user": user_id}, secret_key)


def read_unsubscribe_token(token: str, secret_key: str) -> int:
    payload = _decode(token, secret_key, "unsubscribe")
    user = payload.get("user")
    if not isinstance(user, int):
        raise BadLink("This link is not one Followup sent.")
    return user
