"""The news layout measured in Chromium, as issue 11 checks it: the lead photo in
the first screen of an article on a phone, at least 12 headlines in the first
800 px of the home page at 1280 px, a phone header no taller than 80 px whose
"Menu" works with and without JavaScript, the source address on a printed page,
search results newest first with thumbnails, and "Bỏ lọc" only with a filter.

The figures are printed (pytest -s) for the record, e.g.
    .venv/bin/python -m pytest -q -s -p no:randomly tests/browser/test_layout_news.py
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from .conftest import PHONE, new_page
from .pages import ARTICLE

pytestmark = pytest.mark.browser

FIRST_SCREEN = {"width": 1280, "height": 800}
HEADER_MAX = 80  # px at 375 px
HEADLINES_MIN = 12
DONE = "[data-search-app][data-search-state=done]"
NAV_LINKS = "nav[aria-label='Danh mục chính'] a"

# Report headlines: links to articles in a heading (cards, lists) or the home
# page's "newest of each cluster" lines, visible and starting above `limit`.
HEADLINES_JS = """limit => Array.from(document.querySelectorAll('main a[href*="/bai-viet/"]'))
  .filter(a => a.closest('h2, h3, h4, .agency-block__latest'))
  .filter(a => {
    const r = a.getBoundingClientRect();
    const style = getComputedStyle(a);
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.top < limit
      && style.visibility !== 'hidden';
  })
  .map(a => a.textContent.trim())"""


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def javascript(request) -> bool:
    return request.param


def test_lead_photo_is_in_the_first_screen_of_an_article_on_a_phone(browser, server, javascript):
    page = new_page(browser, viewport=PHONE, javascript=javascript)
    try:
        page.goto(server.url(ARTICLE))
        page.wait_for_load_state("networkidle")
        photo = page.locator("figure.lead-photo img")
        box = photo.bounding_box()
        loaded = photo.evaluate("img => img.complete && img.naturalWidth > 0")
    finally:
        page.context.close()
    print(f"\nlead photo at 375×812 ({'JS' if javascript else 'no JS'}): "
          f"{box['y']:.0f}–{box['y'] + box['height']:.0f} px")  # fmt: skip
    assert loaded, "the lead photo is not loaded"
    bottom = box["y"] + box["height"]
    assert bottom <= PHONE["height"], f"the lead photo ends below the first screen: {box}"
    assert box["width"] >= PHONE["width"] - 40, f"the lead photo is not at column width: {box}"


def test_home_page_shows_12_headlines_in_its_first_800_px(browser, server, javascript):
    page = new_page(browser, viewport=FIRST_SCREEN, javascript=javascript)
    try:
        page.goto(server.url(""))
        page.wait_for_load_state("networkidle")
        headlines = page.evaluate(HEADLINES_JS, FIRST_SCREEN["height"])
    finally:
        page.context.close()
    print(f"\nheadlines in the first 800 px at 1280 px: {len(headlines)} "
          f"({len(set(headlines))} different)")  # fmt: skip
    assert len(set(headlines)) >= HEADLINES_MIN, headlines


def test_phone_header_is_short_and_its_menu_opens(browser, server, javascript):
    page = new_page(browser, viewport=PHONE, javascript=javascript)
    try:
        page.goto(server.url(ARTICLE))
        header = page.locator("header.site-header").bounding_box()
        # The heading of the page comes right under the header and the way back.
        h1 = page.locator("h1").bounding_box()
        links = page.locator(NAV_LINKS)
        assert not links.first.is_visible(), "the menu is folded on a phone"
        if javascript:  # a button that says whether the menu is open
            button = page.get_by_role("button", name="Menu")
            state = lambda: button.get_attribute("aria-expanded") == "true"  # noqa: E731
        else:  # the <summary> of a <details>: the browser tells its state
            button = page.get_by_text("Menu", exact=True)
            state = lambda: page.locator("details.site-menu").evaluate("d => d.open")  # noqa: E731
        assert not state()
        button.click()
        assert links.first.is_visible() and links.nth(3).is_visible()
        expanded = state()
        button.click()
        assert not links.first.is_visible(), "a second tap closes the menu"
        if javascript:
            button.click()
            page.keyboard.press("Escape")
            assert not links.first.is_visible(), "Esc closes the menu"
    finally:
        page.context.close()
    print(f"\nheader at 375 px ({'JS' if javascript else 'no JS'}): {header['height']:.0f} px, "
          f"article h1 at {h1['y']:.0f} px")  # fmt: skip
    assert expanded
    assert header["height"] <= HEADER_MAX, header


def test_wide_screens_show_the_menu_without_a_button(browser, server, javascript):
    page = new_page(browser, viewport=FIRST_SCREEN, javascript=javascript)
    try:
        page.goto(server.url(""))
        links = page.locator(NAV_LINKS)
        assert all(links.nth(i).is_visible() for i in range(links.count()))
        assert not page.get_by_text("Menu", exact=True).is_visible()
        assert page.locator(".site-header input[name=q]").is_visible()
        height = page.locator("header.site-header").bounding_box()["height"]
    finally:
        page.context.close()
    print(f"\nheader at 1280 px ({'JS' if javascript else 'no JS'}): {height:.0f} px")
    assert height <= 120


def test_printed_article_names_its_source_and_the_day(browser, server):
    page = new_page(browser)
    try:
        page.goto(server.url(ARTICLE))
        page.emulate_media(media="print")
        source = page.locator(".print-source")
        assert source.is_visible()
        text = source.inner_text()
        hidden = [sel for sel in (".site-menu", ".breadcrumbs", ".neighbours", ".search-form")
                  if page.locator(sel).first.is_visible()]  # fmt: skip
        printed = (".brand__agency", "h1", ".article__date", "figure.lead-photo img")
        shown = all(page.locator(sel).first.is_visible() for sel in printed)
        colours = page.evaluate(
            """() => [...document.querySelectorAll('footer *, header *')]
                 .filter(e => e.offsetParent && e.textContent.trim())
                 .map(e => getComputedStyle(e).color)"""
        )
        page.emulate_media(media="screen")
        on_screen = source.is_visible()
    finally:
        page.context.close()
    assert text.startswith("Nguồn: " + server.url(ARTICLE)), text
    assert re.search(r"— in ngày \d{2}/\d{2}/\d{4}$", text), text
    assert not hidden, f"printed although useless on paper: {hidden}"
    assert shown, "the agency, title, date and lead photo are printed"
    assert set(colours) == {"rgb(0, 0, 0)"}, f"text that may not show on paper: {set(colours)}"
    assert not on_screen


def dates_of(page) -> list[tuple[str, str, str]]:
    metas = page.locator(".search-result__meta").all_inner_texts()
    return [tuple(reversed(re.search(r"(\d{2})/(\d{2})/(\d{4})", m).groups())) for m in metas]


def show_all(page) -> None:
    total = int(page.get_attribute("[data-search-app]", "data-search-count"))
    while page.locator(".search-result").count() < total:
        shown = page.locator(".search-result").count()
        page.click("[data-search-more]")
        page.wait_for_function(
            "n => document.querySelectorAll('.search-result').length > n", arg=shown
        )


@pytest.mark.parametrize("query", ["giao uoc thi dua", "Đắk Nông"])
def test_search_orders_newest_first_on_request(page, server, query):
    page.goto(server.url("tim-kiem/?" + urlencode({"q": query})))
    page.wait_for_selector(DONE)
    show_all(page)
    relevant = page.eval_on_selector_all(".search-result h2 a", "as => as.map(a => a.href)")
    status = page.inner_text("[data-search-status]")
    assert "liên quan nhất trước" in status

    page.get_by_label("Mới nhất").check()
    page.wait_for_function("() => location.search.includes('sap-xep=moi-nhat')")
    page.wait_for_selector(DONE)
    show_all(page)
    newest = page.eval_on_selector_all(".search-result h2 a", "as => as.map(a => a.href)")
    dates = dates_of(page)
    assert sorted(newest) == sorted(relevant), "the same reports, in another order"
    assert dates == sorted(dates, reverse=True), dates
    assert "mới nhất trước" in page.inner_text("[data-search-status]")
    # The order is in the address: a shared link opens the same list.
    page.goto(page.url)
    page.wait_for_selector(DONE)
    assert page.get_by_label("Mới nhất").is_checked()


def test_search_results_show_thumbnails_count_and_filters(page, server, problems):
    page.goto(server.url("tim-kiem/?q=tuy+duc"))
    page.wait_for_selector(DONE)
    reset = page.locator("[data-search-reset]")
    assert not reset.is_visible(), "no filter, nothing to reset"
    page.wait_for_load_state("networkidle")
    images = page.locator(".search-result__image")
    assert images.count() >= 5
    assert images.first.evaluate("img => img.complete && img.naturalWidth > 0")
    assert images.first.get_attribute("alt") == ""  # the title beside it says what it shows

    page.select_option("[data-search-filter=year]", "2024")
    page.wait_for_selector(DONE)
    status = page.inner_text("[data-search-status]")
    count = int(page.get_attribute("[data-search-app]", "data-search-count"))
    assert status.startswith(f"Tìm thấy {count} bài viết cho “tuy duc” (lọc: năm 2024)"), status
    assert reset.is_visible()
    reset.click()
    page.wait_for_selector(DONE)
    assert not reset.is_visible()
    assert "lọc" not in page.inner_text("[data-search-status]")
    assert not problems.items, problems.items


def test_search_filters_fold_on_a_phone(browser, server):
    page = new_page(browser, viewport=PHONE)
    try:
        page.goto(server.url("tim-kiem/?q=giao+uoc&nam=2024"))
        page.wait_for_selector(DONE)
        select = page.locator("[data-search-filter=year]")
        assert not select.is_visible()
        toggle = page.locator(".site-search__filter-box > summary")
        assert "(1 đang chọn)" in toggle.inner_text()
        first = page.locator(".search-result").first.bounding_box()
        toggle.click()
        assert select.is_visible()
        boxes = page.locator("input[type=search]:visible").count()
    finally:
        page.context.close()
    print(f"\nfirst search result at 375 px: {first['y']:.0f} px")
    assert first["y"] < PHONE["height"], "the first result is in the first screen"
    assert boxes == 1, "one search box on the search page"


def test_photo_library_filters_fold_on_a_phone(browser, server):
    page = new_page(browser, viewport=PHONE)
    try:
        page.goto(server.url("thu-vien-anh/"))
        assert not page.locator("nav.photo-filters").is_visible()
        first_album = page.locator(".album").first.bounding_box()
        page.get_by_text("Lọc ảnh").click()
        page.locator("nav.photo-filters a", has_text="Năm 2024").click()
        page.wait_for_url("**/thu-vien-anh/nam/2024/")
        page.get_by_text("Lọc ảnh").click()
        page.get_by_role("link", name=re.compile(r"^Cụm thi đua số 1 \(")).click()
        page.wait_for_url("**/thu-vien-anh/nam/2024/cum/cum-1-vks-dak-nong/")
        title = page.locator("h1").inner_text()
    finally:
        page.context.close()
    assert first_album["y"] < 300, "the first album is near the top, not under the filters"
    assert title == "Thư viện ảnh năm 2024: Cụm thi đua số 1 – VKSND tỉnh Đắk Nông"
