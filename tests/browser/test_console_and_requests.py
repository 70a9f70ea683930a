"""No console error, uncaught exception or failed request on any page type
(desktop width); a full-page screenshot of each is kept for review."""

from __future__ import annotations

import pytest

from .conftest import load_fully, screenshot
from .pages import ALL_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", list(ALL_PAGES))
def test_page_loads_cleanly(page, server, problems, screenshots, name):
    load_fully(page, server.url(ALL_PAGES[name]))
    if name == "search":
        page.wait_for_selector("[data-search-app][data-search-state=done]")
        page.wait_for_load_state("networkidle")
    assert not problems.items, f"{name}:\n  " + "\n  ".join(problems.items)
    screenshot(page, screenshots, name)
