"""Handing a message to the SMTP server named by FOLLOWUP_SMTP_URL (standard library smtplib)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from functools import lru_cache
from urllib.parse import unquote, urlsplit

TIMEOUT_SECONDS = 30


class MailNotConfigured(RuntimeError):
    """FOLLOWUP_SMTP_URL is not set."""


@lru_cache(maxsize=1)
def _tls() -> ssl.SSLContext:
    # Loading the system's certificates took 20 ms: once per process, not once per email.
    return ssl.create_default_context()


def send(smtp_url: str | None, message: EmailMessage) -> None:
    """Deliver one message on a connection of its own (see Outbox for many)."""
    with Outbox(smtp_url) as outbox:
        outbox.send(message)


class Outbox:
    """One SMTP connection for many messages, opened on the first and again after a failure.

    `smtps://` speaks TLS from the start (port 465 by default); `smtp://` upgrades with
    STARTTLS when the server offers it (port 587 by default). User and password come from the
    URL, percent-decoded. `send` returns once the server accepted the message, else raises.
    """

    def __init__(self, smtp_url: str | None) -> None:
        if not smtp_url:
            raise MailNotConfigured("Set FOLLOWUP_SMTP_URL to send email.")
        self.url = urlsplit(smtp_url)
        self._client: smtplib.SMTP | None = None

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._close()

    def send(self, message: EmailMessage) -> None:
        try:
            if self._client is None:
                self._client = self._connect()
            self._client.send_message(message)
        except BaseException:
            self._close()  # the connection's state is unknown: the next message starts afresh
            raise

    def _close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                client.close()

    def _connect(self) -> smtplib.SMTP:
        url = self.url
        host = url.hostname or "localhost"
        context = _tls()
        client: smtplib.SMTP
        if url.scheme == "smtps":
            client = smtplib.SMTP_SSL(
                host, url.port or 465, timeout=TIMEOUT_SECONDS, context=context
            )
        else:
            client = smtplib.SMTP(host, url.port or 587, timeout=TIMEOUT_SECONDS)
        try:
            client.ehlo()
            if url.scheme == "smtp" and client.has_extn("starttls"):
                client.starttls(context=context)
                client.ehlo()
            if url.username:
                client.login(unquote(url.username), unquote(url.password or ""))
        except BaseException:
            client.close()
            raise
        return client
