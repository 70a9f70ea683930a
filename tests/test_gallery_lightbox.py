"""The lightbox, driven by keyboard in a real Chromium (marked `browser`)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from tests.sites.gallery.builder import article, build, photo

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gallery-lightbox")
    content = tmp / "content"
    folder = content / "articles" / "2024" / "ba-anh"
    for number, colour in enumerate([(200, 30, 30), (30, 160, 60), (30, 60, 200)], start=1):
        photo(folder / f"anh-{number}.jpg", (800, 600), color=colour)
    article(
        content,
        "2024/ba-anh",
        "Ba ảnh",
        photos=[
            {"file": "anh-1.jpg", "caption": "Toàn cảnh buổi lễ"},
            {"file": "anh-2.jpg", "caption": "Ký giao ước"},
            {"file": "anh-3.jpg", "caption": "Chụp ảnh lưu niệm"},
        ],
        photo_credit="Phòng 3",
    )
    output = build(tmp)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def page(server):
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM:
        pytest.skip("no Chromium on this machine")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(f"{server}/bai-viet/2024/ba-anh/")
        page.wait_for_load_state("load")
        yield page
        browser.close()


def active(page, expression="el => el.outerHTML"):
    return page.evaluate(f"({expression})(document.activeElement)")


def test_keyboard_opens_navigates_and_closes_the_lightbox(page):
    links = page.locator("article > section.gallery a.gallery__link")
    links.nth(0).focus()
    page.keyboard.press("Enter")

    dialog = page.locator("[role=dialog][aria-modal=true]")
    dialog.wait_for(state="visible")
    assert dialog.locator(".lightbox__counter").inner_text() == "Ảnh 1 / 3"
    assert "Toàn cảnh buổi lễ" in dialog.inner_text()
    assert "Ảnh: Phòng 3" in dialog.inner_text()
    assert active(page, "el => el.textContent").strip().endswith("Đóng")

    page.keyboard.press("ArrowRight")
    assert dialog.locator(".lightbox__counter").inner_text() == "Ảnh 2 / 3"
    assert "Ký giao ước" in dialog.inner_text()
    assert dialog.locator("img").get_attribute("src").endswith("/anh/ba-anh/anh-2-640.jpg")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert dialog.locator(".lightbox__counter").inner_text() == "Ảnh 3 / 3"  # wraps round

    # Tab and Shift+Tab never leave the dialog.
    for key in ["Tab"] * 5 + ["Shift+Tab"] * 5:
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.closest('[role=dialog]') !== null"), key

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    # focus goes back to the thumbnail of the photo shown last
    assert active(page, "el => el.getAttribute('href')").endswith("/anh/ba-anh/anh-3-640.jpg")


def test_buttons_and_swipe_move_between_photos(page):
    page.locator("article > section.gallery a.gallery__link").nth(1).click()
    dialog = page.locator("[role=dialog]")
    dialog.wait_for(state="visible")
    assert dialog.locator(".lightbox__counter").inner_text() == "Ảnh 2 / 3"
    dialog.get_by_role("button", name="Ảnh sau").click()
    assert dialog.locator(".lightbox__counter").inner_text() == "Ảnh 3 / 3"
    page.evaluate(
        """() => {
        const box = document.querySelector('.lightbox');
        const touch = x => new Touch({identifier: 1, target: box, clientX: x, clientY: 300});
        box.dispatchEvent(new TouchEvent('touchstart', {changedTouches: [touch(400)]}));
        box.dispatchEvent(new TouchEvent('touchend', {changedTouches: [touch(200)]}));
        }"""
    )
    assert dialog.locator(".lightbox__counter").inner_text() == "Ảnh 1 / 3"  # swiped left
    dialog.get_by_role("button", name="Đóng").click()
    dialog.wait_for(state="hidden")
