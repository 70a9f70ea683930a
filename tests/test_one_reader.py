"""One reader: `make check` and the build read every file the same way and agree on it;
odd but valid files publish what the author meant; nothing wrong is published silently."""

from __future__ import annotations

import os
import shutil
import unicodedata

import pytest

from conftest import ROOT, Site, text_of
from sample_site import build_site
from thidua.cli import build
from thidua.domain.report import BuildReport

# Odd but valid files: (relative path, raw text). Each must build as written.
ODD_BUT_VALID = {
    "articles/2024/trailing-space/index.md": (
        "--- \t\ntitle: Khoảng trắng sau dấu mở\ndate: 2024-03-05 09:00\ncluster: cum-1\n"
        "tags: [giao ước, 2024]\nunits: [vks-tuy-duc]\n---\nNội dung.\n"
    ),
    "articles/2024/bom-crlf/index.md": (
        "\ufeff---\r\ntitle: BOM và CRLF\r\ndate: 2024-03-06\r\ncluster: cum-1\r\n---\r\nChữ.\r\n"
    ),
    "articles/2024/native/index.md": (
        "Title: Tiêu đề kiểu Pelican\nDate: 06/03/2024 08:30\nCluster: cum-1\n"
        "Author Unit: Phòng 1\nTags: giao ước,\n    thi đua\n\nThân bài.\n"
    ),
    "articles/2024/so-title/index.md": (
        "---\ntitle: 2024\ndate: 2024-03-07\ncluster: cum-1\n---\nX\n"
    ),
}
# Invalid files: (relative path, raw text, field that must be named, line).
INVALID = [
    ("articles/2024/dup-flow/index.md",
     "---\ntitle: A\ndate: 2024-03-05\ncluster: cum-1\nphotos: [{file: a.jpg, file: b.jpg}]\n---\n",
     "front matter", 5),
    ("articles/2024/list-title/index.md",
     "---\ntitle: [a, b]\ndate: 2024-03-05\ncluster: cum-1\n---\n", "title", 2),
    ("articles/2024/map-summary/index.md",
     "---\ntitle: B\ndate: 2024-03-05\ncluster: cum-1\nsummary: {a: 1}\n---\n", "summary", 5),
    ("articles/2024/bad-day/index.md",
     "---\ntitle: C\ndate: 2024-02-30\ncluster: cum-1\n---\n", "date", 3),
    ("articles/2024/bad-second/index.md",
     "---\ntitle: D\ndate: 2024-02-03 09:00:61\ncluster: cum-1\n---\n", "date", 3),
    ("articles/2024/dotdot/index.md",
     "---\ntitle: E\ndate: 2024-03-05\ncluster: cum-1\nslug: ../../etc\n---\n", "slug", 5),
    ("articles/2024/empty-tag/index.md",
     "---\ntitle: F\ndate: 2024-03-05\ncluster: cum-1\ntags: ['???']\n---\n", "tags", None),
    ("articles/2024/home/index.md",
     "---\ntitle: G\ndate: 2024-03-05\ncluster: cum-1\nsave_as: index.html\n---\n", "save_as", 5),
    ("articles/2024/js-url/index.md",
     "---\ntitle: H\ndate: 2024-03-05\ncluster: cum-1\nurl: 'javascript:alert(1)'\n---\n",
     "url", 5),
    ("articles/2024/alias/index.md",
     "---\ntitle: &t I\ndate: 2024-03-05\ncluster: cum-1\nlocation: *t\n---\n",
     "front matter", 2),
    ("articles/2024/status-case/index.md",
     "---\ntitle: J\ndate: 2024-03-05\ncluster: cum-1\nstatus: Draft\n---\n", "status", 5),
]  # fmt: skip


def write_raw(site: Site, files) -> None:
    for relative, text in files:
        path = site.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def problems_by_file(report: BuildReport) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for problem in report.problems:
        found.setdefault(problem.file, set()).add(str(problem))
    return found


def test_check_and_build_agree_on_every_file(site):
    write_raw(site, ODD_BUT_VALID.items())
    write_raw(site, [(path, text) for path, text, _field, _line in INVALID])
    checked = build.check(site.settings())
    with pytest.raises(build.BuildFailed) as stopped:
        build.build(site.settings(), site.output)
    built = stopped.value.report
    assert problems_by_file(checked) == problems_by_file(built)
    assert not site.output.exists()  # stopped before anything was written
    for path, _text, field, line in INVALID:
        mine = [p for p in checked.errors if p.file == f"content/{path}"]
        assert any(p.field == field for p in mine), (path, [str(p) for p in mine])
        if line is not None:
            assert any(p.line == line for p in mine if p.field == field), (path, mine)
    for path in ODD_BUT_VALID:
        assert not [p for p in checked.errors if p.file == f"content/{path}"], path


def test_odd_but_valid_files_publish_what_the_author_wrote(site):
    write_raw(site, ODD_BUT_VALID.items())
    assert site.build() == 0
    page = site.page("bai-viet/2024/trailing-space/")
    tags = [text_of(a) for a in page.select("a[href*='/chu-de/']")]
    assert "giao ước" in tags and "2024" in tags
    assert "[giao ước" not in tags
    native = site.page("bai-viet/2024/native/")
    assert text_of(native.h1) == "Tiêu đề kiểu Pelican"
    assert "Phòng 1" in text_of(native.main)
    assert "Thứ tư, 06/03/2024" in text_of(native.main)  # day first: 6 March 2024
    native_tags = {text_of(a) for a in native.select("a[href*='/chu-de/']")}
    assert {"giao ước", "thi đua"} <= native_tags
    assert text_of(site.page("bai-viet/2024/so-title/").h1) == "2024"
    assert text_of(site.page("bai-viet/2024/bom-crlf/").h1) == "BOM và CRLF"


def test_dates_are_read_day_first(site):
    site.article("ngay-thang", date="05/07/2024 08:00", title="Ngày trước tháng")
    assert site.build() == 0
    page = site.page("bai-viet/2024/ngay-thang/")
    assert "Thứ sáu, 05/07/2024" in text_of(page.main)  # 5 July 2024 was a Friday
    assert page.find("time")["datetime"].startswith("2024-07-05T08:00")


def test_a_date_far_from_the_emulation_year_is_a_warning(site):
    site.article("xa", date="2024-03-05 09:00", year=2023)
    site.article("rat-xa", date="2024-03-05 09:00")
    site.write("articles/2016/cu/index.md", "---\ntitle: Cũ\ndate: 15/05/2016\ncluster: cum-1\n"
               "year: 2024\n---\nX\n")  # fmt: skip
    report = build.check(site.settings())
    assert report.errors == []
    [warning] = [p for p in report.warnings if p.field == "date"]
    assert warning.file == "content/articles/2016/cu/index.md" and warning.line == 3


def test_folder_names_become_ascii_addresses(site):
    site.write("articles/2025/Sơ kết Cụm 2 tháng 7/index.md",
               "---\ntitle: Sơ kết\ndate: 2024-07-05\ncluster: cum-1\n---\nX\n")  # fmt: skip
    assert site.build() == 0
    assert (site.output / "bai-viet/2024/so-ket-cum-2-thang-7/index.html").exists()
    for path in site.output.rglob("*"):
        assert str(path.relative_to(site.output)).isascii(), path


def test_a_photo_saved_with_decomposed_letters_is_found(site):
    from PIL import Image

    folder = site.content / "articles/2024/anh-nfd"
    folder.mkdir(parents=True)
    nfd_name = unicodedata.normalize("NFD", "toàn-cảnh.jpg")
    Image.new("RGB", (320, 200), (10, 90, 160)).save(folder / nfd_name)
    site.write("articles/2024/anh-nfd/index.md",
               "---\ntitle: Ảnh\ndate: 2024-03-05\ncluster: cum-1\n"
               "photos:\n  - file: toàn-cảnh.jpg\n    caption: Toàn cảnh\n---\nX\n")  # fmt: skip
    report = build.check(site.settings())
    assert report.problems == []
    assert site.build() == 0
    page = site.page("bai-viet/2024/anh-nfd/")
    assert "Toàn cảnh" in [text_of(c) for c in page.select("figcaption")]


def test_drafts_and_hidden_articles_never_leak_into_production(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    draft = "---\ntitle: Bí mật bản nháp\ndate: 2024-03-05\ncluster: {c}\nstatus: draft\n---\nX\n"
    (content / "articles/2024/nhap").mkdir(parents=True)
    (content / "articles/2024/nhap/index.md").write_text(
        draft.format(c="cum-1-vks-dak-nong"), encoding="utf-8"
    )
    shutil.copy(next((ROOT / "content").rglob("toan-canh.jpg")), content / "articles/2024/nhap")
    (content / "pages/nhap.md").write_text(
        "---\ntitle: Trang nháp kín\nstatus: draft\n---\nX\n", encoding="utf-8"
    )
    (content / "articles/2024/an").mkdir()
    (content / "articles/2024/an/index.md").write_text(
        "---\ntitle: Bài ẩn riêng\ndate: 2024-03-06\ncluster: cum-1-vks-dak-nong\n"
        "status: hidden\n---\nNội dung ẩn đặc biệt.\n",
        encoding="utf-8",
    )
    os.environ["TEST_SITE_SETTINGS"] = str(ROOT / "publishconf.py")
    try:
        output = build_site(content, tmp_path / "output")
    finally:
        del os.environ["TEST_SITE_SETTINGS"]
    names = [str(p.relative_to(output)) for p in output.rglob("*")]
    assert names, "nothing was built"
    assert not [n for n in names if "nhap" in n or "drafts" in n]
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".txt", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "Bí mật bản nháp" not in text, path
            assert "Trang nháp kín" not in text, path
            if path.name != "index.html" or "bai-viet/2024/an/" not in str(path):
                assert "Bài ẩn riêng" not in text, path
    hidden = (output / "bai-viet/2024/an/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in hidden


def test_plugin_order_does_not_change_the_site(tmp_path):
    settings = ROOT / "pelicanconf.py"
    reversed_settings = tmp_path / "reversed.py"
    reversed_settings.write_text(
        f"__file__ = {str(settings)!r}\n"
        f"exec(open(__file__, encoding='utf-8').read())\n"
        f"PATH = {str(ROOT / 'content')!r}\nPLUGINS = list(reversed(PLUGINS))\n",
        encoding="utf-8",
    )
    first = build_site(ROOT / "content", tmp_path / "a")
    os.environ["TEST_SITE_SETTINGS"] = str(reversed_settings)
    try:
        second = build_site(ROOT / "content", tmp_path / "b")
    finally:
        del os.environ["TEST_SITE_SETTINGS"]
    # Pagefind names its filter chunks differently on two runs of the same input: its
    # bundle is left out; the HTML it indexes is compared.
    files_a, files_b = (
        sorted(p.relative_to(out) for p in out.rglob("*")
               if p.is_file() and p.relative_to(out).parts[0] != "pagefind")
        for out in (first, second)
    )  # fmt: skip
    assert files_a == files_b
    assert len(files_a) > 100
    for relative in files_a:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_a_link_to_a_file_outside_the_content_folder_is_not_published(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MẬT", encoding="utf-8")
    (site.content / "static").mkdir()
    (site.content / "static" / "passwd.txt").symlink_to(secret)
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "index.md").write_text(
        "---\ntitle: Bài bên ngoài\ndate: 2024-03-05\ncluster: cum-1\n---\nX\n", encoding="utf-8"
    )
    (site.content / "articles/2024").mkdir(parents=True)
    (site.content / "articles/2024/ngoai").symlink_to(outside)
    site.article("binh-thuong")
    report = build.check(site.settings())
    files = {p.file for p in report.errors}
    assert "content/static/passwd.txt" in files
    assert "content/articles/2024/ngoai/index.md" in files
    assert site.build() == 1
    assert not site.output.exists()


def test_a_page_without_a_date_gets_no_invented_one(site):
    site.write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\n---\nVề chúng tôi.\n")
    site.article("mot-bai")
    assert site.build() == 0
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/gioi-thieu/" in sitemap
    assert "1970" not in sitemap
