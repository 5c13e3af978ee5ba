"""The browser UI end to end: real server, real Chromium, checked through the API."""

from __future__ import annotations

import os
import re
import uuid
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, Api, check_a11y, log_in, no_sideways_scroll

pytestmark = pytest.mark.e2e


def _recent_interview(api_user: Api, company: str = "Acme Analytics") -> dict[str, Any]:
    """An application with a video interview that ended an hour ago, with two interviewers."""
    app = api_user.post(
        "/applications",
        {"company": company, "role_title": "Data Engineer", "status": "interviewing"},
    )
    dana = api_user.post(
        "/contacts",
        {
            "application_id": app["id"],
            "name": "Dana Reyes",
            "title": "Engineering Manager",
            "email": "dana@example.com",
        },
    )
    sam = api_user.post(
        "/contacts",
        {
            "application_id": app["id"],
            "name": "Sam Okafor",
            "title": "Staff Engineer",
            "email": "sam@example.com",
        },
    )
    start = datetime.now(UTC) - timedelta(hours=2)
    interview = api_user.post(
        "/interviews",
        {
            "application_id": app["id"],
            "starts_at": start.isoformat(),
            "format": "video",
            "interviewers": [
                {"contact_id": dana["id"], "topics": ["the billing migration"]},
                {"contact_id": sam["id"], "topics": ["the on-call rotation"]},
            ],
        },
    )
    return {"app": app, "dana": dana, "sam": sam, "interview": interview}


def _open_keys(api_user: Api, **params: Any) -> set[str]:
    return {a["key"] for a in api_user.get("/next-actions", **params)["items"]}


def test_sign_up_log_out_and_log_in(page: Any, base_url: str) -> None:
    email = f"new-{uuid.uuid4().hex[:8]}@example.com"
    page.goto("/today")
    expect(page).to_have_url(re.compile(r"/login$"))
    check_a11y(page, "log in")
    page.get_by_role("link", name="Create an account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create your account")
    # The time zone comes from the browser.
    expect(page.get_by_label("Time zone")).to_have_value("America/New_York")

    # A server-side validation error lands next to its field.
    page.console.allow(r"status of 422")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Sign up").click()
    password = page.get_by_label("Password")
    expect(password).to_have_attribute("aria-invalid", "true")
    error_id = password.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_contain_text("8")
    check_a11y(page, "sign up with an error")

    password.fill(PASSWORD)
    page.get_by_label("Your name (optional)").fill("Alex Morgan")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
    expect(page.get_by_role("heading", name="Start with your latest interview")).to_be_visible()
    check_a11y(page, "today (empty)")

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.console.allow(r"status of 401")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("wrong password!")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    log_in(page, email)


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_quick_interview_form_gives_one_thank_you_per_interviewer(
    viewport: str, api_user: Api, request: pytest.FixtureRequest
) -> None:
    """The acceptance path, at desktop and phone width: record an interview, get two different
    drafts, mark one done, see it on the timeline."""
    page = request.getfixturevalue(viewport)
    log_in(page, api_user.email)
    page.get_by_role("link", name="Just had an interview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Just had an interview")
    check_a11y(page, "quick interview form")

    page.get_by_label("Company").fill("Acme Analytics")
    page.get_by_label("Role").fill("Data Engineer")
    strength = page.get_by_label("What you bring (a skill or quality)")
    strength.fill("five years of building data pipelines")
    page.get_by_label("Video").check()
    first = page.get_by_role("group", name="Interviewer 1")
    first.get_by_label("Name").fill("Dana Reyes")
    first.get_by_label("Job title").fill("Engineering Manager")
    first.get_by_label("Email").fill("dana@example.com")
    first.get_by_label("Topics you talked about").fill("the billing migration")
    first.get_by_label("Their questions and concerns").fill("whether I have carried a pager")
    first.get_by_label("Private notes").fill("seemed tired")
    page.get_by_role("button", name="Add another interviewer").click()
    second = page.get_by_role("group", name="Interviewer 2")
    second.get_by_label("Name").fill("Sam Okafor")
    second.get_by_label("Email").fill("sam@example.com")
    second.get_by_label("Topics you talked about").fill("the on-call rotation")
    page.get_by_label("Your own notes").fill("Went well; <b>not</b> HTML")

    # A bad address is reported on that interviewer's Email field; fixing it and saving again
    # reuses what the first attempt created.
    page.console.allow(r"status of 422")
    second.get_by_label("Email").fill("sam at example")
    page.get_by_role("button", name="Save interview").click()
    expect(second.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    expect(second.locator(".field-error")).to_be_visible()
    check_a11y(page, "quick interview form with an error")
    second.get_by_label("Email").fill("sam@example.com")
    page.get_by_role("button", name="Save interview").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Interview saved")
    cards = page.locator("article.action")
    expect(cards).to_have_count(2)
    check_a11y(page, "interview saved")

    # Today: one thank-you per interviewer, each draft carrying that person's topic.
    page.get_by_role("link", name="Go to Today").click()
    dana = page.locator("article.action", has_text="Thank Dana Reyes")
    sam = page.locator("article.action", has_text="Thank Sam Okafor")
    expect(dana.get_by_label("Message")).to_have_value(re.compile("billing migration"))
    expect(sam.get_by_label("Message")).to_have_value(re.compile("on-call rotation"))
    expect(dana.get_by_label("Message")).not_to_have_value(re.compile("pager|tired"))
    expect(dana.get_by_label("Message")).not_to_have_value(re.compile(r"\["))  # nothing to fill
    expect(dana.get_by_role("link", name="Open in mail app")).to_have_attribute(
        "href", re.compile(r"^mailto:dana%40example\.com\?subject=.+&body=.+billing%20migration")
    )
    dana.get_by_text(re.compile(r"source")).click()
    expect(dana.locator("blockquote").first).to_be_visible()
    expect(dana.locator(".cite").first).to_have_text(re.compile(r"^From the guide “[A-Z].+”$"))
    check_a11y(page, "today with actions")

    apps = api_user.get("/applications")["items"]
    assert len(apps) == 1
    app_id = apps[0]["id"]
    assert len(api_user.get("/contacts")["items"]) == 2
    keys = _open_keys(api_user, application_id=app_id)
    dana.get_by_label("Message").fill(dana.get_by_label("Message").input_value() + "\nP.S. edited")
    dana.get_by_role("button", name="Done").click()
    expect(page.locator("article.action", has_text="Thank Dana Reyes")).to_have_count(0)
    expect(page.locator(".resolved.saved").get_by_role("button", name="Undo")).to_be_focused()

    left = _open_keys(api_user, application_id=app_id)
    assert len(keys - left) == 1
    timeline = api_user.get(f"/applications/{app_id}/timeline")["items"]
    sent = [e["touchpoint"] for e in timeline if e["type"] == "touchpoint"]
    assert len(sent) == 1
    assert sent[0]["direction"] == "outbound"
    assert "P.S. edited" in (sent[0]["body"] or "")

    # …and it shows on the application's timeline.
    page.get_by_role("link", name="Acme Analytics").first.click()
    timeline_section = page.get_by_role("region", name="Timeline")
    expect(timeline_section).to_contain_text("Sent: Thank-you")
    expect(page.get_by_text("Went well; <b>not</b> HTML")).to_be_visible()  # text, never HTML
    check_a11y(page, "application")
    no_sideways_scroll(page)


def test_done_snooze_dismiss_and_undo_reach_the_api(page: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    app_id = data["app"]["id"]
    log_in(page, api_user.email)
    dana = page.locator("article.action", has_text="Thank Dana Reyes")
    sam = page.locator("article.action", has_text="Thank Sam Okafor")
    expect(dana).to_be_visible()
    before = api_user.get("/next-actions", application_id=app_id)["items"]
    key_of = {a["contact_id"]: a["key"] for a in before if a["kind"] == "send_thank_you"}
    dana_key, sam_key = key_of[data["dana"]["id"]], key_of[data["sam"]["id"]]

    # Snooze until tomorrow: hidden now, back after the snooze.
    dana.get_by_role("button", name="Snooze").click()
    with page.expect_response(lambda r: r.url.endswith("/snooze")):
        dana.get_by_role("button", name="Tomorrow").click()
    expect(dana).to_have_count(0)
    expect(page.locator(".resolved.saved")).to_contain_text("Snoozed until")
    assert dana_key not in _open_keys(api_user)
    new_york = ZoneInfo("America/New_York")
    tomorrow = datetime.now(new_york).date() + timedelta(days=1)
    while tomorrow.weekday() >= 5:  # "Tomorrow" is the next business day (no country: weekdays)
        tomorrow += timedelta(days=1)
    later = datetime.combine(tomorrow, time(9, 1), new_york).isoformat()
    assert dana_key in _open_keys(api_user, as_of=later)

    # Dismiss, then Undo (reopen) brings it back.
    with page.expect_response(lambda r: r.url.endswith("/dismiss")):
        sam.get_by_role("button", name="Dismiss").click()
    expect(sam).to_have_count(0)
    expect(page.locator(".resolved.saved", has_text="Thank Sam")).to_be_visible()
    assert sam_key not in _open_keys(api_user)
    with page.expect_response(lambda r: r.url.endswith("/reopen")):
        page.locator(".resolved", has_text="Thank Sam").get_by_role("button", name="Undo").click()
    expect(sam).to_be_visible()
    assert sam_key in _open_keys(api_user)

    # Copy puts the draft on the clipboard.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sam.get_by_role("button", name="Copy").click()
    expect(sam.locator(".copied")).to_have_text("Copied to the clipboard.")
    assert "on-call rotation" in page.evaluate("() => navigator.clipboard.readText()")

    # A task's checklist is ticked in place and kept across a reload.
    notes = page.locator("article.action", has=page.get_by_role("group", name="Checklist"))
    notes.first.get_by_role("checkbox").first.check()
    page.reload()
    expect(notes.first.get_by_role("checkbox").first).to_be_checked()

    # Done with a message logs a touchpoint; with a […] still in the draft it asks first.
    expect(sam).to_contain_text("Fill in the part in [brackets]")
    sam.get_by_role("button", name="Done").click()
    confirm = sam.get_by_role("alertdialog")
    expect(confirm).to_contain_text("[the skill or quality you bring]")
    check_a11y(page, "asking before done with a placeholder")
    confirm.get_by_role("button", name="Keep editing").click()
    expect(confirm).to_have_count(0)
    assert sam_key in _open_keys(api_user)
    sam.get_by_role("button", name="Done").click()
    sam.get_by_role("alertdialog").get_by_role("button", name="Yes, it went out").click()
    expect(sam).to_have_count(0)
    # The card gives way at once to a "Done: … Undo" line in its place.
    expect(page.locator(".resolved.saved", has_text="Thank Sam")).to_contain_text("Done:")
    assert sam_key not in _open_keys(api_user)
    kinds = [
        e["touchpoint"]["kind"]
        for e in api_user.get(f"/applications/{app_id}/timeline")["items"]
        if e["type"] == "touchpoint"
    ]
    assert kinds == ["thank_you"]


def test_pipeline_changes_status_in_place_and_filters(page: Any, api_user: Api) -> None:
    acme = api_user.post(
        "/applications", {"company": "Acme Analytics", "role_title": "Data Engineer"}
    )
    api_user.post(
        "/applications", {"company": "Globex", "role_title": "Analyst", "status": "interviewing"}
    )
    log_in(page, api_user.email)
    page.get_by_role("navigation").get_by_role("link", name="Pipeline").click()
    applied = page.get_by_role("region", name=re.compile("^Applied"))
    offer = page.get_by_role("region", name=re.compile("^Offer"))
    expect(applied).to_contain_text("Acme Analytics")
    expect(applied.locator(".count")).to_have_text("1")
    check_a11y(page, "pipeline")

    applied.get_by_label("Status of Acme Analytics, Data Engineer").select_option("offer")
    expect(offer).to_contain_text("Acme Analytics")
    expect(applied.locator(".count")).to_have_text("0")
    # The board moves the card at once; the toast says the server has saved it.
    expect(page.locator(".toast")).to_contain_text("Acme Analytics: Offer.")
    assert api_user.get(f"/applications/{acme['id']}")["status"] == "offer"

    page.get_by_label("Search company or role").fill("glob")
    expect(page.locator(".app-card")).to_have_count(1)
    expect(page.locator(".app-card")).to_contain_text("Globex")


def test_timeline_logs_a_reply_in_two_clicks(page: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    app_id = data["app"]["id"]
    log_in(page, api_user.email)
    page.goto(f"/applications/{app_id}")
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Interview")
    timeline.get_by_role("button", name="Log a reply I received").click()
    timeline.get_by_role("button", name="Save reply").click()
    expect(timeline).to_contain_text("Received: Reply")
    entries = api_user.get(f"/applications/{app_id}/timeline")["items"]
    inbound = [e["touchpoint"] for e in entries if e["type"] == "touchpoint"]
    assert [(t["direction"], t["kind"]) for t in inbound] == [("inbound", "reply")]

    timeline.get_by_role("button", name="Log a message I sent").click()
    # Just after the interview, with no thank-you logged, that is what a sent message likely is.
    expect(timeline.get_by_label("What")).to_have_value("thank_you")
    timeline.get_by_label("What").select_option("value_add")
    timeline.get_by_label("To").select_option(label="Dana Reyes")
    timeline.get_by_role("button", name="Save message").click()
    expect(timeline).to_contain_text("Sent: Something useful")
    expect(timeline).to_contain_text("to Dana Reyes")
    check_a11y(page, "application with timeline")


def test_settings_profile_and_tokens(page: Any, api_user: Api, base_url: str) -> None:
    log_in(page, api_user.email)
    page.get_by_role("navigation").get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    check_a11y(page, "settings")

    page.get_by_label("Signature").fill("Alex Morgan\n+1 555 0100")
    page.get_by_label("Country (for public holidays)").select_option("US")
    patient = page.get_by_role("radio", name=re.compile("^Patient"))
    # The explanation comes from GET /policy-profiles, i.e. from the engine's own numbers.
    expect(page.locator("#pp-patient")).to_contain_text("10–14 days after the interview")
    patient.check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("Settings saved")
    me = api_user.get("/me")
    assert (me["policy_profile"], me["country"]) == ("patient", "US")
    assert me["signature"].startswith("Alex Morgan")

    page.get_by_label("Token name").fill("iPhone shortcut")
    page.get_by_role("radio", name="Read only").check()
    page.get_by_role("button", name="Create token").click()
    secret = page.get_by_label("New token").input_value()
    assert len(secret) > 16
    expect(page.get_by_role("button", name="Copy token")).to_be_visible()
    expect(page.locator(".tokens")).to_contain_text("iPhone shortcut")

    import httpx

    r = httpx.get(f"{base_url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 200
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Revoke iPhone shortcut").click()
    expect(page.locator(".tokens li", has_text="iPhone shortcut")).to_have_count(0)
    r = httpx.get(f"{base_url}/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 401


def test_phone_width_has_no_sideways_scroll(phone: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    log_in(phone, api_user.email)
    for path, heading in [
        ("/today", "Today"),
        ("/interview", "Just had an interview"),
        ("/pipeline", "Pipeline"),
        (f"/applications/{data['app']['id']}", "Acme Analytics"),
        ("/settings", "Settings"),
    ]:
        phone.goto(path)
        expect(phone.get_by_role("heading", level=1)).to_contain_text(heading)
        phone.wait_for_load_state("networkidle")
        no_sideways_scroll(phone)
        check_a11y(phone, f"{path} at 360 px")
    phone.goto("/today")
    card = phone.locator("article.action", has_text="Thank Dana Reyes")
    box = card.bounding_box()
    assert box is not None
    assert box["width"] <= 360


def test_page_weight_stays_within_budget(page: Any, api_user: Api) -> None:
    """All JS + CSS each page loads, gzipped, is at most 60 KB; axe-core is never among it."""
    import gzip

    data = _recent_interview(api_user)
    bodies: dict[str, bytes] = {}

    def keep(response: Any) -> None:
        if response.request.resource_type in ("script", "stylesheet"):
            bodies[response.url] = response.body()

    page.on("response", keep)
    log_in(page, api_user.email)
    weights = {}
    for path in (
        "/today",
        "/interview",
        "/pipeline",
        f"/applications/{data['app']['id']}",
        "/settings",
        "/insights",
        "/history",
        "/people",
        "/interviews",
    ):
        bodies.clear()
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert not [u for u in bodies if "axe" in u]
        weights[path] = sum(len(gzip.compress(b, 9)) for b in bodies.values())
    heaviest = max(weights, key=weights.__getitem__)
    assert weights[heaviest] <= 60 * 1024, f"gzipped bytes by page: {weights}"
    assert not list((Path(__file__).parents[2] / "frontend").rglob("axe*"))


@pytest.mark.skipif(
    os.environ.get("FOLLOWUP_SCREENSHOTS") != "1",
    reason="refreshes docs/screenshots; run with FOLLOWUP_SCREENSHOTS=1",
)
def test_refresh_readme_screenshots(page: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    out = Path(__file__).parents[2] / "docs" / "screenshots"
    log_in(page, api_user.email)
    page.locator("article.action").first.wait_for()
    page.screenshot(path=str(out / "today.png"), full_page=True)
    dana = page.locator("article.action", has_text="Thank Dana Reyes")
    dana.get_by_role("button", name="Done").click()
    page.goto(f"/applications/{data['app']['id']}")
    page.get_by_role("region", name="Timeline").wait_for()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(out / "application.png"), full_page=True)


def test_keyboard_only(page: Any, api_user: Api) -> None:
    """Skip link first; actions work with Enter/Space; focus stays in the list after a card goes."""
    _recent_interview(api_user)
    log_in(page, api_user.email)
    page.goto("/today")
    page.get_by_role("heading", name="Thank Dana Reyes for the interview").wait_for()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    dana = page.locator("article.action", has_text="Thank Dana Reyes")
    snooze = dana.get_by_role("button", name="Snooze…", exact=True)
    snooze.focus()
    page.keyboard.press("Enter")
    expect(snooze).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Tab")
    expect(dana.get_by_role("button", name="Tomorrow")).to_be_focused()
    page.keyboard.press("Space")
    expect(dana).to_have_count(0)
    # Focus moves on the next animation frame after the card goes.
    page.wait_for_function("() => document.activeElement !== document.body")
    focused = page.evaluate(
        "() => document.activeElement.tagName + ' ' + document.activeElement.textContent"
    )
    assert focused.startswith(("BUTTON", "H1")), focused
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none" or focused.startswith("H1")


def test_a_status_check_takes_something_of_value_into_its_draft(page: Any, api_user: Api) -> None:
    """The first status check must add value (000); what the user gives replaces its blank."""
    _recent_interview(api_user)
    log_in(page, api_user.email)
    check = page.locator("article.action", has_text="Check in with")
    check.get_by_text(re.compile(r"^Draft")).click()
    message = check.get_by_label("Message")
    expect(message).to_have_value(re.compile(r"\[a finding, an idea or a link"))
    check.get_by_label("Something of value to share").fill(
        "a write-up on billing migrations: https://example.com/billing"
    )
    check.get_by_role("button", name="Use in the draft").click()
    expect(message).to_have_value(re.compile("a write-up on billing migrations"))
    expect(message).not_to_have_value(re.compile(r"\[a finding"))
    check_a11y(page, "status check with something of value")
    (action,) = [
        a for a in api_user.get("/next-actions")["items"] if a["kind"] == "send_status_check"
    ]
    assert action["value_add"] == "a write-up on billing migrations: https://example.com/billing"
