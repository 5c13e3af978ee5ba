"""Resetting a password: a link valid one hour, used once, that ends every session."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from followup.errors import Invalid
from followup.models import LoginSession, PasswordReset, User
from followup.security import digest, new_secret

LIFETIME = timedelta(hours=1)
#: At most this many links an hour per account, so the form cannot flood someone's inbox.
LINKS_PER_HOUR = 3


def start(
    session: Session, *, email: str, now: datetime, base_url: str, sender: str
) -> EmailMessage | None:
    """The email to send with a new reset link, or None when no account has this address."""
    user = session.scalars(select(User).where(User.email == email)).one_or_none()
    if user is None:
        return None
    recent = session.scalar(
        select(func.count()).where(
            PasswordReset.user_id == user.id, PasswordReset.created_at > now - LIFETIME
        )
    )
    if (recent or 0) >= LINKS_PER_HOUR:
        return None
    secret = new_secret("fur")
    session.add(
        PasswordReset(
            user_id=user.id, token_hash=digest(secret), created_at=now, expires_at=now + LIFETIME
        )
    )
    message = EmailMessage()
    message["Subject"] = "Reset your Followup password"
    message["From"] = sender
    message["To"] = user.email
    message["Date"] = format_datetime(now)
    message.set_content(
        "Someone (you, we hope) asked to reset the password of your Followup account.\n\n"
        f"Choose a new one here within the hour: {base_url}/reset-password?token={secret}\n\n"
        "The link works once. If you did not ask, ignore this email: nothing changes.\n"
    )
    return message


def confirm(session: Session, *, token: str, password_hash: str, now: datetime) -> User:
    """Use the link once: set the password and end every login session of the account."""
    used: CursorResult[Any] = session.execute(  # type: ignore[assignment]
        update(PasswordReset)
        .where(
            PasswordReset.token_hash == digest(token),
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > now,
        )
        .values(used_at=now)
        .returning(PasswordReset.user_id)
    )
    user_id = used.scalar_one_or_none()
    if user_id is None:
        raise Invalid(
            "This reset link is not valid: it was used already, has expired, or was mistyped.",
            errors=[{"loc": ["body", "token"], "msg": "not a valid reset link"}],
        )
    return set_password(session, user_id=user_id, password_hash=password_hash)


def set_password(session: Session, *, user_id: int, password_hash: str) -> User:
    user = session.get_one(User, user_id)
    user.password_hash = password_hash
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
    # Other links sent before this one stop working too.
    session.execute(
        delete(PasswordReset).where(
            PasswordReset.user_id == user_id, PasswordReset.used_at.is_(None)
        )
    )
    session.flush()
    return user
