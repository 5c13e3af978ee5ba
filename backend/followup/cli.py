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
    # With one process and no `followup worker` said to exist, the server runs the schedule.
    in_process = workers == 1 and settings.worker == "auto"
    os.environ["FOLLOWUP_SCHEDULE_IN_PROCESS"] = "true" if in_process else "false"
    get_settings.cache_clear()  # a single worker runs in this process: let it read the above
    host = host or settings.host
    port = port or settings.port
    typer.echo(f"Followup is running at http://{host}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(
        "followup.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        http="followup.http_protocol:HeaderDeadlineProtocol",
        access_log=False,
        log_level=settings.log_level,
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=settings.trusted_proxies or None,
    )


@app.command()
def worker() -> None:
    """Apply pending migrations, then run the scheduled work (digests, clean-up) until stopped.

    Start `followup serve` with FOLLOWUP_WORKER=external beside it so the server leaves the
    schedule to this process; any number of workers may run, on any machines.
    """
    from followup.main import configure_logging
    from followup.migrations.runner import upgrade
    from followup.worker.runner import build_scheduler, context_for

    settings = get_settings()
    configure_logging(settings.log_level)
    upgrade(settings.database_url)
    typer.echo("Followup worker is running (Ctrl+C to stop)")
    scheduler = build_scheduler(context_for(settings), background=False)
    try:
        scheduler.start()
    except KeyboardInterrupt:
        pass


@app.command()
def digest(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="ISO 8601 instant with offset; default: now.")
    ] = None,
) -> None:
    """Send the morning emails due at that moment, once (for cron, instead of a worker)."""
    from datetime import datetime

    from followup.db import utcnow
    from followup.digest.service import send_due_digests
    from followup.worker.runner import context_for

    moment = datetime.fromisoformat(as_of) if as_of else utcnow()
    if moment.tzinfo is None:
        raise typer.BadParameter("give the instant with its offset, e.g. 2026-11-03T08:00:00+01:00")
    settings = get_settings()
    if not settings.smtp_url:
        typer.echo("FOLLOWUP_SMTP_URL is not set: no email can be sent.", err=True)
        raise typer.Exit(1)
    send_due_digests(context_for(settings), moment)
    typer.echo("Sent the digests due at " + moment.isoformat())


@app.command("reset-password")
def reset_password(
    email: Annotated[str, typer.Argument(help="The account's email address.")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Set an account's password (for operators; ends every login session of the account)."""
    from sqlalchemy import select

    from followup.db import make_engine, make_sessionmaker, transaction
    from followup.models import User
    from followup.password_reset.service import set_password
    from followup.security import hash_password

    if len(password) < 8:
        raise typer.BadParameter("use at least 8 characters", param_hint="--password")
    factory = make_sessionmaker(make_engine(get_settings().database_url))
    with transaction(factory, write=True) as session:
        user_id = session.scalar(select(User.id).where(User.email == email.strip().lower()))
        if user_id is None:
            typer.echo(f"No account with the email {email}.", err=True)
            raise typer.Exit(1)
        set_password(session, user_id=user_id, password_hash=hash_password(password))
    typer.echo(f"The password of {email} is changed; its login sessions have ended.")


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
def mail_sync() -> None:
    """Sync every mailbox not synced within FOLLOWUP_MAIL_SYNC_MINUTES, once (for cron)."""
    from datetime import timedelta

    from followup.db import make_engine, make_sessionmaker, utcnow
    from followup.mail.sync import MailAccess, sync_due_mailboxes

    settings = get_settings()
    factory = make_sessionmaker(make_engine(settings.database_url, pool_size=2))
    results = sync_due_mailboxes(
        factory,
        utcnow(),
        access=MailAccess.from_settings(settings),
        every=timedelta(minutes=settings.mail_sync_minutes),
    )
    for mailbox_id, result in results.items():
        tally = result.tally
        outcome = result.problem.message if result.problem else "ok"
        typer.echo(
            f"mailbox {mailbox_id}: {tally.fetched} fetched, {tally.logged} logged, "
            f"{tally.review} for review, {tally.skipped} skipped; {outcome}"
        )


def render_openapi() -> str:
    from followup.config import Settings
    from followup.main import create_app

    document = create_app(Settings(database_url="sqlite://", secret_key="x" * 32)).openapi()
    return json.dumps(document, indent=2, sort_keys=False) + "\n"
