"""Posting a delivery: signed per Standard Webhooks, to an address checked again just now.

The request goes to the address that was checked (the URL's host is kept in `Host` and, for
https, as the TLS server name), so a DNS answer that changes in between cannot redirect it.
Receivers see the same `webhook-id` on every retry of one delivery and should ignore repeats:
a worker that dies after the receiver answered but before it recorded the answer is followed
by another attempt.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from email.message import EmailMessage
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from followup.db import transaction
from followup.digest import mail
from followup.models import User, WebhookDelivery, WebhookEndpoint
from followup.webhooks import addresses
from followup.webhooks.service import RETRY_FOR, claim_attempt
from followup.worker.context import WorkerContext

log = logging.getLogger("followup.webhooks")
TIMEOUT = httpx.Timeout(10.0)
FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY_DELAY = timedelta(hours=1)
BATCH = 100


def deliver_pending(context: WorkerContext, now: datetime) -> None:
    """Attempt every pending delivery whose time has come (oldest first, a batch per run)."""
    with transaction(context.factory) as session:
        due = session.scalars(
            select(WebhookDelivery.id)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(
                WebhookDelivery.status == "pending",
                WebhookDelivery.next_attempt_at <= now,
                WebhookEndpoint.active.is_(True),  # a disabled endpoint's wait until it is on
            )
            .order_by(WebhookDelivery.id)
            .limit(BATCH)
        ).all()
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client:
        for delivery_id in due:
            if claim_attempt(context, delivery_id, now):
                _attempt(context, client, delivery_id, now)


def _attempt(context: WorkerContext, client: httpx.Client, delivery_id: int, now: datetime) -> None:
    with transaction(context.factory) as session:
        delivery = session.get_one(WebhookDelivery, delivery_id)
        endpoint = session.get_one(WebhookEndpoint, delivery.endpoint_id)
        url, secret, body = endpoint.url, endpoint.secret, delivery.payload
    status: int | None = None
    try:
        address = addresses.resolve(url, allow_private=context.settings.webhooks_allow_private)
        answer = _post(client, url, address[0], secret, str(delivery_id), body, now)
        status, text = answer.status_code, answer.text[:500]
    except addresses.RefusedAddress as exc:
        text = f"refused: {exc}"
    except httpx.HTTPError as exc:
        text = f"{type(exc).__name__}: {exc}"[:500]
    turned_off = _record(context, delivery_id, status, text, now)
    if turned_off is not None and context.settings.smtp_url:
        try:
            mail.send(context.settings.smtp_url, turned_off)
        except OSError:  # the endpoint says why it is off in Settings all the same
            log.warning("could not email that a webhook was turned off", exc_info=True)


def _post(
    client: httpx.Client,
    url: str,
    address: str,
    secret: str,
    message_id: str,
    body: str,
    now: datetime,
) -> httpx.Response:
    parts = urlsplit(url)
    pinned = httpx.URL(url).copy_with(host=address)
    signature = Webhook(secret).sign(message_id, now, body)
    headers = {
        "Host": parts.netloc.rsplit("@", 1)[-1],
        "Content-Type": "application/json",
        "User-Agent": "Followup-Webhooks/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
    return client.post(pinned, content=body.encode(), headers=headers, extensions=extensions)


def _record(
    context: WorkerContext, delivery_id: int, status: int | None, text: str, now: datetime
) -> EmailMessage | None:
    """Keep the attempt's outcome; when it turns the endpoint off, the email that says so."""
    with transaction(context.factory, write=True) as session:
        delivery = session.get_one(WebhookDelivery, delivery_id)
        delivery.last_status_code, delivery.last_response = status, text
        if status is not None and 200 <= status < 300:
            delivery.status, delivery.delivered_at = "delivered", now
            return None
        delay = min(MAX_RETRY_DELAY, FIRST_RETRY * 2 ** (delivery.attempts - 1))
        if now + delay <= delivery.created_at + RETRY_FOR:
            delivery.next_attempt_at = now + delay
            return None
        delivery.status = "failed"
        endpoint = session.get_one(WebhookEndpoint, delivery.endpoint_id)
        endpoint.active = False
        endpoint.disabled_reason = (
            f"Turned off on {now:%Y-%m-%d %H:%M} UTC: a {delivery.event} event could not be "
            f"delivered for a day (last answer: {status or text})."[:500]
        )
        log.warning("webhook disabled", extra={"fields": {"endpoint_id": endpoint.id}})
        owner = session.get_one(User, endpoint.user_id)
        return _turned_off_email(context, owner.email, endpoint)


def _turned_off_email(
    context: WorkerContext, address: str, endpoint: WebhookEndpoint
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = "A Followup webhook was turned off"
    message["From"] = context.settings.mail_from
    message["To"] = address
    settings_url = f"{context.settings.public_base_url()}/settings"
    message.set_content(
        f"{endpoint.disabled_reason}\n\nEndpoint: {endpoint.url}\n"
        f"Turn it back on in Settings → Webhooks: {settings_url}\n"
    )
    return message
