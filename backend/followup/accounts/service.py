"""Accounts: registering, logging in and out, the profile, and personal access tokens."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from followup.accounts.schemas import (
    NewTokenOut,
    PolicyProfileOut,
    RegisterIn,
    TokenIn,
    TokenOut,
    UserPatch,
)
from followup.db import transaction
from followup.errors import Conflict, Invalid, Unauthorized
from followup.models import ApiToken, LoginSession, User
from followup.pagination import fetch_page
from followup.policy import DEFAULT_PROFILE, PROFILES
from followup.repository import Repo
from followup.security import digest, new_secret, verify_password


def register(session: Session, *, data: RegisterIn, password_hash: str) -> User:
    """Create an account; the email must not be taken."""
    if session.scalar(select(User.id).where(User.email == data.email)) is not None:
        raise Conflict("An account with this email already exists; log in instead.")
    user = User(
        email=data.email,
        password_hash=password_hash,
        name=data.name,
        timezone=data.timezone,
        policy_profile="balanced",
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent registration won the race
        raise Conflict("An account with this email already exists; log in instead.") from exc
    return user


def authenticate(factory: sessionmaker[Session], *, email: str, password: str) -> int:
    """The id of the account these credentials open, or Unauthorized (one answer for both
    mistakes). It reads in a short transaction of its own: the password check is slow on
    purpose and must not hold the login's write lock."""
    with transaction(factory) as session:
        found = session.execute(
            select(User.id, User.password_hash).where(User.email == email)
        ).one_or_none()
    if not verify_password(password, found.password_hash if found else None) or found is None:
        raise Unauthorized("The email or the password is not right.")
    return int(found.id)


def start_session(session: Session, *, user_id: int, now: datetime, days: int) -> tuple[User, str]:
    """The user and a new login session's cookie value (only its digest is stored)."""
    secret = new_secret("fus")
    session.add(
        LoginSession(
            user_id=user_id, token_hash=digest(secret), expires_at=now + timedelta(days=days)
        )
    )
    session.flush()
    return session.get_one(User, user_id), secret


def end_session(session: Session, *, cookie: str | None) -> None:
    if cookie:
        session.execute(delete(LoginSession).where(LoginSession.token_hash == digest(cookie)))


def update_profile(session: Session, *, user: User, data: UserPatch) -> User:
    for name, value in data.changes().items():
        setattr(user, name, value)
    session.flush()
    return user


def _token_out(token: ApiToken) -> TokenOut:
    return TokenOut(
        id=token.id,
        name=token.name,
        scopes=["read", "write"] if token.can_write else ["read"],
        prefix=token.prefix,
        created_at=token.created_at,
        updated_at=token.updated_at,
    )


def create_token(repo: Repo, *, data: TokenIn) -> NewTokenOut:
    if "read" not in data.scopes:
        raise Invalid(
            "Every token can read; ask for ['read'] or ['read', 'write'].",
            errors=[{"loc": ["body", "scopes"], "msg": "must include 'read'"}],
        )
    secret = new_secret("fut")
    token = ApiToken(
        name=data.name,
        token_hash=digest(secret),
        prefix=secret[:8],
        can_write="write" in data.scopes,
    )
    repo.add(token)
    return NewTokenOut(**_token_out(token).model_dump(), token=secret)


_TOKEN_COLUMNS = ("id", "name", "can_write", "prefix", "created_at", "updated_at")


def page_of_tokens(
    repo: Repo, *, limit: int, cursor: str | None, key: str
) -> tuple[list[dict[str, Any]], str | None]:
    rows, next_cursor = fetch_page(
        repo, ApiToken, _TOKEN_COLUMNS, limit=limit, cursor=cursor, key=key
    )
    for row in rows:
        row["scopes"] = ["read", "write"] if row.pop("can_write") else ["read"]
    return rows, next_cursor


def revoke_token(repo: Repo, *, token_id: int) -> None:
    repo.session.delete(repo.get(ApiToken, token_id))
    repo.session.flush()


def policy_profiles() -> list[PolicyProfileOut]:
    """The engine's profiles as the settings screen explains them, default first."""
    ordered = [DEFAULT_PROFILE] + [p for p in PROFILES.values() if p is not DEFAULT_PROFILE]
    return [
        PolicyProfileOut(
            name=profile.name,
            description=profile.description,
            thank_you_due_hours=int(profile.thank_you_due_after.total_seconds() // 3600),
            first_check_days=(profile.first_check_opens_days, profile.first_check_due_days),
            after_decision_business_days=profile.after_decision_business_days,
            spacing_days=profile.spacing_days,
            unanswered_before_move_on=profile.unanswered_before_move_on,
        )
        for profile in ordered
    ]
