"""A photo placed in the text with Markdown gets the same processing as the gallery."""

from __future__ import annotations

import logging

from tests.sites.gallery.builder import article, build, captured_logs, photo, soup

BODY = """
Mở đầu bài viết.

![Lãnh đạo ký giao ước](ky-ket.jpg "Ký giao ước năm 2024")

Đoạn giữa.

![Toàn cảnh](toan-canh.jpg)

[![Ảnh có liên kết](toan-canh.jpg)](https://example.org/)

![Ảnh thiếu](khong-co.jpg)

![Ảnh ngoài](https://example.org/anh.jpg)
"""


def test_inline_images_become_responsive_pictures(tmp_path):
    content = tmp_path / "content"
    folder = content / "articles" / "2024" / "trong-bai"
    photo(folder / "ky-ket.jpg", (800, 600))
    photo(folder / "toan-canh.jpg", (800, 600))
    article(content, "2024/trong-bai", "Ảnh trong bài", body=BODY, photos=[])
    with captured_logs() as logs:
        output = build(tmp_path)
    prose = soup(output / "bai-viet/2024/trong-bai/index.html").select_one(".prose")

    pictures = prose.select("picture")
    assert len(pictures) == 3
    first = pictures[0]
    assert first.source["type"] == "image/webp"
    assert first.source["srcset"].startswith("/anh/trong-bai/ky-ket-160.webp 160w")
    img = first.img
    assert img["alt"] == "Lãnh đạo ký giao ước"
    assert img["title"] == "Ký giao ước năm 2024"
    assert (img["width"], img["height"]) == ("640", "480")
    assert "loading" not in img.attrs  # first image of the article
    assert pictures[1].img["loading"] == "lazy"

    link = first.parent
    assert link.name == "a" and link["href"] == "/anh/trong-bai/ky-ket-640.jpg"
    assert link["data-lightbox"] == "anh-trong-bai"
    assert link["data-caption"] == "Ký giao ước năm 2024"
    # an image already inside a link keeps that link, and gets no lightbox link
    assert pictures[2].parent["href"] == "https://example.org/"

    assert prose.select_one("img[src='khong-co.jpg']") is not None  # left as written
    assert prose.select_one("img[src='https://example.org/anh.jpg']") is not None
    assert any(
        "ảnh 'khong-co.jpg': không có tệp này; hãy kiểm tra lại tên tệp, hoặc chép ảnh vào thư "
        "mục của bài viết (ảnh chèn trong bài)" in m
        for m in logs.messages()
    )
    for name in ("ky-ket-640.jpg", "toan-canh-640.webp"):
        assert (output / "anh" / "trong-bai" / name).is_file()


def test_first_inline_image_is_the_cover_when_there_is_no_gallery(tmp_path):
    content = tmp_path / "content"
    photo(content / "articles" / "2024" / "chi-mot" / "mot.jpg", (800, 600))
    article(content, "2024/chi-mot", "Một ảnh", body="![Một](mot.jpg)", photos=[])
    with captured_logs() as logs:
        output = build(tmp_path)
    page = soup(output / "bai-viet/2024/chi-mot/index.html")
    assert page.select_one("meta[property='og:image']")["content"] == "/anh/chi-mot/mot-640.jpg"
    assert page.select_one("article > section.gallery") is None
    assert not logs.messages(logging.WARNING)
