"""Browser tests: one real server and one headless Chromium for the whole session."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.servers import ROOT, serve

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`followup serve` on a free port with a temporary SQLite database."""
    tmp = tmp_path_factory.mktemp("e2e-server")
    with serve(f"sqlite:///{tmp / 'followup.db'}", data_dir=tmp) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(
            f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@dataclass
class Console:
    """Console errors and uncaught exceptions seen by a page; tests allow expected ones."""

    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


def _new_page(
    browser: Any, request: pytest.FixtureRequest, base_url: str, **context_args: Any
) -> Iterator[Any]:
    context = browser.new_context(
        base_url=base_url, timezone_id="America/New_York", locale="en-US", **context_args
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    console = Console()
    page.on(
        "console", lambda m: m.type == "error" and console.errors.append(f"{m.text} @ {m.location}")
    )
    page.on("pageerror", lambda e: console.errors.append(f"uncaught: {e}"))
    page.console = console
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    unexpected = console.unexpected()
    if failed or unexpected:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
    assert not unexpected, f"console errors: {unexpected}"


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest, base_url: str) -> Iterator[Any]:
    """A fresh desktop-size browser context (no cookies) in New York time."""
    yield from _new_page(browser, request, base_url, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone(browser: Any, request: pytest.FixtureRequest, base_url: str) -> Iterator[Any]:
    """A 360 px wide phone-size context."""
    yield from _new_page(
        browser,
        request,
        base_url,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )


class Api:
    """A plain HTTP client for arranging data and checking what the UI did (token auth)."""

    def __init__(self, base_url: str, email: str) -> None:
        self.email = email
        self.client = httpx.Client(base_url=f"{base_url}/api/v1", timeout=10)
        r = self.client.post(
            "/auth/register",
            json={
                "email": email,
                "password": PASSWORD,
                "name": "Alex Morgan",
                "timezone": "America/New_York",
            },
        )
        assert r.status_code == 201, r.text
        r = self.client.post("/auth/login", json={"email": email, "password": PASSWORD})
        assert r.status_code == 200, r.text
        r = self.client.post(
            "/tokens",
            json={"name": "e2e", "scopes": ["read", "write"]},
            headers={"Origin": base_url},
        )
        assert r.status_code == 201, r.text
        self.client.cookies.clear()
        self.client.headers["Authorization"] = f"Bearer {r.json()['token']}"

    def get(self, path: str, **params: Any) -> Any:
        r = self.client.get(path, params=params)
        assert r.status_code == 200, r.text
        return r.json()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        r = self.client.post(path, json=body)
        assert r.status_code in (200, 201), r.text
        return r.json()

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        r = self.client.patch(path, json=body)
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
def api_user(base_url: str) -> Iterator[Api]:
    """A new account (email unique per test) with an API client holding a read+write token."""
    api = Api(base_url, f"e2e-{uuid.uuid4().hex[:10]}@example.com")
    yield api
    api.client.close()


def log_in(page: Any, email: str, password: str = PASSWORD) -> None:
    """Logs in through the form and waits for Today."""
    page.goto("/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", level=1, name="Today").wait_for()


def check_a11y(page: Any, screen: str) -> None:
    """Injects the vendored axe-core (test-only) and fails on serious or critical violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # evaluate() runs outside the page's CSP, which forbids inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe on {screen}: {bad}"


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.evaluate("() => window.innerWidth")
    assert width <= viewport, f"page is {width}px wide in a {viewport}px viewport"
