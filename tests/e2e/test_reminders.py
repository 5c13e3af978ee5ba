"""The browser side of reminders: the morning email's hour, webhooks, and a forgotten password."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import Api, check_a11y, log_in

pytestmark = pytest.mark.e2e


def test_settings_turn_the_morning_email_off_and_refuse_a_loopback_webhook(
    page: Any, api_user: Api
) -> None:
    log_in(page, api_user.email)
    page.get_by_role("navigation").get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Morning email")).to_be_visible()
    page.get_by_role("button", name="Set up webhooks").click()
    expect(page.get_by_label("URL")).to_be_visible()
    check_a11y(page, "settings with reminders")
    # The e2e server has no SMTP: the card says so and the test send is off.
    expect(page.get_by_text("This server sends no email yet")).to_be_visible()
    expect(page.get_by_role("button", name="Send me one now")).to_be_disabled()
    page.get_by_label("What is due today, by email, at").select_option("off")
    expect(page.get_by_role("status").first).to_contain_text("The morning email is off")
    assert api_user.get("/notifications")["digest_hour"] is None

    page.console.allow(r"status of 422")  # the refusal below
    page.get_by_label("URL").fill("http://127.0.0.1:9/hook")
    page.get_by_role("button", name="Add webhook").click()
    expect(page.get_by_text("private or loopback address")).to_be_visible()
    assert api_user.get("/webhooks")["items"] == []


def test_forgot_password_without_smtp_names_the_operators_command(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_role("link", name="Forgot password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    expect(page.get_by_text("followup reset-password YOUR-EMAIL")).to_be_visible()
    check_a11y(page, "forgot password")
