"""Mail in the browser: Settings → Mail imports a file, Review counts and accepts, the timeline
says "from mail"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import Api, check_a11y, log_in, no_sideways_scroll

pytestmark = pytest.mark.e2e


def _mail(sender: str, to: str, subject: str, body: str, message_id: str) -> bytes:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject
    mail["Date"] = format_datetime(datetime.now(UTC) - timedelta(hours=2))
    mail["Message-ID"] = message_id
    mail.set_content(body)
    return mail.as_bytes()


def test_import_review_accept_and_from_mail_on_the_timeline(
    page: Any, api_user: Api, tmp_path: Path
) -> None:
    app = api_user.post("/applications", {"company": "Globex", "role_title": "Analyst"})
    api_user.post(
        "/contacts", {"application_id": app["id"], "name": "Ana Ruiz", "email": "ana@globex.org"}
    )
    mbox = tmp_path / "export.mbox"
    messages = [
        _mail(
            "Ana Ruiz <ana@globex.org>",
            api_user.email,
            "Re: Thanks",
            "Thanks, talk soon.",
            "<a1@globex.org>",
        ),
        _mail(
            "Bo Chen <bo@globex.org>",
            api_user.email,
            "Hello from Globex",
            "I run the team.",
            "<b1@globex.org>",
        ),
    ]
    mbox.write_bytes(b"".join(b"From x@y Mon Nov  2 10:00:00 2026\n" + m + b"\n" for m in messages))

    log_in(page, api_user.email)
    page.get_by_role("navigation").get_by_role("link", name="Settings").click()
    page.get_by_role("link", name="Set up mail").click()
    expect(page.get_by_role("heading", level=1, name="Mail")).to_be_visible()
    page.locator("#mail-file").set_input_files(str(mbox))
    expect(page.get_by_role("status").filter(has_text="Imported")).to_contain_text(
        "1 logged, 1 for review"
    )
    review_link = page.get_by_role("navigation").get_by_role("link", name="Review")
    expect(review_link).to_contain_text("1")
    check_a11y(page, "settings → mail")

    review_link.click()
    expect(page.get_by_role("heading", level=1, name="Review")).to_be_visible()
    expect(page.get_by_text("Hello from Globex")).to_be_visible()
    check_a11y(page, "review")
    no_sideways_scroll(page)
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Nothing to review.")).to_be_visible()
    expect(review_link).not_to_contain_text("1")
    page.get_by_role("navigation").get_by_role("link", name="Today").click()
    expect(review_link).to_have_count(0)  # the item shows only while something waits

    page.goto(f"/applications/{app['id']}")
    expect(page.get_by_text("from mail")).to_have_count(2)
    contacts = api_user.get("/contacts")["items"]
    assert {c["email"] for c in contacts} == {"ana@globex.org", "bo@globex.org"}


def test_a_mailbox_that_fails_its_test_is_not_kept_and_the_form_keeps_what_was_typed(
    page: Any, api_user: Api
) -> None:
    page.console.allow(r"status of 502")  # the failed test itself, as the browser logs it
    log_in(page, api_user.email)
    page.goto("/settings/mail")
    form = page.get_by_role("form", name="Connect a mailbox")
    form.get_by_label("IMAP server").fill("127.0.0.1")  # refused: a private-network host
    form.get_by_label("User name").fill("me@example.com")
    form.get_by_label("Password").fill("not checked")
    form.get_by_role("button", name="Connect and test").click()
    expect(form.get_by_role("alert")).to_contain_text("private network")
    expect(form.get_by_label("IMAP server")).to_have_value("127.0.0.1")
    expect(page.get_by_text("not synced yet")).to_have_count(0)
    assert api_user.get("/mailboxes")["items"] == []
