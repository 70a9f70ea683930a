"""An article's photos become a gallery of responsive thumbnails with captions."""

from __future__ import annotations

import pytest

from tests.sites.gallery.builder import article, build, photo, soup

PAGE = "bai-viet/2024/ky-ket-2024/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gallery-article")
    content = tmp / "content"
    folder = content / "articles" / "2024" / "ky-ket-2024"
    photo(folder / "toan-canh.jpg", (1200, 900))
    photo(folder / "ky-ket.jpg", (900, 1200))
    photo(folder / "nho.png", (200, 150), fmt="PNG")
    article(
        content,
        "2024/ky-ket-2024",
        "Lễ ký kết giao ước thi đua năm 2024",
        photos=[
            {"file": "toan-canh.jpg", "caption": "Toàn cảnh <b>lễ ký kết</b>", "alt": "Hội trường"},
            {"file": "ky-ket.jpg", "caption": "Lãnh đạo ký giao ước", "credit": "Phòng 3"},
            {"file": "nho.png", "caption": "Ảnh nhỏ"},
        ],
        photo_credit="Văn phòng VKSND tỉnh",
        cover="ky-ket.jpg",
    )
    return build(tmp)


def gallery(site):
    return soup(site / PAGE).select_one("article > section.gallery")


def test_every_photo_is_a_figure_with_its_caption_and_credit(site):
    figures = gallery(site).select("figure")
    assert [f.figcaption.span.get_text() for f in figures] == [
        "Toàn cảnh <b>lễ ký kết</b>",  # escaped text, not markup
        "Lãnh đạo ký giao ước",
        "Ảnh nhỏ",
    ]
    credits = [f.select_one(".gallery__credit").get_text() for f in figures]
    assert credits == ["Ảnh: Văn phòng VKSND tỉnh", "Ảnh: Phòng 3", "Ảnh: Văn phòng VKSND tỉnh"]
    assert "Hình ảnh" in gallery(site).h2.get_text()


def test_thumbnails_are_pictures_with_webp_and_jpeg_srcsets(site):
    first = gallery(site).select_one("picture")
    source = first.source
    assert source["type"] == "image/webp"
    assert source["srcset"] == (
        "/anh/ky-ket-2024/toan-canh-160.webp 160w, /anh/ky-ket-2024/toan-canh-320.webp 320w, "
        "/anh/ky-ket-2024/toan-canh-640.webp 640w"
    )
    img = first.img
    assert img["src"] == "/anh/ky-ket-2024/toan-canh-320.jpg"  # the middle size
    assert "/anh/ky-ket-2024/toan-canh-640.jpg 640w" in img["srcset"]
    assert img["sizes"]
    # the largest derivative: the widest configured width, never the 1200 px source
    assert (img["width"], img["height"]) == ("640", "480")
    assert img["alt"] == "Hội trường"


def test_only_the_first_visible_photo_loads_eagerly(site):
    images = gallery(site).select("img")
    assert len(images) == 3
    assert "loading" not in images[0].attrs
    assert all(img["loading"] == "lazy" for img in images[1:])


def test_portrait_photo_keeps_its_shape_and_alt_falls_back_to_caption(site):
    img = gallery(site).select("img")[1]
    assert (img["width"], img["height"]) == ("640", "853")
    assert img["alt"] == "Lãnh đạo ký giao ước"


def test_small_photo_is_never_enlarged(site):
    img = gallery(site).select("img")[2]
    assert (img["width"], img["height"]) == ("200", "150")
    assert img["srcset"] == "/anh/ky-ket-2024/nho-160.jpg 160w, /anh/ky-ket-2024/nho-200.jpg 200w"


def test_each_thumbnail_links_to_the_large_jpeg_for_the_lightbox(site):
    links = gallery(site).select("a.gallery__link")
    assert [a["href"] for a in links] == [
        "/anh/ky-ket-2024/toan-canh-640.jpg",
        "/anh/ky-ket-2024/ky-ket-640.jpg",
        "/anh/ky-ket-2024/nho-200.jpg",
    ]
    assert {a["data-lightbox"] for a in links} == {"anh-ky-ket-2024"}
    assert links[0]["data-caption"] == "Toàn cảnh <b>lễ ký kết</b>"


def test_every_referenced_file_is_in_the_output(site):
    page = soup(site / PAGE)
    urls = {page.select_one("meta[property='og:image']")["content"]}
    for tag in page.select("img[src], source[srcset], a[data-lightbox]"):
        if tag.get("src") or tag.get("href"):
            urls.add(tag.get("src") or tag.get("href"))
        for candidate in (tag.get("srcset") or "").split(","):
            if candidate.strip():
                urls.add(candidate.split()[0])
    assert urls
    for url in urls:
        assert (site / url.lstrip("/")).is_file(), url


def test_cover_is_the_photo_named_in_front_matter(site):
    og = soup(site / PAGE).select_one("meta[property='og:image']")
    assert og["content"] == "/anh/ky-ket-2024/ky-ket-640.jpg"


def test_originals_are_not_published(site):
    assert not list(site.rglob("toan-canh.jpg"))
    assert not list(site.rglob("*.png"))


def test_the_partial_also_works_as_an_include(site):
    included = soup(site / PAGE).select_one(".as-include section.gallery")
    assert included is not None
    assert len(included.select("figure")) == 3
