"""Bad photos are named with their article, skipped, and the rest of the site builds;
with GALLERY_STRICT they fail the build, all of them listed."""

from __future__ import annotations

import logging

import pytest
from PIL import Image

from tests.sites.gallery.builder import article, build, captured_logs, photo, settings_for, soup
from thidua.domain.report import ContentError
from thidua.gallery.settings import resolve
from thidua.gallery.sources import check_sources


def check_article_photos(source, metadata, settings) -> list[str]:
    return check_sources(str(source), metadata, resolve(settings))


ARTICLE = "content/articles/2024/anh-loi/index.md"
PHOTOS = [
    {"file": "tot.jpg", "caption": "Ảnh tốt"},
    {"file": "hong.jpg"},
    {"file": "rong.jpg"},
    {"file": "van-ban.jpg"},
    {"file": "anh.bmp"},
    {"file": "qua-lon.png"},
    {"file": "khong-co.jpg"},
    {"file": "../../../../../etc/passwd"},
    {"file": "tot.jpg"},
    {"file": "cuoi.jpg", "caption": "Ảnh cuối"},
]
EXPECTED = {
    "hong.jpg": "ảnh bị hỏng hoặc chưa chép hết",
    "rong.jpg": "tệp trống (0 byte)",
    "van-ban.jpg": "tệp này không phải ảnh",
    "anh.bmp": "định dạng ảnh BMP không dùng được",
    "qua-lon.png": "quá giới hạn",
    "khong-co.jpg": "không có tệp này",
    "../../../../../etc/passwd": "đường dẫn ra ngoài thư mục nội dung",
    "tot.jpg": "được ghi nhiều lần (mục 1 và 9)",
}


def write_site(tmp):
    content = tmp / "content"
    folder = content / "articles" / "2024" / "anh-loi"
    good = photo(folder / "tot.jpg", (800, 600))
    photo(folder / "cuoi.jpg", (800, 600), color=(20, 120, 40))
    (folder / "hong.jpg").write_bytes(good.read_bytes()[:3000])  # truncated
    (folder / "rong.jpg").write_bytes(b"")
    (folder / "van-ban.jpg").write_text("không phải ảnh", encoding="utf-8")
    Image.new("RGB", (50, 50)).save(folder / "anh.bmp")
    Image.new("L", (3000, 2000)).save(folder / "qua-lon.png")  # 6 MP, over the test limit
    article(content, "2024/anh-loi", "Bài có ảnh lỗi", photos=PHOTOS)
    return tmp


OVERRIDE = {"GALLERY_MAX_PIXELS": 5_000_000}


@pytest.fixture(scope="module")
def lenient(tmp_path_factory):
    tmp = write_site(tmp_path_factory.mktemp("gallery-bad"))
    with captured_logs() as logs:
        output = build(tmp, **OVERRIDE)
    return output, logs


def test_each_problem_names_the_article_and_the_photo(lenient):
    _output, logs = lenient
    warnings = logs.messages(logging.WARNING)
    for name, what in EXPECTED.items():
        matching = [m for m in warnings if m.startswith(f"{ARTICLE}:") and f"ảnh '{name}': " in m]
        assert matching, (name, warnings)
        assert what in matching[0], matching[0]
    assert len(warnings) == len(EXPECTED)


def test_the_good_photos_are_published_and_the_site_is_built(lenient):
    output, _logs = lenient
    page = soup(output / "bai-viet/2024/anh-loi/index.html")
    captions = [c.get_text(strip=True) for c in page.select("article > section.gallery figcaption")]
    assert captions == ["Ảnh tốt", "Ảnh cuối"]
    assert (output / "index.html").exists()
    assert sorted(p.name for p in (output / "anh" / "anh-loi").iterdir()) == sorted(
        f"{stem}-{w}.{ext}"
        for stem in ("tot", "cuoi")
        for w in (160, 320, 640)
        for ext in ("jpg", "webp")
    )


def test_strict_mode_fails_the_build_listing_every_problem(tmp_path):
    write_site(tmp_path)
    with pytest.raises(ContentError) as failure:
        build(tmp_path, GALLERY_STRICT=True, **OVERRIDE)
    errors = [str(p) for p in failure.value.report.errors]
    assert len(errors) == len(EXPECTED)
    for name in EXPECTED:
        assert any(f"{ARTICLE}:" in e and f"ảnh '{name}'" in e for e in errors), name
    assert not (tmp_path / "output").exists()  # stopped before anything was written


def test_check_article_photos_reports_without_processing(tmp_path):
    write_site(tmp_path)
    settings = settings_for(tmp_path, **OVERRIDE)
    source = tmp_path / ARTICLE
    messages = check_article_photos(str(source), {"photos": PHOTOS}, settings)
    for name, what in EXPECTED.items():
        assert any(m.startswith(f"ảnh '{name}': ") and what in m for m in messages), name
    assert not (tmp_path / "cache").exists()


def test_a_cover_that_does_not_exist_is_reported(tmp_path):
    content = tmp_path / "content"
    photo(content / "articles" / "2024" / "bia" / "a.jpg")
    source = article(content, "2024/bia", "Bìa", photos=["a.jpg"], cover="khong-co.jpg")
    messages = check_article_photos(
        str(source), {"photos": ["a.jpg"], "cover": "khong-co.jpg"}, settings_for(tmp_path)
    )
    assert messages == [
        "ảnh 'khong-co.jpg': (ảnh bìa, cover) không có tệp này; hãy kiểm tra lại tên tệp, "
        "hoặc chép ảnh vào thư mục của bài viết"
    ]


def test_a_misspelt_photo_name_gets_the_nearest_file(tmp_path):
    content = tmp_path / "content"
    photo(content / "articles" / "2024" / "ten" / "toan-canh.jpg")
    source = article(content, "2024/ten", "Tên ảnh", photos=["toan-cahn.jpg"])
    messages = check_article_photos(
        str(source), {"photos": ["toan-cahn.jpg"]}, settings_for(tmp_path)
    )
    assert messages == ["ảnh 'toan-cahn.jpg': không có tệp này — có phải ý bạn là 'toan-canh.jpg'?"]
