"""What a scheduled job is, and what it may use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from followup.config import Settings
from followup.next_actions.cache import FactsCache


@dataclass(slots=True)
class WorkerContext:
    """The settings, the database, the key that signs links, and this process's facts cache."""

    settings: Settings
    factory: sessionmaker[Session]
    secret_key: str
    cache: FactsCache = field(default_factory=FactsCache)


@dataclass(frozen=True, slots=True)
class Job:
    """A function of (context, now) that the scheduler runs every `every`."""

    name: str
    every: timedelta
    run: Callable[[WorkerContext, datetime], None]
