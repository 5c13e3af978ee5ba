"""The scheduler: APScheduler runs each registered job on its interval, one run at a time.

One scheduler per process is enough and more are harmless: whatever a job does is claimed in
the database first, so a second scheduler (another worker, or `followup serve` running the
schedule in-process) finds the work taken and does nothing twice.
"""

from __future__ import annotations

import logging
from datetime import UTC

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.orm import Session, sessionmaker

from followup.config import Settings
from followup.db import make_engine, make_sessionmaker, utcnow
from followup.worker.context import Job, WorkerContext
from followup.worker.schedule import JOBS

log = logging.getLogger("followup.worker")


def context_for(settings: Settings, factory: sessionmaker[Session] | None = None) -> WorkerContext:
    """A job context on the app's sessions, or on an engine of its own (`followup worker`)."""
    if factory is None:
        factory = make_sessionmaker(make_engine(settings.database_url, pool_size=2))
    return WorkerContext(
        settings=settings, factory=factory, secret_key=settings.resolved_secret_key()
    )


def run_job(job: Job, context: WorkerContext) -> None:
    """One run of a job at the present; a failure is logged and the next run tries again."""
    try:
        job.run(context, utcnow())
    except Exception:  # the scheduler must outlive any one job's failure
        log.exception("job failed", extra={"fields": {"job": job.name}})


def build_scheduler(context: WorkerContext, *, background: bool) -> BaseScheduler:
    scheduler: BaseScheduler = (
        BackgroundScheduler(timezone=UTC) if background else BlockingScheduler(timezone=UTC)
    )
    for job in JOBS:
        scheduler.add_job(
            run_job,
            IntervalTrigger(seconds=job.every.total_seconds(), timezone=UTC),
            args=(job, context),
            id=job.name,
            name=job.name,
            next_run_time=utcnow(),  # run at start, then on the interval
            max_instances=1,  # a slow run is not overlapped by the next one
            coalesce=True,  # runs missed while busy or asleep become one
            misfire_grace_time=None,
        )
    return scheduler
