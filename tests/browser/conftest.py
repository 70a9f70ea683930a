"""The browser suite: the sample site built once, served on 127.0.0.1 from a
thread, driven by Debian's Chromium through Playwright.

Without /usr/bin/chromium (or CHROMIUM_PATH) the tests skip with the reason,
except when the CI variable is set: CI must run them, so there they fail.
Screenshots go to TEST_OUTPUT_DIR (default test-output/, not committed).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sample_site import ROOT, built_sample_site

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
NODE_MODULES = ROOT / "node_modules"
OUTPUT_DIR = Path(os.environ.get("TEST_OUTPUT_DIR") or ROOT / "test-output")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def require(condition: bool, reason: str) -> None:
    """Skip with `reason` when `condition` fails, or fail under CI."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser suite must run)")
    pytest.skip(reason)


def node_tool(relative: str) -> Path:
    """A file of an npm package of package.json, installed by `npm ci`."""
    path = NODE_MODULES / relative
    require(path.exists(), f"{path} is missing: run `npm ci` at the top of the repository")
    return path


# -- The site and its server ---------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@dataclass
class Server:
    root: Path
    base_url: str

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")


def serve(root: Path) -> Iterator[Server]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(root, f"http://127.0.0.1:{httpd.server_address[1]}")
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def site_root(chromium_executable) -> Path:
    return built_sample_site()


@pytest.fixture(scope="session")
def server(site_root) -> Iterator[Server]:
    yield from serve(site_root)


@pytest.fixture(scope="package")
def browser(chromium_executable):
    """One Chromium for this folder's tests, closed when they are done: Playwright's
    sync API allows one running instance, and other test modules start their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_executable), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


# -- Pages, watched for errors ----------------------------------------------------


@dataclass
class Problems:
    """Console errors, uncaught exceptions and failed requests of one page."""

    items: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.items.append(f"uncaught: {exc}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error":
            self.items.append(f"console error: {message.text} ({message.location.get('url')})")

    def _failed(self, request) -> None:
        self.items.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.items.append(f"HTTP {response.status}: {response.url}")


def new_page(browser, viewport=DESKTOP, javascript=True, problems: Problems | None = None):
    context = browser.new_context(
        viewport=viewport,
        locale="vi-VN",
        java_script_enabled=javascript,
        service_workers="block",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    if problems is not None:
        problems.watch(page)
    return page


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(browser, problems):
    """A desktop-sized page whose console errors and failed requests are recorded."""
    page = new_page(browser, problems=problems)
    yield page
    page.context.close()


@pytest.fixture
def phone_page(browser, problems):
    """A 375 px wide page, as on a phone."""
    page = new_page(browser, viewport=PHONE, problems=problems)
    yield page
    page.context.close()


def load_fully(page, url: str) -> None:
    """Open `url` and scroll to the bottom and back, so lazy images load too."""
    page.goto(url)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Folder for the screenshots of each page type, for review (not committed)."""
    folder = OUTPUT_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(page, folder: Path, name: str) -> Path:
    width = page.viewport_size["width"] if page.viewport_size else 0
    path = folder / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
