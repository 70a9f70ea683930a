"""`make import` reads pages and folders from elsewhere: they must not reach outside content/.

Each test stands for one hole that was open: photos that are links to other
files, a --slug that climbs out of content/articles, legacy text that Markdown
turned into HTML attributes, a summary copied unescaped, a page nested so
deeply that reading it crashed.
"""

import os
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from thidua.cli import import_legacy
from thidua.legacy_import import write
from thidua.legacy_import.model import ImportFailed
from thidua.legacy_import.source import MAX_DEPTH

PAGES = Path(__file__).resolve().parent / "sites" / "legacy"
ATTACK = "{: autofocus onfocus=alert(1)}"


def run(site, page: str | Path, *extra: str) -> int:
    return import_legacy.main([str(PAGES / page), "--content", str(site.content), *extra])


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.removeprefix("---\n").split("\n---\n", 1)[0])


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def render_markdown(text: str) -> BeautifulSoup:
    """As Pelican renders the body and the summary (pelicanconf: Markdown "extra")."""
    html = markdown.Markdown(extensions=["markdown.extensions.extra"]).convert(text)
    return BeautifulSoup(html, "html.parser")


def assert_inert(html: BeautifulSoup) -> None:
    """No element the legacy text asked for, no attribute at all: the page adds none."""
    assert html.find(["script", "img", "a"]) is None, html
    for element in html.find_all(True):
        assert element.attrs == {}, element


# -- 1. Photos: only images really inside the --photos folder are copied ----------------


def _jpeg(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 240), "red").save(path, "JPEG")
    return path


def test_photo_links_and_non_images_are_left_out(site, tmp_path, capsys):
    """The page names three photos: a link to a secret, a link to an image elsewhere, text."""
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    elsewhere = _jpeg(tmp_path / "outside" / "anh-khac.jpg")
    folder = tmp_path / "saved_files"
    folder.mkdir()
    os.symlink("/etc/passwd" if Path("/etc/passwd").is_file() else secret, folder / "IMG_2041.JPG")
    os.symlink(elsewhere, folder / "trao-cup.jpg")
    (folder / "Keo co (1).jpg").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")

    assert run(site, "cum-1-giao-luu-anh.html", "--photos", str(folder)) == 0

    [article] = sorted((site.content / "articles").rglob("index.md"))
    assert files_under(article.parent) == ["index.md"]
    text = article.read_text(encoding="utf-8")
    assert "root:" not in text
    assert "photos" not in front_matter(text)  # listed as comments only
    notes = (
        "bỏ qua ảnh 'IMG_2041.JPG': là liên kết tới tệp ngoài thư mục",
        "bỏ qua ảnh 'trao-cup.jpg': là liên kết tới tệp ngoài thư mục",
        "bỏ qua ảnh 'Keo co (1).jpg': không phải ảnh",
    )
    out = capsys.readouterr().out
    for note in notes:
        assert note in out and note in text


def test_a_link_to_an_image_inside_the_folder_is_copied(site, tmp_path):
    folder = tmp_path / "saved_files"
    original = _jpeg(folder / "goc" / "anh-that.jpg")
    os.symlink(original, folder / "trao-cup.jpg")
    _jpeg(folder / "IMG_2041.JPG")

    assert run(site, "cum-1-giao-luu-anh.html", "--photos", str(folder)) == 0

    [article] = sorted((site.content / "articles").rglob("index.md"))
    assert files_under(article.parent) == ["img-2041.jpg", "index.md", "trao-cup.jpg"]
    assert not (article.parent / "trao-cup.jpg").is_symlink()  # a copy, not the link
    assert (article.parent / "trao-cup.jpg").read_bytes() == original.read_bytes()


# -- 2. --slug names a folder under content/articles/<year>/, nothing else ----------------


@pytest.mark.parametrize(
    ("slug", "hint"),
    [
        ("../..", "dùng chữ thường không dấu và chữ số"),
        ("../../../ngoai", "dùng ngoai"),
        ("{tmp}/bai-viet", "-bai-viet\n"),  # an absolute path (in the test's folder)
        ("nam-2024/bai", "dùng nam-2024-bai"),
        ("nam-2024\\bai", "dùng nam-2024-bai"),
        ("..", "dùng chữ thường không dấu và chữ số"),
        ("Bài viết mới", "dùng bai-viet-moi"),
        ("", "dùng chữ thường không dấu và chữ số"),
        ("bai--moi", "dùng bai-moi"),
        ("-bai-moi", "dùng bai-moi"),
        ("bai-moi\n", "dùng bai-moi"),
    ],
)
def test_a_slug_that_is_not_a_plain_folder_name_is_refused(site, tmp_path, capsys, slug, hint):
    slug = slug.replace("{tmp}", str(tmp_path))
    before = files_under(tmp_path)
    assert run(site, "cum-12-hai-ngay.html", f"--slug={slug}") == 2
    err = capsys.readouterr().err
    assert f"tên thư mục (slug) {slug!r} không hợp lệ" in err and hint in err
    assert files_under(tmp_path) == before


def test_a_plain_slug_is_used(site):
    assert run(site, "cum-12-hai-ngay.html", "--slug", "tong-ket-cum-12-nam-2024") == 0
    assert files_under(site.content / "articles") == ["2024/tong-ket-cum-12-nam-2024/index.md"]


def test_nothing_is_written_outside_content_articles(site, tmp_path):
    """The last guard: whatever slug reaches it, and through a year folder that is a link."""
    with pytest.raises(ImportFailed, match="nằm ngoài"):
        write.write_article(site.content, 2024, "../../../ngoai", "x", [])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (site.content / "articles").mkdir()
    os.symlink(elsewhere, site.content / "articles" / "2024")
    with pytest.raises(ImportFailed, match="nằm ngoài"):
        write.write_article(site.content, 2024, "bai-moi", "x", [])
    assert files_under(elsewhere) == [] and not (tmp_path / "ngoai").exists()


# -- 3 and 4. Legacy text stays text: in the body and in the summary ---------------------


def test_legacy_text_cannot_become_html(site):
    assert run(site, "cum-1-chen-ma.html") == 0
    [article] = sorted((site.content / "articles").rglob("index.md"))
    body = article.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    html = render_markdown(body)
    assert_inert(html)
    text = html.get_text()
    assert html.h2.get_text() == f"Phần một: khai mạc {ATTACK}"  # still shown, as text
    assert text.count(ATTACK) == 3
    assert "{: onfocus=alert(1)}" in text and "{#x onclick=alert(1)}" in text
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "[bấm vào đây](javascript:alert(1))" in text and "<javascript:alert(1)>" in text


def test_the_summary_is_plain_text_cut_between_words(site):
    assert run(site, "cum-1-chen-ma.html") == 0
    [article] = sorted((site.content / "articles").rglob("index.md"))
    text = article.read_text(encoding="utf-8")
    [line] = [line for line in text.splitlines() if line.startswith("summary:")]
    assert line.startswith("summary: '")  # always quoted: YAML never reads it as anything else
    summary = front_matter(text)["summary"]
    html = render_markdown(summary)
    assert_inert(html)
    shown = html.get_text()
    lead = (
        "Chiều ngày 25/4/2024, tại Hội trường VKSND thành phố Gia Nghĩa, Cụm thi đua số 1 "
        "VKSND tỉnh Đắk Nông tổ chức chương trình giao lưu văn nghệ chào mừng kỷ niệm ngày "
        "Giải phóng miền Nam, thống nhất đất nước với sự tham gia của đông đảo cán bộ, công "
        "chức, người lao động các đơn vị trong cụm và đại biểu khách mời"
    )
    assert "<" not in shown and "onerror" not in shown
    assert shown.endswith("…") and len(shown) <= 300
    assert lead.startswith(shown.removesuffix("…"))
    assert lead[len(shown) - 1] == " "  # cut between two words


def test_shorten_keeps_short_text_and_cuts_long_words():
    from thidua.legacy_import.guess import plain_text, shorten

    assert shorten("Hội nghị sơ kết.", 300) == "Hội nghị sơ kết."
    assert shorten("a" * 400, 300) == "a" * 299 + "…"
    assert plain_text("<p>Hội\u2028nghị</p>\n <b>sơ kết</b>") == "Hội nghị sơ kết"


# -- 5. A page nested too deeply is refused with a message, not a crash ------------------


def _nested_page(path: Path, depth: int) -> Path:
    paragraph = (
        "<p>Sáng ngày 01/3/2024, Cụm thi đua số 12 tổ chức ký kết giao ước thi đua năm 2024 với "
        "sự tham gia của các đơn vị trong cụm và đại biểu khách mời của tỉnh.</p>"
    )
    path.write_text(
        "<html><body><h1>Cụm thi đua số 12 ký kết giao ước thi đua năm 2024</h1>"
        "<p>Ngày đăng: 04/03/2024</p>"
        + "<div>" * depth
        + paragraph * 3
        + "</div>" * depth
        + "</body></html>",
        encoding="utf-8",
    )
    return path


def test_a_page_nested_too_deeply_is_refused(site, tmp_path, capsys):
    page = _nested_page(tmp_path / "long-nhau.html", 1000)
    assert run(site, page) == 2
    err = capsys.readouterr().err
    assert str(page) in err
    assert f"trang lồng quá sâu, không đọc được (hơn {MAX_DEPTH} tầng thẻ HTML)" in err
    assert "Traceback" not in err and not (site.content / "articles").exists()


def test_a_page_nested_below_the_limit_is_read(site, tmp_path):
    page = _nested_page(tmp_path / "long-nhau.html", MAX_DEPTH - 10)
    # The text names "Cụm thi đua số 12" but not its agency: the archivist names the cluster.
    assert run(site, page, "--cluster", "cum-12") == 0
    assert len(files_under(site.content / "articles")) == 1
