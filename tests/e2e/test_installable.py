"""The installable app: manifest and icons, offline read-only view, share target, bookmarklet."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urljoin

import httpx
import pytest
from playwright.sync_api import expect

from .conftest import Api, check_a11y, log_in
from .test_ui import _recent_interview

pytestmark = pytest.mark.e2e


def test_the_manifest_makes_the_app_installable_with_a_share_target(
    phone: Any, base_url: str
) -> None:
    phone.goto("/")
    href = phone.locator("link[rel=manifest]").get_attribute("href")
    manifest_url = urljoin(base_url, href)
    manifest = httpx.get(manifest_url).json()
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/today"
    assert manifest["share_target"] == {
        "action": "/share",
        "method": "GET",
        "params": {"title": "title", "text": "text", "url": "url"},
    }
    sizes = set()
    for icon in manifest["icons"]:
        r = httpx.get(urljoin(manifest_url, icon["src"]))
        assert r.status_code == 200
        assert r.headers["content-type"] == icon["type"]
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes
    # The worker is served at the root, so it controls every screen.
    registered = phone.evaluate(
        "async () => (await navigator.serviceWorker.ready).active.scriptURL"
    )
    assert registered == f"{base_url}/sw.js"


def _controlled(page: Any) -> None:
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_today_and_the_pipeline_offline_are_read_only_and_say_so(
    viewport: str, api_user: Api, request: pytest.FixtureRequest
) -> None:
    page = request.getfixturevalue(viewport)
    _recent_interview(api_user)
    log_in(page, api_user.email)
    _controlled(page)
    # Seen once online while the worker is in control: that is what it keeps.
    page.reload()
    page.locator("article.action").first.wait_for()
    page.goto("/pipeline")
    page.locator(".app-card").first.wait_for()
    page.wait_for_load_state("networkidle")

    page.context.set_offline(True)
    page.console.allow(r"ERR_INTERNET_DISCONNECTED|Failed to fetch|status of 50\d")
    page.goto("/today")
    banner = page.locator(".offline-banner")
    expect(banner).to_contain_text("You are offline")
    dana = page.locator("article.action", has_text="Thank Dana Reyes")
    expect(dana).to_be_visible()
    expect(dana.get_by_role("button", name="Done")).to_be_disabled()
    check_a11y(page, f"today offline ({viewport})")
    page.get_by_role("navigation").get_by_role("link", name="Pipeline").click()
    expect(page.locator(".app-card", has_text="Acme Analytics")).to_be_visible()
    expect(banner).to_be_visible()

    page.context.set_offline(False)
    expect(banner).to_have_count(0)
    expect(page.get_by_role("button", name="Add an application")).to_be_enabled()


def test_sharing_a_job_posting_opens_a_new_application_filled_in(phone: Any, api_user: Api) -> None:
    log_in(phone, api_user.email)
    phone.goto(
        "/share?title=Data%20Engineer%20at%20Acme%20Analytics"
        "&text=Have%20a%20look%20https%3A%2F%2Fjobs.example.com%2F42"
    )
    form = phone.get_by_role("form", name="New application")
    expect(form.get_by_label("Role")).to_have_value("Data Engineer")
    expect(form.get_by_label("Company")).to_have_value("Acme Analytics")
    expect(form.get_by_label("Job posting link")).to_have_value("https://jobs.example.com/42")
    expect(phone).to_have_title("Pipeline · Followup")
    check_a11y(phone, "share target")
    form.get_by_role("button", name="Add application").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Acme Analytics")
    (app,) = api_user.get("/applications")["items"]
    assert (app["company"], app["role_title"], app["job_url"]) == (
        "Acme Analytics",
        "Data Engineer",
        "https://jobs.example.com/42",
    )


def test_the_bookmarklet_on_settings_does_the_same_on_a_desktop(page: Any, api_user: Api) -> None:
    log_in(page, api_user.email)
    page.goto("/settings")
    link = page.get_by_role("link", name="Add to Followup")
    expect(link).to_be_visible()
    code = unquote(link.get_attribute("href").removeprefix("javascript:"))
    page.route(
        "https://jobs.example.com/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body="<!doctype html><title>Analyst - Globex</title><p>A job</p>",
        ),
    )
    page.goto("https://jobs.example.com/7")
    page.evaluate(code)
    page.wait_for_url(re.compile(r"/share\?"))
    form = page.get_by_role("form", name="New application")
    expect(form.get_by_label("Role")).to_have_value("Analyst")
    expect(form.get_by_label("Company")).to_have_value("Globex")
    expect(form.get_by_label("Job posting link")).to_have_value("https://jobs.example.com/7")
