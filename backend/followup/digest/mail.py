"""Handing a message to the SMTP server named by FOLLOWUP_SMTP_URL (standard library smtplib)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

TIMEOUT_SECONDS = 30


class MailNotConfigured(RuntimeError):
    """FOLLOWUP_SMTP_URL is not set."""


def send(smtp_url: str | None, message: EmailMessage) -> None:
    """Deliver to the server; returns once it accepted the message, raises if it did not.

    `smtps://` speaks TLS from the start (port 465 by default); `smtp://` upgrades with
    STARTTLS when the server offers it (port 587 by default). User and password come from the
    URL, percent-decoded.
    """
    if not smtp_url:
        raise MailNotConfigured("Set FOLLOWUP_SMTP_URL to send email.")
    url = urlsplit(smtp_url)
    host = url.hostname or "localhost"
    context = ssl.create_default_context()
    client: smtplib.SMTP
    if url.scheme == "smtps":
        client = smtplib.SMTP_SSL(host, url.port or 465, timeout=TIMEOUT_SECONDS, context=context)
    else:
        client = smtplib.SMTP(host, url.port or 587, timeout=TIMEOUT_SECONDS)
    with client:
        client.ehlo()
        if url.scheme == "smtp" and client.has_extn("starttls"):
            client.starttls(context=context)
            client.ehlo()
        if url.username:
            client.login(unquote(url.username), unquote(url.password or ""))
        client.send_message(message)
