"""Every page type on a 375 px phone: no sideways scrolling, images inside the
screen, the main navigation and the search page within reach. A full-page
screenshot of each is kept for review."""

from __future__ import annotations

import pytest

from .conftest import load_fully, screenshot
from .pages import ALL_PAGES

pytestmark = pytest.mark.browser

NAV = "nav[aria-label='Danh mục chính']"

# Elements wider than the screen on purpose scroll inside their own box.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const scrollsInside = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      const scrolls = ['auto', 'scroll'].includes(style.overflowX);
      if (scrolls && p.scrollWidth > p.clientWidth) return true;
    }
    return false;
  };
  const hidden = el => {
    const r = el.getBoundingClientRect();
    return r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden';
  };
  const images = Array.from(document.querySelectorAll('img, svg, video, iframe'))
    .filter(el => !hidden(el) && !scrollsInside(el))
    .filter(el => {
      const r = el.getBoundingClientRect();
      return r.left < -1 || r.right > width + 1;
    })
    .map(el => el.outerHTML.slice(0, 120));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    images,
  };
}"""


@pytest.mark.parametrize("name", list(ALL_PAGES))
def test_phone_layout(phone_page, server, screenshots, name):
    page = phone_page
    load_fully(page, server.url(ALL_PAGES[name]))
    if name == "search":
        page.wait_for_selector("[data-search-app][data-search-state=done]")
    layout = page.evaluate(OVERFLOW_JS)
    assert layout["scrollWidth"] <= layout["width"], (
        f"{name}: the page scrolls sideways ({layout['scrollWidth']} px wide on a "
        f"{layout['width']} px screen)"
    )
    assert not layout["images"], f"{name}: images wider than the screen: {layout['images']}"
    screenshot(page, screenshots, name)


def test_phone_navigation_is_reachable(phone_page, server):
    page = phone_page
    page.goto(server.url(""))
    links = page.locator(f"{NAV} a")
    assert links.count() >= 5
    # The menu is folded behind its "Menu" button; the button opens it.
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.get_attribute("aria-controls") == "menu-chinh"
    assert not links.first.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    width = page.evaluate("document.documentElement.clientWidth")
    for i in range(links.count()):
        link = links.nth(i)
        link.scroll_into_view_if_needed()
        assert link.is_visible(), f"menu entry {link.inner_text()!r} cannot be seen"
        box = link.bounding_box()
        assert box and box["x"] >= -1 and box["x"] + box["width"] <= width + 1, (
            f"menu entry {link.inner_text()!r} lies outside the screen: {box}"
        )
    # The search page is one tap away.
    assert page.locator(".site-header a.header-button--search").is_visible()
    # And a menu entry works with a tap.
    archive = page.locator(f"{NAV} a", has_text="Lưu trữ")
    archive.click()
    page.wait_for_url("**/luu-tru/")
