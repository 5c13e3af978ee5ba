"""Edits never overwrite each other; deleting and correcting; forms that say what is wrong."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import Api, check_a11y, log_in, no_sideways_scroll
from .test_ui import _recent_interview

pytestmark = pytest.mark.e2e


def _headers_seen(page: Any) -> list[tuple[str, str, dict[str, str]]]:
    """Every API request the page sends: (method, path, headers)."""
    seen: list[tuple[str, str, dict[str, str]]] = []
    page.on(
        "request",
        lambda r: "/api/v1/" in r.url and seen.append((r.method, r.url, r.headers)),
    )
    return seen


def test_two_tabs_editing_one_application_never_overwrite_silently(
    page: Any, api_user: Api
) -> None:
    app = api_user.post("/applications", {"company": "Acme Analytics", "role_title": "Engineer"})
    page.console.allow(r"status of 412")  # the conflict itself, as the browser logs it
    log_in(page, api_user.email)
    laptop = page
    phone = page.context.new_page()
    sent = _headers_seen(phone)
    for tab in (laptop, phone):
        tab.goto(f"/applications/{app['id']}")
        tab.get_by_role("heading", level=1, name=re.compile("Acme Analytics")).wait_for()

    laptop.get_by_label("Notes").fill("Recruiter said the team is growing")
    laptop.get_by_role("button", name="Save details").click()
    expect(laptop.get_by_text("Details saved.")).to_be_visible()

    phone.get_by_label("Location").fill("Berlin")
    phone.get_by_label("Notes").fill("Ask about the on-call rota")
    phone.get_by_role("button", name="Save details").click()
    conflict = phone.get_by_role("alert").filter(has_text="changed elsewhere")
    expect(conflict).to_contain_text("Recruiter said the team is growing")
    expect(conflict).to_contain_text("Ask about the on-call rota")
    expect(conflict).to_be_focused()
    assert api_user.get(f"/applications/{app['id']}")["notes"] == (
        "Recruiter said the team is growing"
    )  # nothing was overwritten
    check_a11y(phone, "application with an edit conflict")
    patches = [h for m, _, h in sent if m == "PATCH"]
    assert patches
    assert all(h.get("if-match", "").startswith('"') for h in patches)

    conflict.get_by_role("button", name="Keep mine").click()
    expect(phone.get_by_text("Details saved.")).to_be_visible()
    saved = api_user.get(f"/applications/{app['id']}")
    assert (saved["notes"], saved["location"]) == ("Ask about the on-call rota", "Berlin")

    # The laptop now holds an old version: it is offered the phone's and takes it.
    laptop.get_by_label("Role", exact=True).fill("Senior Engineer")
    laptop.get_by_role("button", name="Save details").click()
    conflict = laptop.get_by_role("alert").filter(has_text="changed elsewhere")
    conflict.get_by_role("button", name="Take theirs").click()
    expect(laptop.get_by_label("Notes")).to_have_value("Ask about the on-call rota")
    expect(laptop.get_by_label("Role", exact=True)).to_have_value("Engineer")
    assert api_user.get(f"/applications/{app['id']}")["role_title"] == "Engineer"
    phone.close()


def test_every_post_carries_an_idempotency_key(page: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    sent = _headers_seen(page)
    log_in(page, api_user.email)
    page.goto(f"/applications/{data['app']['id']}")
    timeline = page.get_by_role("region", name="Timeline")
    timeline.get_by_role("button", name="Log a reply I received").click()
    timeline.get_by_role("button", name="Save reply").click()
    expect(timeline).to_contain_text("Received: Reply")
    posts = [(path, h) for m, path, h in sent if m == "POST"]
    assert any(path.endswith("/touchpoints") for path, _ in posts)
    keys = [h.get("idempotency-key") for _, h in posts]
    assert all(keys)
    assert len(set(keys)) == len(keys)


def test_a_logged_message_is_corrected_deleted_and_restored_by_keyboard(
    page: Any, api_user: Api
) -> None:
    data = _recent_interview(api_user)
    app_id = data["app"]["id"]
    api_user.post(
        "/touchpoints",
        {
            "application_id": app_id,
            "contact_id": data["dana"]["id"],
            "kind": "status_check",
            "channel": "email",
            "occurred_at": datetime.now(UTC).isoformat(),
            "subject": "Checking in",
        },
    )
    log_in(page, api_user.email)
    page.goto(f"/applications/{app_id}")
    timeline = page.get_by_role("region", name="Timeline")
    timeline.get_by_role("button", name=re.compile("^Edit Sent: Status check to Dana")).click()
    form = timeline.get_by_role("form", name="Edit the message")
    form.get_by_label("What").select_option("thank_you")
    form.get_by_label("Subject (optional)").fill("Thank you for today")
    form.get_by_role("button", name="Save changes").click()
    expect(timeline).to_contain_text("Sent: Thank-you")
    (touchpoint,) = api_user.get("/touchpoints", application_id=app_id)["items"]
    assert (touchpoint["kind"], touchpoint["subject"]) == ("thank_you", "Thank you for today")

    delete = timeline.get_by_role("button", name=re.compile("^Delete Sent: Thank-you to Dana"))
    delete.focus()
    page.keyboard.press("Enter")
    expect(timeline).not_to_contain_text("Thank you for today")
    assert api_user.get("/touchpoints", application_id=app_id)["items"] == []
    # Focus is on the Undo at once (the button pressed is gone), and comes back to the timeline.
    expect(page.get_by_role("button", name="Undo")).to_be_focused()
    page.keyboard.press("Enter")
    expect(timeline).to_contain_text("Thank you for today")
    expect(timeline.get_by_role("heading", name="Timeline")).to_be_focused()
    (restored,) = api_user.get("/touchpoints", application_id=app_id)["items"]
    assert (restored["kind"], restored["contact_id"]) == ("thank_you", data["dana"]["id"])
    check_a11y(page, "application after undoing a delete")


def test_an_application_is_deleted_after_confirmation(phone: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    log_in(phone, api_user.email)
    phone.goto(f"/applications/{data['app']['id']}")
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss() if len(asked) == 1 else dialog.accept()

    phone.on("dialog", answer)
    button = phone.get_by_role("button", name="Delete this application")
    button.click()
    assert api_user.client.get(f"/applications/{data['app']['id']}").status_code == 200
    button.click()
    phone.get_by_role("heading", level=1, name="Pipeline").wait_for()
    assert "cannot be undone" in asked[0]
    assert api_user.client.get(f"/applications/{data['app']['id']}").status_code == 404
    assert api_user.get("/contacts")["items"] == []
    no_sideways_scroll(phone)


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_interview_form_defaults_to_one_that_ended_and_says_what_is_wrong(
    viewport: str, request: pytest.FixtureRequest, api_user: Api
) -> None:
    tab = request.getfixturevalue(viewport)
    log_in(tab, api_user.email)
    tab.goto("/interview")
    tab.get_by_role("heading", level=1, name="Just had an interview").wait_for()
    tab.get_by_label("Company").fill("Globex")
    tab.get_by_label("Role", exact=True).fill("Analyst")
    length = tab.get_by_label("Length in minutes")
    length.fill("90")
    expect(tab.get_by_text("in the future")).to_have_count(0)  # the default has ended
    started = tab.get_by_label(re.compile("^When it started")).input_value()
    ends = datetime.fromisoformat(started) + timedelta(minutes=90)
    local_now = datetime.now(UTC).astimezone().replace(tzinfo=None)
    assert ends <= local_now + timedelta(minutes=1), (started, local_now)

    length.fill("0")
    tab.get_by_role("button", name="Save interview").click()
    expect(length).to_be_focused()
    expect(length).to_have_attribute("aria-invalid", "true")
    described = length.get_attribute("aria-describedby") or ""
    message = " ".join(tab.locator(f"#{i}").inner_text() for i in described.split())
    assert "from 5 to 600" in message
    body = tab.locator("main").inner_text()
    assert body.count("from 5 to 600") == 1
    assert "must not be null" not in body
    assert "body." not in body
    assert api_user.get("/applications")["items"] == []  # nothing half-made
    check_a11y(tab, f"interview form with an error ({viewport})")

    later = (datetime.now(UTC).astimezone() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    tab.get_by_label(re.compile("^When it started")).fill(later)
    length.fill("60")
    expect(length).not_to_have_attribute("aria-invalid", "true")
    expect(tab.get_by_text(re.compile("in the future"))).to_be_visible()


def test_unsaved_interview_notes_ask_before_they_are_lost(page: Any, api_user: Api) -> None:
    log_in(page, api_user.email)
    page.goto("/interview")
    page.get_by_label("Your own notes").fill("They liked the migration story")
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("navigation").get_by_role("link", name="Today").click()
    assert asked
    assert "not saved" in asked[0]
    expect(page.get_by_label("Your own notes")).to_have_value("They liked the migration story")
    assert page.evaluate("() => location.pathname") == "/interview"


def test_an_error_is_beside_its_field_in_plain_words(page: Any, api_user: Api) -> None:
    app = api_user.post("/applications", {"company": "Initech", "role_title": "Developer"})
    log_in(page, api_user.email)
    page.goto(f"/applications/{app['id']}")
    details = page.get_by_role("region", name="Details")
    strength = details.get_by_label("What you bring (a skill or quality)")
    strength.fill("x" * 190)
    expect(details.get_by_text("190 of 200 characters")).to_be_visible()
    details.get_by_label("Company").fill("")
    details.get_by_role("button", name="Save details").click()
    company = details.get_by_label("Company")
    expect(company).to_be_focused()
    expect(details).to_contain_text("Please fill this in.")
    assert "String should" not in details.inner_text()


def test_import_warns_about_duplicates_and_the_time_zone_before_it_happens(
    page: Any, api_user: Api
) -> None:
    api_user.post("/applications", {"company": "Acme Analytics", "role_title": "Data Engineer"})
    document = api_user.client.get("/export").content
    api_user.patch("/me", {"timezone": "Europe/Berlin"})
    log_in(page, api_user.email)
    page.goto("/settings")
    section = page.get_by_role("region", name="Export and import")
    section.get_by_label("Import a file").set_input_files(
        {"name": "export.json", "mimeType": "application/json", "buffer": document}
    )
    section.get_by_role("button", name="Import", exact=True).click()
    warning = section.get_by_role("alert").filter(has_text="Before you import")
    expect(warning).to_contain_text("Acme Analytics — Data Engineer")
    expect(warning).to_contain_text(re.compile(r"adds 1 application\b"))
    expect(warning).to_contain_text("your time zone: Europe/Berlin becomes America/New_York")
    assert len(api_user.get("/applications")["items"]) == 1  # nothing happened yet
    assert api_user.get("/me")["timezone"] == "Europe/Berlin"
    check_a11y(page, "settings with an import preview")
    warning.get_by_role("button", name="Cancel").click()
    expect(warning).to_have_count(0)
    assert len(api_user.get("/applications")["items"]) == 1

    section.get_by_role("button", name="Import", exact=True).click()
    section.get_by_role("button", name="Import anyway").click()
    expect(section.get_by_role("status")).to_contain_text(re.compile(r"Imported 1 application\b"))
    assert len(api_user.get("/applications")["items"]) == 2


def test_tracking_fields_are_saved_from_the_application_form(page: Any, api_user: Api) -> None:
    app = api_user.post("/applications", {"company": "Initech", "role_title": "Developer"})
    log_in(page, api_user.email)
    page.goto(f"/applications/{app['id']}")
    details = page.get_by_role("region", name="Details")
    details.get_by_label("Salary from").fill("65000")
    details.get_by_label("Salary up to").fill("80,000")
    details.get_by_label("Currency").fill("eur")
    details.get_by_label("Where you found it").fill("LinkedIn")
    details.get_by_label("Tags").fill("remote, fintech, remote")
    details.get_by_label("CV version sent").fill("cv-v3.pdf")
    details.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("Details saved.")).to_be_visible()
    saved = api_user.get(f"/applications/{app['id']}")
    assert (saved["salary_min"], saved["salary_max"], saved["salary_currency"]) == (
        65000,
        80000,
        "EUR",
    )
    assert (saved["source"], saved["tags"], saved["cv_version"]) == (
        "LinkedIn",
        ["remote", "fintech"],
        "cv-v3.pdf",
    )
    assert [a["id"] for a in api_user.get("/applications", tag="fintech")["items"]] == [app["id"]]
