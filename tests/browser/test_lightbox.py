"""The photo lightbox of an article, driven by keyboard as issue 3 describes:
opens from a thumbnail, ←/→ move between photos, Esc closes, focus returns."""

from __future__ import annotations

import re

import pytest

from .pages import ARTICLE

pytestmark = pytest.mark.browser

THUMBNAILS = "a[data-lightbox]"
DIALOG = "[role=dialog][aria-modal=true]"


def counter(page) -> tuple[int, int]:
    """(n, N) from the dialog's 'n / N' counter."""
    text = page.locator(DIALOG).inner_text()
    found = re.search(r"(\d+)\s*/\s*(\d+)", text)
    assert found, f"no 'n / N' counter in the dialog: {text!r}"
    return int(found[1]), int(found[2])


def focused_href(page) -> str | None:
    return page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")


def test_lightbox_keyboard(page, server, problems):
    page.goto(server.url(ARTICLE))
    thumbnails = page.locator(THUMBNAILS)
    assert thumbnails.count() >= 2, "the sample article should show a gallery of photos"
    hrefs = [thumbnails.nth(i).get_attribute("href") for i in range(thumbnails.count())]

    thumbnails.first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator(DIALOG)
    dialog.wait_for(state="visible")
    assert counter(page) == (1, len(hrefs))
    assert dialog.locator("img").first.get_attribute("src").endswith(hrefs[0].rsplit("/", 1)[-1])
    # Focus moved into the dialog and Tab keeps it there.
    assert page.evaluate(f"document.querySelector('{DIALOG}').contains(document.activeElement)")
    for _ in range(4):
        page.keyboard.press("Tab")
        assert page.evaluate(f"document.querySelector('{DIALOG}').contains(document.activeElement)")

    page.keyboard.press("ArrowRight")
    assert counter(page) == (2, len(hrefs))
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert counter(page) == (len(hrefs), len(hrefs)), "← from the first photo goes to the last"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert counter(page) == (2, len(hrefs))

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    # Focus returns to the thumbnail of the photo last shown.
    assert focused_href(page) == hrefs[1]
    assert not problems.items, problems.items


def test_thumbnails_are_plain_links_without_javascript(browser, server):
    from .conftest import new_page

    page = new_page(browser, javascript=False)
    try:
        page.goto(server.url(ARTICLE))
        first = page.locator(THUMBNAILS).first
        href = first.get_attribute("href")
        assert href and re.search(r"\.(jpe?g|webp)$", href), href
        response = page.request.get(server.url(href) if href.startswith("/") else href)
        assert response.ok and response.headers["content-type"].startswith("image/")
    finally:
        page.context.close()
