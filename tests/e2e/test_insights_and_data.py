"""Insights, the inline message check, export/import and the calendar feed, in the browser."""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from .conftest import Api, check_a11y, log_in, no_sideways_scroll
from .test_ui import _recent_interview

pytestmark = pytest.mark.e2e


def _seed_history(api_user: Api) -> None:
    """Six interviews a month ago, a thank-you email the next day for each, replies to three;
    two of them also got a status call ten days later that nobody answered.
    So: email 3/6 answered, phone 0/2, overall 3/8."""
    base = datetime.now(UTC) - timedelta(days=40)
    for i in range(6):
        app = api_user.post(
            "/applications",
            {"company": f"Company {i}", "role_title": "Analyst", "status": "interviewing"},
        )
        when = base + timedelta(days=i)
        api_user.post(
            "/interviews",
            {"application_id": app["id"], "starts_at": when.isoformat(), "format": "video"},
        )

        def touch(
            kind: str, channel: str | None, days: int, app_id: int = app["id"], at: Any = when
        ) -> None:
            body: dict[str, Any] = {
                "application_id": app_id,
                "kind": kind,
                "occurred_at": (at + timedelta(days=days)).isoformat(),
            }
            if channel:
                body["channel"] = channel
            api_user.post("/touchpoints", body)

        touch("thank_you", "email", 1)
        if i < 3:
            touch("reply", "email", 3)
        if i < 2:
            touch("status_check", "phone", 10)


def test_insights_show_charts_and_figures(page: Any, api_user: Api) -> None:
    _seed_history(api_user)
    log_in(page, api_user.email)
    page.get_by_role("navigation").get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights")
    rates = page.get_by_role("region", name="Did your messages get answers?")
    expect(rates).to_contain_text("3/8 answered, 38%")
    channel = page.get_by_role("figure", name="By channel")
    expect(channel.get_by_role("listitem").filter(has_text="Email")).to_contain_text(
        "3/6 answered, 50%"
    )
    expect(channel.get_by_role("listitem").filter(has_text="Phone call")).to_contain_text(
        "0/2 answered, 0%"
    )
    expect(channel.locator("svg rect.bar-fill")).to_have_count(2)
    delay = page.get_by_role("figure", name="By time after the interview")
    expect(delay.get_by_role("listitem")).to_have_count(6)
    expect(rates.get_by_role("table")).to_contain_text("Thank-you")
    expect(page.get_by_role("region", name="Outcomes")).to_contain_text("6 applications")
    expect(page.get_by_role("region", name="How long it takes")).to_contain_text("(n = 3)")
    expect(page.get_by_role("region", name="Waiting on employers")).to_contain_text("Company 0")
    check_a11y(page, "insights")

    # A period with nothing in it says so plainly.
    page.get_by_label("From").fill("2001-01-01")
    page.get_by_label("To").fill("2001-12-31")
    page.get_by_role("button", name="Show period").click()
    expect(rates).to_contain_text("Not enough data yet")
    page.get_by_role("button", name="All time").click()
    expect(rates).to_contain_text("3/8 answered")


def test_insights_without_data_say_so(phone: Any, api_user: Api) -> None:
    log_in(phone, api_user.email)
    phone.goto("/insights")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Insights")
    expect(phone.get_by_role("region", name="Did your messages get answers?")).to_contain_text(
        "Not enough data yet"
    )
    expect(phone.get_by_role("region", name="How long it takes")).to_contain_text(
        "Not enough data yet"
    )
    no_sideways_scroll(phone)
    check_a11y(phone, "insights, empty, at 360 px")


def test_draft_check_flags_a_chasing_opener_and_done_still_works(page: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    log_in(page, api_user.email)
    dana = page.locator("article.action", has_text="Thank Dana Reyes")
    dana.get_by_label("Message").fill(
        "Hi Dana,\n\nI haven't heard back from you yet about the role.\n\nBest,\nAlex"
    )
    finding = dana.locator(".finding-error")
    expect(finding).to_contain_text("Fix:")
    expect(finding).to_contain_text("not heard back")
    expect(finding).to_contain_text("I haven't heard back")
    finding.get_by_text("What the guide says").click()
    expect(finding.locator("blockquote")).to_contain_text("I have not heard from you")
    check_a11y(page, "today with a finding")

    # Fixed, the finding goes away; advice, not a gate: Done logs it either way.
    dana.get_by_label("Message").fill(
        "Hi Dana,\n\nThank you for talking with me about the billing migration.\n\nBest,\nAlex"
    )
    expect(dana.locator(".finding-error")).to_have_count(0)
    # The card goes at once; the server's answer (now with an Idempotency-Key) may come later.
    with page.expect_response(lambda r: r.url.endswith("/done")):
        dana.get_by_role("button", name="Done").click()
    expect(dana).to_have_count(0)
    # The card's place says Done once the server has it.
    expect(page.locator(".resolved.saved", has_text="Thank Dana Reyes")).to_be_visible()
    timeline = api_user.get(f"/applications/{data['app']['id']}/timeline")["items"]
    sent = [e["touchpoint"] for e in timeline if e["type"] == "touchpoint"]
    assert [t["kind"] for t in sent] == ["thank_you"]
    assert "billing migration" in sent[0]["body"]


def test_export_and_import(page: Any, api_user: Api) -> None:
    api_user.post("/applications", {"company": "Acme Analytics", "role_title": "Data Engineer"})
    log_in(page, api_user.email)
    page.goto("/settings")
    section = page.get_by_role("region", name="Export and import")

    with page.expect_download() as info:
        section.get_by_role("button", name="Export everything (JSON)").click()
    doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [a["company"] for a in doc["applications"]] == ["Acme Analytics"]
    with page.expect_download() as info:
        section.get_by_role("button", name="Export applications (CSV)").click()
    assert "Acme Analytics" in Path(info.value.path()).read_text(encoding="utf-8-sig")

    # A bad CSV: every bad line is named, and nothing is imported.
    page.console.allow(r"status of 422")
    bad = (
        "company,role_title,status\nGlobex,Analyst,applied\n,Engineer,applied\nInitech,Dev,maybe\n"
    )
    section.get_by_label("Import a file").set_input_files(
        {"name": "bad.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    section.get_by_role("button", name="Import", exact=True).click()
    alert = section.get_by_role("alert")
    expect(alert).to_contain_text("line 3, company")
    expect(alert).to_contain_text("line 4, status")
    assert len(api_user.get("/applications")["items"]) == 1
    check_a11y(page, "settings with import errors")

    good = "company,role_title,status\nGlobex,Analyst,applied\nInitech,Developer,interviewing\n"
    section.get_by_label("Import a file").set_input_files(
        {"name": "good.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    section.get_by_role("button", name="Import", exact=True).click()
    expect(section.get_by_role("status")).to_contain_text("Imported 2 applications")
    expect(section.get_by_role("alert")).to_have_count(0)
    companies = {a["company"] for a in api_user.get("/applications")["items"]}
    assert companies == {"Acme Analytics", "Globex", "Initech"}


def test_calendar_feed_can_be_created_fetched_and_revoked(page: Any, api_user: Api) -> None:
    _recent_interview(api_user)
    log_in(page, api_user.email)
    page.goto("/settings")
    section = page.get_by_role("region", name="Calendar feed")
    section.get_by_role("button", name="Create a feed address").click()
    url = section.get_by_label("Calendar feed address").input_value()
    assert re.search(r"/calendar/[A-Za-z0-9_-]+\.ics$", url), url
    expect(section).to_contain_text("Google Calendar")
    expect(section.get_by_role("button", name="Copy address")).to_be_visible()
    r = httpx.get(url)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/calendar")
    assert "Thank Dana Reyes" in r.text
    check_a11y(page, "settings with a calendar feed")

    page.once("dialog", lambda d: d.accept())
    section.get_by_role("button", name="Turn off the feed").click()
    expect(section.get_by_role("button", name="Create a feed address")).to_be_visible()
    assert httpx.get(url).status_code == 404


def test_edit_and_delete_people_and_interviews(page: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    app_id = data["app"]["id"]
    log_in(page, api_user.email)
    page.goto(f"/applications/{app_id}")
    people = page.get_by_role("region", name="People")
    people.get_by_role("button", name="Edit Sam Okafor").click()
    people.get_by_label("Job title").fill("Principal Engineer")
    people.get_by_role("button", name="Save person").click()
    expect(people).to_contain_text("Sam Okafor, Principal Engineer")
    assert api_user.get(f"/contacts/{data['sam']['id']}")["title"] == "Principal Engineer"

    interviews = page.get_by_role("region", name="Interviews")
    interviews.get_by_role("button", name=re.compile("^Edit Round")).click()
    dana = interviews.get_by_role("group", name="Dana Reyes")
    dana.get_by_label("Topics you talked about").fill("the data contracts\nthe billing migration")
    dana.get_by_label("Private notes").fill("seemed rushed")
    check_a11y(page, "application, editing an interview")
    interviews.get_by_role("button", name="Save interview").click()
    expect(interviews).to_contain_text("the data contracts; the billing migration")
    saved = {
        p["contact_id"]: p
        for p in api_user.get(f"/interviews/{data['interview']['id']}")["interviewers"]
    }
    assert saved[data["dana"]["id"]]["topics"] == ["the data contracts", "the billing migration"]
    assert saved[data["dana"]["id"]]["notes"] == "seemed rushed"

    page.once("dialog", lambda d: d.accept())
    interviews.get_by_role("button", name=re.compile("^Delete Round")).click()
    expect(interviews).to_contain_text("No interviews recorded yet")
    assert api_user.get("/interviews")["items"] == []

    page.once("dialog", lambda d: d.accept())
    people.get_by_role("button", name="Delete Sam Okafor").click()
    expect(people).not_to_contain_text("Sam Okafor")
    assert [c["name"] for c in api_user.get("/contacts")["items"]] == ["Dana Reyes"]


@pytest.mark.skipif(
    os.environ.get("FOLLOWUP_SCREENSHOTS") != "1",
    reason="refreshes docs/screenshots; run with FOLLOWUP_SCREENSHOTS=1",
)
def test_refresh_insights_screenshot(page: Any, api_user: Api) -> None:
    _seed_history(api_user)
    log_in(page, api_user.email)
    page.goto("/insights")
    page.get_by_role("heading", name="Waiting on employers").wait_for()
    page.wait_for_load_state("networkidle")
    out = Path(__file__).parents[2] / "docs" / "screenshots" / "insights.png"
    page.screenshot(path=str(out), full_page=True)
