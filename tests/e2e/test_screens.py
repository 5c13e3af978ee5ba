"""Today's undo and history, what the screens say, phone targets and the first screens."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.servers import ROOT

from .conftest import PASSWORD, Api, check_a11y, log_in, no_sideways_scroll
from .test_ui import _open_keys, _recent_interview

pytestmark = pytest.mark.e2e


def _boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_undo_is_one_key_press_after_done(
    viewport: str, api_user: Api, request: pytest.FixtureRequest
) -> None:
    page = request.getfixturevalue(viewport)
    data = _recent_interview(api_user)
    log_in(page, api_user.email)
    dana = page.locator("article.action", has_text="Thank Dana Reyes")
    (key,) = [
        a["key"]
        for a in api_user.get("/next-actions")["items"]
        if a["kind"] == "send_thank_you" and a["contact_id"] == data["dana"]["id"]
    ]
    dana.get_by_role("button", name="Dismiss").focus()
    page.keyboard.press("Enter")
    undo = page.locator(".resolved.saved").get_by_role("button", name="Undo")
    # Focus is on Undo at once, and it says what it undoes.
    expect(undo).to_be_focused()
    expect(undo).to_have_accessible_description(re.compile("^Dismissed: Thank Dana Reyes"))
    assert key not in _open_keys(api_user)
    check_a11y(page, f"today with an undo line ({viewport})")
    page.keyboard.press("Enter")
    expect(dana).to_be_visible()
    expect(dana.get_by_role("button", name="Done")).to_be_focused()
    assert key in _open_keys(api_user)


def test_escape_closes_the_snooze_choices(page: Any, api_user: Api) -> None:
    _recent_interview(api_user)
    log_in(page, api_user.email)
    dana = page.locator("article.action", has_text="Thank Dana Reyes")
    snooze = dana.get_by_role("button", name="Snooze…", exact=True)
    snooze.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(dana.get_by_role("button", name="Tomorrow")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dana.get_by_role("button", name="Tomorrow")).to_have_count(0)
    expect(snooze).to_be_focused()
    expect(snooze).to_have_attribute("aria-expanded", "false")


def test_a_toast_never_covers_a_draft(page: Any, api_user: Api) -> None:
    _recent_interview(api_user)
    log_in(page, api_user.email)
    check = page.locator("article.action", has_text="Check in with")
    check.get_by_text(re.compile(r"^Draft")).click()
    check.get_by_label("Something of value to share").fill("a write-up: https://example.com/w")
    check.get_by_role("button", name="Use in the draft").click()
    toast = page.locator(".toast", has_text="Added to the draft")
    expect(toast).to_be_visible()
    box = toast.bounding_box()
    for draft in page.locator("details.draft[open]").all():
        assert not _boxes_overlap(box, draft.bounding_box())
    # Copy says so beside the button, not in a toast.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    check.get_by_role("button", name="Copy").click()
    expect(check.locator(".copied")).to_have_text("Copied to the clipboard.")


def _history_api() -> bool:
    """Whether this branch's API lists actions by state (the data half builds it)."""
    spec = json.loads((ROOT / "openapi" / "openapi.json").read_text(encoding="utf-8"))
    params = spec["paths"]["/api/v1/next-actions"]["get"].get("parameters", [])
    return any(p["name"] == "state" for p in params)


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_history_lists_a_dismissed_action_and_reopens_it_by_keyboard(
    viewport: str, api_user: Api, request: pytest.FixtureRequest
) -> None:
    if not _history_api():
        pytest.skip("needs the action-history API from the data half")
    page = request.getfixturevalue(viewport)
    _recent_interview(api_user)
    (sam,) = [
        a for a in api_user.get("/next-actions")["items"] if a["title"].startswith("Thank Sam")
    ]
    api_user.post(f"/next-actions/{sam['key']}/dismiss", {})
    log_in(page, api_user.email)
    page.get_by_role("link", name=re.compile("^History")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History")
    expect(page).to_have_title("History · Followup")
    item = page.locator(".history li", has_text="Thank Sam Okafor")
    expect(item).to_contain_text("Dismissed")
    check_a11y(page, f"history ({viewport})")
    item.get_by_role("button", name=re.compile("^Reopen")).focus()
    page.keyboard.press("Enter")
    back = item.get_by_role("link", name="Back on Today")
    expect(back).to_be_focused()
    assert sam["key"] in _open_keys(api_user)
    page.get_by_role("radio", name="Done").check()
    expect(page.locator(".history li", has_text="Thank Sam")).to_have_count(0)


def test_cards_say_what_they_mean(page: Any, api_user: Api) -> None:
    """Plurals, dates in sentences, due groups, sources and a mistyped year."""
    data = _recent_interview(api_user)
    decision = (datetime.now(UTC) + timedelta(days=10)).date()
    api_user.patch(
        f"/interviews/{data['interview']['id']}", {"decision_expected_on": decision.isoformat()}
    )
    log_in(page, api_user.email)
    main = page.locator("main")
    page.locator("article.action").first.wait_for()
    text = main.inner_text()
    assert "(s)" not in text
    assert not re.search(r"\(\d{4}-\d{2}-\d{2}\)", text), text
    assert not re.search(r"\d{3,} days", text), text
    # A mistyped year (data from before dates were checked, or an import) says so, no "62847 days".
    base = page.locator("link[rel=stylesheet]").get_attribute("href").rsplit("/", 1)[0]
    far = page.evaluate(
        """async (base) => {
            const { dueText } = await import(`${base}/time.js`);
            return dueText({status: 'upcoming', earliest_at: '2199-03-01T14:00:00Z',
                due_at: '2199-03-08T14:00:00Z'}, 'America/New_York');
        }""",
        base,
    )
    assert far == "opens Mar 1, 2199 — the date looks wrong"
    # "To do today" only holds what is due within a day; a check due later says so.
    for card in page.locator(".group-due article.action").all():
        expect(card.locator(".due")).not_to_contain_text(re.compile(r"in \d+ days"))
    sources = page.locator("article.action", has_text="Thank Dana Reyes").locator("details.sources")
    sources.locator("summary").click()
    expect(sources).to_contain_text("From the guide “")
    expect(sources).not_to_contain_text(".txt")
    expect(sources.locator("mark").first).to_be_visible()
    assert sources.locator("blockquote").first.inner_text().rstrip().endswith((".", "!", "?"))
    expect(page).to_have_title("Today · Followup")
    page.goto(f"/applications/{data['app']['id']}")
    expect(page).to_have_title(re.compile("^Acme Analytics"))


def test_dates_have_one_format_with_the_year_only_when_it_is_another(
    page: Any, api_user: Api
) -> None:
    last_year = date(datetime.now(UTC).year - 1, 11, 19)
    api_user.post(
        "/applications",
        {"company": "Oldco", "role_title": "Analyst", "applied_on": last_year.isoformat()},
    )
    this_year = date(datetime.now(UTC).year, 1, 5)
    api_user.post(
        "/applications",
        {"company": "Newco", "role_title": "Analyst", "applied_on": this_year.isoformat()},
    )
    log_in(page, api_user.email)
    page.goto("/pipeline")
    expect(page.locator(".app-card", has_text="Oldco")).to_contain_text(
        f"Applied Nov 19, {last_year.year}"
    )
    expect(page.locator(".app-card", has_text="Newco")).to_contain_text("Applied Jan 5")
    expect(page.locator(".app-card", has_text="Newco")).not_to_contain_text(str(this_year.year))
    page.goto("/insights")
    waiting = page.locator("section", has_text="Waiting on employers")
    expect(waiting).to_contain_text(f"since Nov 19, {last_year.year}")
    assert not re.search(r"\d+/\d+/\d{4}", waiting.inner_text())


def test_insights_say_how_many_messages_make_a_rate(page: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    for who in ("dana", "sam"):
        api_user.post(
            "/touchpoints",
            {
                "application_id": data["app"]["id"],
                "contact_id": data[who]["id"],
                "kind": "thank_you",
                "direction": "outbound",
                "channel": "email",
                "occurred_at": datetime.now(UTC).isoformat(),
            },
        )
    log_in(page, api_user.email)
    page.goto("/insights")
    expect(page.locator(".notice")).to_contain_text(
        "2 messages sent so far, and a rate starts to mean something from 5"
    )


def test_every_control_is_a_44px_target_on_a_phone(phone: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    log_in(phone, api_user.email)
    for path in (
        "/today",
        "/pipeline",
        f"/applications/{data['app']['id']}",
        "/history",
        "/people",
        "/interviews",
    ):
        phone.goto(path)
        phone.get_by_role("heading", level=1).wait_for()
        phone.wait_for_load_state("networkidle")
        small = phone.evaluate("""() => [...document.querySelectorAll(
                'header a, header button, main a, main button, main summary, main select')]
            .filter((el) => el.getClientRects().length)
            .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect().height])
            .filter(([, h]) => h < 43.5)""")
        assert not small, f"{path}: under 44 px: {small}"
        no_sideways_scroll(phone)


def test_the_first_screen_says_what_followup_is_and_signup_shows_first_steps(
    phone: Any,
) -> None:
    phone.goto("/")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Follow up on every interview")
    expect(phone.locator("main")).to_contain_text("whom to thank")
    check_a11y(phone, "welcome")
    phone.get_by_role("link", name="Create an account").click()
    email = f"first-{uuid.uuid4().hex[:8]}@example.com"
    phone.get_by_label("Email").fill(email)
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign up").click()
    steps = phone.locator(".first-run ol li")
    expect(steps).to_have_count(4)
    expect(steps.first).to_contain_text("Record an interview")
    check_a11y(phone, "first run")


def test_board_moves_cards_by_drag_and_by_keyboard_and_sorts(page: Any, api_user: Api) -> None:
    old = (datetime.now(UTC) - timedelta(days=9)).date().isoformat()
    acme = api_user.post(
        "/applications", {"company": "Acme Analytics", "role_title": "Data Engineer"}
    )
    api_user.post(
        "/applications", {"company": "Zenith", "role_title": "Analyst", "applied_on": old}
    )
    log_in(page, api_user.email)
    page.get_by_role("navigation").get_by_role("link", name="Pipeline").click()
    applied = page.get_by_role("region", name=re.compile("^Applied"))
    interviewing = page.get_by_role("region", name=re.compile("^Interviewing"))
    # Longest in stage first, and each card says how long.
    expect(applied.locator(".app-card").first).to_contain_text("Zenith")
    expect(applied.locator(".app-card", has_text="Zenith")).to_contain_text("9 days in this stage")
    page.get_by_label("Sort").select_option("company")
    expect(applied.locator(".app-card").first).to_contain_text("Acme")
    check_a11y(page, "board")

    # Drag and drop.
    applied.locator(".app-card", has_text="Zenith").drag_to(interviewing)
    expect(interviewing).to_contain_text("Zenith")
    expect(page.locator(".toast")).to_contain_text("Zenith: Interviewing.")

    # Keyboard: the arrow button moves it and keeps focus on the card.
    move = page.get_by_role("button", name="Move Acme Analytics, Data Engineer to Interviewing")
    move.focus()
    page.keyboard.press("Enter")
    expect(interviewing).to_contain_text("Acme Analytics")
    expect(page.locator(".toast", has_text="Acme Analytics: Interviewing.")).to_be_visible()
    assert api_user.get(f"/applications/{acme['id']}")["status"] == "interviewing"
    focused = page.evaluate("() => document.activeElement.closest('[data-app]')?.dataset.app")
    assert focused == str(acme["id"])


def test_board_filters_by_tag_and_by_where_the_job_was_found(page: Any, api_user: Api) -> None:
    api_user.post(
        "/applications",
        {"company": "Acme", "role_title": "Analyst", "tags": ["remote"], "source": "LinkedIn"},
    )
    api_user.post(
        "/applications",
        {"company": "Globex", "role_title": "Analyst", "tags": ["remote", "python"]},
    )
    api_user.post("/applications", {"company": "Initech", "role_title": "Analyst"})
    log_in(page, api_user.email)
    page.get_by_role("navigation").get_by_role("link", name="Pipeline").click()
    board = page.locator(".board")
    expect(board.locator(".app-card")).to_have_count(3)
    page.get_by_label("Tag").select_option("python")
    expect(board.locator(".app-card")).to_have_count(1)
    expect(board).to_contain_text("Globex")
    page.get_by_label("Tag").select_option("remote")
    expect(board.locator(".app-card")).to_have_count(2)
    page.get_by_label("Found through").select_option("LinkedIn")
    expect(board.locator(".app-card")).to_have_count(1)
    expect(board).to_contain_text("Acme")
    check_a11y(page, "board filters")


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_people_group_one_recruiter_across_applications(
    viewport: str, api_user: Api, request: pytest.FixtureRequest
) -> None:
    page = request.getfixturevalue(viewport)
    data = _recent_interview(api_user)
    other = api_user.post("/applications", {"company": "Globex", "role_title": "Analyst"})
    for app_id in (data["app"]["id"], other["id"]):
        api_user.post(
            "/contacts",
            {
                "application_id": app_id,
                "name": "Riley Chen",
                "title": "Recruiter",
                "email": "Riley@Agency.example",
            },
        )
    log_in(page, api_user.email)
    page.get_by_role("navigation").get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    riley = page.locator(".people-list > li", has_text="Riley Chen")
    expect(riley).to_have_count(1)
    expect(riley).to_contain_text("2 applications")
    expect(riley).to_contain_text("Acme Analytics")
    expect(riley).to_contain_text("Globex")
    dana = page.locator(".people-list > li", has_text="Dana Reyes")
    dana.get_by_text(re.compile("^History")).click()
    expect(dana).to_contain_text("Interview, round 1")
    check_a11y(page, f"people ({viewport})")


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_upcoming_interviews_with_the_prepare_checklist(
    viewport: str, api_user: Api, request: pytest.FixtureRequest
) -> None:
    page = request.getfixturevalue(viewport)
    data = _recent_interview(api_user)
    api_user.post(
        "/interviews",
        {
            "application_id": data["app"]["id"],
            "starts_at": (datetime.now(UTC) + timedelta(days=3)).isoformat(),
            "format": "onsite",
            "interviewers": [{"contact_id": data["sam"]["id"]}],
        },
    )
    log_in(page, api_user.email)
    page.get_by_role("navigation").get_by_role("link", name="Interviews").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Upcoming interviews")
    items = page.locator(".interviews-list > li")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("round 2")
    expect(items.first).to_contain_text("With Sam Okafor")
    box = items.first.get_by_role("checkbox").first
    box.focus()
    page.keyboard.press("Space")
    expect(items.first.locator("legend")).to_contain_text("1 of 4")
    page.reload()
    expect(
        page.locator(".interviews-list > li").first.get_by_role("checkbox").first
    ).to_be_checked()
    check_a11y(page, f"upcoming interviews ({viewport})")


def test_two_rounds_with_one_person_name_their_round(page: Any, api_user: Api) -> None:
    data = _recent_interview(api_user)
    api_user.post(
        "/interviews",
        {
            "application_id": data["app"]["id"],
            "starts_at": (datetime.now(UTC) - timedelta(hours=3)).isoformat(),
            "format": "video",
            "interviewers": [{"contact_id": data["dana"]["id"], "topics": ["the roadmap"]}],
        },
    )
    log_in(page, api_user.email)
    titles = page.locator("article.action h3", has_text="Thank Dana Reyes")
    expect(titles).to_have_count(2)
    texts = sorted(t.inner_text() for t in titles.all())
    assert [re.search(r"\(round (\d)", t).group(1) for t in texts] == ["1", "2"], texts
