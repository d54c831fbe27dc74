"""Real-browser fixtures: the app under ``streamlit run`` and Debian's Chromium.

Chromium is never downloaded: Playwright drives /usr/bin/chromium. Where it is
missing, the browser tests fail in CI (CI=true) and are skipped elsewhere with
the install command. Every request that would leave 127.0.0.1 is blocked and
recorded, so tests can assert the app works offline.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tajikmap.assets import install_static_assets
from tajikmap.paths import ROOT
from tajikmap.testing import CHROMIUM, CHROMIUM_ARGS, start_streamlit

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ARTIFACTS = ROOT / "test-artifacts"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}; install it with: apt-get install chromium"
        if IN_CI:
            pytest.fail(message + " (browser tests are required in CI)")
        pytest.skip(message)
    return CHROMIUM


AppFactory = Callable[..., str]


@pytest.fixture(scope="session")
def start_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppFactory]:
    """Start ``streamlit run dashboard.py`` on a free loopback port; returns its URL."""
    procs: list[subprocess.Popen[bytes]] = []
    install_static_assets(ROOT / "static")

    def start(**env: str) -> str:
        log = tmp_path_factory.mktemp("streamlit") / "server.log"
        proc, url = start_streamlit(ROOT / "dashboard.py", env, log.open("wb"))
        procs.append(proc)
        return url

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def app_url(start_app: AppFactory) -> str:
    return start_app()


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OutsideRequests(list[str]):
    """URLs the page tried to fetch from anywhere but loopback (all were blocked)."""


@pytest.fixture()
def outside() -> OutsideRequests:
    return OutsideRequests()


@pytest.fixture()
def page(browser: object, outside: OutsideRequests) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        host = urlparse(url).hostname or ""
        if urlparse(url).scheme in ("data", "blob", "about") or host in LOOPBACK:
            route.continue_()  # type: ignore[attr-defined]
        else:
            outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


# The two window sizes every page is checked at: a desktop and a phone.
SIZES = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
# The phone is a touch screen (CSS for a coarse pointer applies, as on a real one).
DEVICES: dict[str, dict[str, bool]] = {"desktop": {}, "phone": {"has_touch": True, "is_mobile": True}}


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: object) -> Iterator[tuple[str, object]]:
    """A page at one of the two window sizes (loopback only, like the ``page`` fixture)."""
    context = browser.new_context(viewport=SIZES[request.param], **DEVICES[request.param])  # type: ignore[attr-defined]
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlparse(route.request.url).hostname in ("127.0.0.1", None)
            else route.abort()
        ),
    )
    yield request.param, context.new_page()
    context.close()


# The same two sizes as (width, height), for the pages opened from file://.
VIEWPORTS = {name: (size["width"], size["height"]) for name, size in SIZES.items()}


@pytest.fixture()
def offline(browser: Any) -> Iterator[Any]:
    """A page that may load file: and data: URLs only; anything else is aborted and recorded."""
    contexts: list[Any] = []

    def open_page(viewport: tuple[int, int] = VIEWPORTS["desktop"]) -> Any:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        blocked: list[str] = []

        def guard(route: Any) -> None:
            if route.request.url.startswith(("file:", "data:")):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.blocked = blocked
        page.errors = []
        page.dialogs = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        return page

    yield open_page
    for context in contexts:
        context.close()
