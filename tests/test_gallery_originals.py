"""GALLERY_PUBLISH_ORIGINALS publishes the original files, without GPS or serial numbers."""

from __future__ import annotations

from PIL import Image

from tests.sites.gallery.builder import article, build, photo, soup


def test_originals_are_published_losslessly_without_location_or_serials(tmp_path):
    content = tmp_path / "content"
    folder = content / "articles" / "2024" / "goc"
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0112] = 1
    exif[0x8825] = {1: "N", 2: (12.0, 0.0, 17.5), 3: "E", 4: (107.0, 41.0, 28.8)}
    exif[0x8769] = {0xA431: "083021004512", 0x829A: 0.008}
    source = photo(folder / "goc.jpg", (800, 600), exif=exif)
    photo(folder / "hinh.png", (300, 200), fmt="PNG")
    article(content, "2024/goc", "Ảnh gốc", photos=["goc.jpg", "hinh.png"])
    output = build(tmp_path, GALLERY_PUBLISH_ORIGINALS=True)

    original = output / "anh" / "goc" / "goc.jpg"
    assert original.is_file() and (output / "anh" / "goc" / "hinh.png").is_file()
    with Image.open(original) as published, Image.open(source) as kept:
        data = published.getexif()
        assert data[0x010F] == "Canon"  # harmless camera make stays
        assert 0x8825 not in data and not data.get_ifd(0x8825)
        assert 0xA431 not in data.get_ifd(0x8769)
        assert published.tobytes() == kept.tobytes()  # same pixels: not re-encoded
    assert b"083021004512" not in original.read_bytes()


def test_relative_urls_point_back_to_the_site_root(tmp_path):
    content = tmp_path / "content"
    photo(content / "articles" / "2024" / "tuong-doi" / "a.jpg", (800, 600))
    article(content, "2024/tuong-doi", "Tương đối", body="![Ảnh](a.jpg)", photos=["a.jpg"])
    output = build(tmp_path, RELATIVE_URLS=True)
    page_path = output / "bai-viet/2024/tuong-doi/index.html"
    page = soup(page_path)
    sources = [img["src"] for img in page.select("img")]
    sources += [c.split()[0] for s in page.select("source") for c in s["srcset"].split(",")]
    assert sources and all(src.startswith("../../../anh/tuong-doi/") for src in sources)
    for src in sources:
        assert (page_path.parent / src).resolve().is_file(), src
