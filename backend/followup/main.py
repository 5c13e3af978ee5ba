"""The application factory: wires settings, database, middleware, routers and the web app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from apscheduler.schedulers.base import BaseScheduler
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import text

from followup import __version__
from followup.accounts.router import router as accounts_router
from followup.api_docs import router as api_docs_router
from followup.applications.router import router as applications_router
from followup.calendar_feed.router import public_router as calendar_public_router
from followup.calendar_feed.router import router as calendar_feed_router
from followup.config import Settings, get_settings
from followup.contacts.router import router as contacts_router
from followup.db import make_engine, make_sessionmaker
from followup.digest.router import FORM_TYPES
from followup.digest.router import public_router as digest_public_router
from followup.digest.router import router as notifications_router
from followup.errors import install_error_handlers, problem_response
from followup.insights.router import router as insights_router
from followup.interviews.router import router as interviews_router
from followup.mail.router import MAIL_FILE_TYPES
from followup.mail.router import router as mail_router
from followup.mail.sync import MailAccess
from followup.message_check.router import router as message_check_router
from followup.middleware import BodyLimits, HeadAsGet, JsonLogFormatter, RequestContext
from followup.migrations.runner import current_revision, head_revision
from followup.next_actions.cache import FactsCache
from followup.next_actions.router import router as next_actions_router
from followup.openapi import problem_only_openapi, problems
from followup.password_reset.router import router as password_reset_router
from followup.touchpoints.router import router as touchpoints_router
from followup.transfer.router import router as transfer_router
from followup.web import mount_frontend
from followup.webhooks.router import router as webhooks_router

API_PREFIX = "/api/v1"
MAX_BODY_BYTES = 1_000_000
MAX_IMPORT_BYTES = 5_000_000
MAX_MAIL_IMPORT_BYTES = 25_000_000


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    # Each worker thread holds at most one connection at a time; logging in reads the password
    # in a short transaction of its own first, hence two per thread.
    engine = make_engine(settings.database_url, pool_size=2 * settings.db_threads)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The thread pool that runs every endpoint's database work (work.py), sized to match.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.db_threads
        scheduler = _in_process_scheduler(_app) if settings.schedule_in_process else None
        yield
        if scheduler is not None:
            scheduler.shutdown(wait=True)
        engine.dispose()

    app = FastAPI(
        title="Followup",
        version=__version__,
        summary="Whom to follow up with after an interview, when, how and with what words.",
        lifespan=lifespan,
        docs_url=None,  # api_docs.py serves /docs with pinned assets
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.facts_cache = FactsCache()
    app.state.secret_key = settings.resolved_secret_key()
    app.state.mail_access = MailAccess.from_settings(settings)

    install_error_handlers(app)
    _add_middleware(app, settings)
    _include_routers(app)
    problem_only_openapi(app)
    mount_frontend(app)
    return app


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(
        BodyLimits,
        max_bytes=MAX_BODY_BYTES,
        special={
            f"{API_PREFIX}/import": (
                MAX_IMPORT_BYTES,
                frozenset({"application/json", "text/csv"}),
            ),
            # The morning email's links post forms (RFC 8058 one-click unsubscribe).
            "/digest/snooze": (MAX_BODY_BYTES, FORM_TYPES),
            "/digest/unsubscribe": (MAX_BODY_BYTES, FORM_TYPES),
            f"{API_PREFIX}/mail/import": (MAX_MAIL_IMPORT_BYTES, MAIL_FILE_TYPES),
        },
        idle_seconds=settings.body_idle_seconds,
    )
    app.add_middleware(HeadAsGet)
    app.add_middleware(RequestContext)


def _include_routers(app: FastAPI) -> None:
    app.include_router(_operations_router())
    # Routes are matched in order: the most polled come first. Each router is included in the
    # app itself, not through an /api/v1 router: every level of nesting matches a request again.
    for router in (
        next_actions_router,
        applications_router,
        accounts_router,
        contacts_router,
        interviews_router,
        touchpoints_router,
        insights_router,
        message_check_router,
        calendar_feed_router,
        transfer_router,
        notifications_router,
        password_reset_router,
        mail_router,
        webhooks_router,
    ):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(calendar_public_router)
    app.include_router(digest_public_router)
    app.include_router(api_docs_router)


def _in_process_scheduler(app: FastAPI) -> BaseScheduler:
    """The schedule run by this server itself: `followup serve` alone, with no worker."""
    from followup.worker.runner import build_scheduler, context_for

    context = context_for(app.state.settings, app.state.sessionmaker)
    context.cache = app.state.facts_cache
    scheduler = build_scheduler(context, background=True)
    scheduler.start()
    return scheduler


def _operations_router() -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="The process is alive (does not touch the database)")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get(
        "/readyz",
        summary="The database is reachable and migrated to the latest revision",
        responses=problems(503),
    )
    def readyz(request: Request) -> Response:
        try:
            with request.app.state.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
                revision = current_revision(connection)
        except Exception:  # any failure to reach the database means "not ready"
            logging.getLogger("followup").warning("readiness check failed", exc_info=True)
            return problem_response(request, 503, "The database cannot be reached.")
        if revision != head_revision():
            return problem_response(
                request, 503, "The database is not migrated; run 'followup migrate'."
            )
        return Response(b'{"status":"ready"}', media_type="application/json")

    return router


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLogFormatter())
    root = logging.getLogger("followup")
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    root.propagate = False
