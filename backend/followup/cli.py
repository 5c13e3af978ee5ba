"""The `followup` command: serve the app, migrate the database, export the OpenAPI document
and the example drafts."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from followup.config import get_settings

app = typer.Typer(help="Followup: whom to follow up with after an interview, when and how.")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default: FOLLOWUP_HOST or 127.0.0.1.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: FOLLOWUP_PORT or 8000.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Apply pending migrations, then serve the API and the web app."""
    import uvicorn

    from followup.main import configure_logging
    from followup.migrations.runner import upgrade

    settings = get_settings()
    configure_logging(settings.log_level)
    upgrade(settings.database_url)
    # Resolved once, before the workers start, so that every one of them signs with it.
    os.environ["FOLLOWUP_SECRET_KEY"] = settings.resolved_secret_key()
    host = host or settings.host
    port = port or settings.port
    typer.echo(f"Followup is running at http://{host}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(
        "followup.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_level=settings.log_level,
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or None,
    )


@app.command()
def migrate(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Bring the database schema to the given revision (default: the latest)."""
    from followup.migrations.runner import upgrade

    upgrade(get_settings().database_url, revision)
    typer.echo(f"Database migrated to {revision}.")


@app.command()
def openapi(
    output: Annotated[Path, typer.Option(help="Where to write the document.")] = Path(
        "openapi/openapi.json"
    ),
) -> None:
    """Write the OpenAPI document generated from the app."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_openapi())
    typer.echo(f"Wrote {output}.")


@app.command()
def examples(
    output: Annotated[Path, typer.Option(help="Where to write the document.")] = Path(
        "docs/drafts.md"
    ),
) -> None:
    """Write every draft the engine writes for one realistic application (docs/drafts.md)."""
    from followup.examples import document

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(document(), encoding="utf-8")
    typer.echo(f"Wrote {output}.")


@app.command("mail-sync")
def mail_sync(
    every: Annotated[
        int | None,
        typer.Option(min=10, help="Keep running, checking every this many seconds."),
    ] = None,
) -> None:
    """Sync every mailbox not synced within FOLLOWUP_MAIL_SYNC_MINUTES (once, or --every N s)."""
    import time
    from datetime import UTC, datetime, timedelta

    from followup.db import make_engine, make_sessionmaker
    from followup.mail.sync import MailAccess, sync_due_mailboxes

    settings = get_settings()
    factory = make_sessionmaker(make_engine(settings.database_url, pool_size=2))
    access = MailAccess.from_settings(settings)
    while True:
        results = sync_due_mailboxes(
            factory,
            datetime.now(UTC),
            access=access,
            every=timedelta(minutes=settings.mail_sync_minutes),
        )
        for mailbox_id, result in results.items():
            tally = result.tally
            outcome = result.problem.message if result.problem else "ok"
            typer.echo(
                f"mailbox {mailbox_id}: {tally.fetched} fetched, {tally.logged} logged, "
                f"{tally.review} for review, {tally.skipped} skipped; {outcome}"
            )
        if every is None:
            return
        time.sleep(every)


def render_openapi() -> str:
    from followup.config import Settings
    from followup.main import create_app

    document = create_app(Settings(database_url="sqlite://", secret_key="x" * 32)).openapi()
    return json.dumps(document, indent=2, sort_keys=False) + "\n"
